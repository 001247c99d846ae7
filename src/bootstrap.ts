import cluster from 'node:cluster';
import http from 'node:http';
import { DataSource } from 'typeorm';
import { TokenVerifier } from './auth/token-verifier';
import { Config, ConfigError } from './config';
import { createDataSource } from './database/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import type { Logger } from './logger';
import { shareWithPrimary } from './metrics/cluster-metrics';
import { processMetricsRegistry } from './metrics/metrics';
import { loadOrCreateLocalSecrets } from './secrets';
import { createApp, listen } from './server';
import { createServices, Services } from './services';

export interface RunningService {
  url: string;
  config: Config;
  dataSource: DataSource;
  services: Services;
  httpServer: http.Server;
  stop(): Promise<void>;
}

/**
 * Resolves the database and secrets the configuration calls for. Without
 * DATABASE_URL a real embedded PostgreSQL is started under DATA_DIR, and
 * missing secrets are generated there and kept.
 */
export async function resolveRuntime(
  config: Config,
  logger: Logger,
  options: { needsSecrets?: boolean; maxConnections?: number } = {},
): Promise<{ config: Config; databaseUrl: string; embedded: EmbeddedDatabase | null }> {
  const missing = [
    ...(!config.auth.jwtSecret && !config.auth.jwksUrl ? ['AUTH_JWT_SECRET (or AUTH_JWKS_URL)'] : []),
    ...(!config.signalHashKey ? ['SIGNAL_HASH_KEY'] : []),
  ];
  // On a shared database every process must hash and verify with the same
  // keys: secrets generated per host would silently miss 9(n) links.
  if (config.databaseUrl !== null && missing.length > 0 && options.needsSecrets !== false) {
    throw new ConfigError(`${missing.join(' and ')} must be set when DATABASE_URL is set`);
  }
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.databaseUrl;
  let resolved = config;
  if (databaseUrl === null) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, logger, {
      maxConnections: options.maxConnections,
      runtimeDir: config.embeddedPgRuntimeDir,
    });
    databaseUrl = embedded.url;
  }
  if (missing.length > 0 && config.databaseUrl === null) {
    const local = loadOrCreateLocalSecrets(config.dataDir);
    resolved = {
      ...config,
      auth: { ...config.auth, jwtSecret: config.auth.jwtSecret ?? (config.auth.jwksUrl ? null : local.jwtSecret) },
      signalHashKey: config.signalHashKey ?? local.signalHashKey,
    };
  }
  return { config: resolved, databaseUrl, embedded };
}

/**
 * config -> database -> migrations -> server. A cluster worker skips the
 * migrations: its primary has applied them once, before forking.
 */
export async function startService(baseConfig: Config, logger: Logger, options: { migrate?: boolean } = {}): Promise<RunningService> {
  const { config, databaseUrl, embedded } = await resolveRuntime(baseConfig, logger);
  const dataSource = createDataSource({ url: databaseUrl, poolSize: config.dbPoolSize });
  try {
    await dataSource.initialize();
    const applied = options.migrate === false ? [] : await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
    throw error;
  }
  const services = createServices(dataSource, config, logger);
  if (cluster.isWorker) shareWithPrimary([services.metrics.registry, processMetricsRegistry()]);
  let started: { httpServer: http.Server; apollo: Awaited<ReturnType<typeof createApp>>['apollo']; url: string };
  let apolloToStop: Awaited<ReturnType<typeof createApp>>['apollo'] | null = null;
  try {
    const tokenVerifier = new TokenVerifier(config.auth, services.clock);
    const { httpServer, apollo } = await createApp({ config, dataSource, services, logger, tokenVerifier });
    apolloToStop = apollo;
    // Listening first: /healthz answers while a large catalog is indexed, and
    // /readyz stays 503 until the whole index is built (never a partial one).
    started = { httpServer, apollo, url: await listen(httpServer, config.port, config.host) };
    await services.start?.();
  } catch (error) {
    // A port in use must not leave the pool, the listener or the database running.
    await apolloToStop?.stop().catch(() => undefined);
    await services.stop?.().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    if (embedded) await embedded.stop().catch(() => undefined);
    throw error;
  }
  const { httpServer, apollo, url } = started;
  logger.info({ url, embeddedDatabase: embedded !== null }, 'listening');

  let stopping: Promise<void> | null = null;
  return {
    url,
    config,
    dataSource,
    services,
    httpServer,
    stop() {
      stopping ??= (async () => {
        await apollo.stop(); // drains in-flight requests and closes the HTTP server
        await services.stop?.();
        await dataSource.destroy();
        if (embedded) await embedded.stop();
      })();
      return stopping;
    },
  };
}
