import cluster, { Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { Counter, Gauge, Registry } from 'prom-client';
import { resolveRuntime } from '../bootstrap';
import type { Config } from '../config';
import { createDataSource } from '../database/data-source';
import type { Logger } from '../logger';
import { serveClusterMetrics } from '../metrics/cluster-metrics';
import { gcFlags } from './gc-flags';

const DRAIN_TIMEOUT_MS = 30_000;
const CRASH_WINDOW_MS = 60_000;
const MAX_RESTART_DELAY_MS = 30_000;

/** Delay before replacing a worker, given how many died in the last minute: a crash loop slows down instead of spinning. */
export function restartDelayMs(recentDeaths: number): number {
  if (recentDeaths <= 1) return 0;
  return Math.min(MAX_RESTART_DELAY_MS, 250 * 2 ** (recentDeaths - 2));
}

export interface RunningPrimary {
  stop(): Promise<void>;
}

/**
 * The primary of WEB_CONCURRENCY workers: it owns what must exist once (the
 * embedded database, the migrations), forks the workers that serve on the
 * shared port, replaces any that dies, and on shutdown drains the workers
 * before stopping the database.
 */
export async function startPrimary(baseConfig: Config, logger: Logger): Promise<RunningPrimary> {
  const count = baseConfig.webConcurrency;
  // Each worker has its own pool and a LISTEN connection.
  const maxConnections = count * (baseConfig.dbPoolSize + 2) + 20;
  const { config, databaseUrl, embedded } = await resolveRuntime(baseConfig, logger, { maxConnections });
  try {
    const dataSource = createDataSource({ url: databaseUrl, poolSize: 1 });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    if (embedded) await embedded.stop().catch(() => undefined);
    throw error;
  }

  const registry = new Registry();
  const restarts = new Counter({
    name: 'entitlement_cluster_worker_restarts_total',
    help: 'Workers replaced after dying',
    registers: [registry],
  });
  new Gauge({
    name: 'entitlement_cluster_workers',
    help: 'Worker processes alive',
    registers: [registry],
    collect() {
      this.set(Object.keys(cluster.workers ?? {}).length);
    },
  });
  serveClusterMetrics(registry);

  // Workers use the database and secrets resolved here instead of starting their own.
  const workerEnv: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    ...(config.auth.jwtSecret ? { AUTH_JWT_SECRET: config.auth.jwtSecret } : {}),
    ...(config.signalHashKey ? { SIGNAL_HASH_KEY: config.signalHashKey } : {}),
  };
  let stopping = false;
  let allUp = false;
  const deaths: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let failStart: ((error: Error) => void) | null = null;

  // A worker per core (the default) collects garbage on its own thread: helper threads would take turns with the other workers.
  const flags = gcFlags(count, availableParallelism());
  cluster.setupPrimary({ execArgv: [...process.execArgv.filter((flag) => !flags.includes(flag)), ...flags] });
  const fork = (): Worker => cluster.fork(workerEnv);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    if (!allUp) {
      failStart?.(new Error(`worker ${worker.process.pid} exited during start-up (code ${code}, signal ${signal})`));
      return;
    }
    const now = performance.now(); // only compared with other deaths
    deaths.push(now);
    while (deaths.length > 0 && deaths[0] < now - CRASH_WINDOW_MS) deaths.shift();
    const delay = restartDelayMs(deaths.length);
    logger.warn({ pid: worker.process.pid, code, signal, restartInMs: delay }, 'worker died; replacing it');
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (stopping) return;
      restarts.inc();
      fork();
    }, delay);
    timers.add(timer);
  });

  const stop = async () => {
    stopping = true;
    for (const timer of timers) clearTimeout(timer);
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    await Promise.all(
      live.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const killer = setTimeout(() => worker.process.kill('SIGKILL'), DRAIN_TIMEOUT_MS);
            worker.once('exit', () => {
              clearTimeout(killer);
              resolve();
            });
            // The worker's own SIGTERM handler drains its requests and closes its pool.
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    // Last, once nothing uses it.
    if (embedded) await embedded.stop();
  };

  try {
    await new Promise<void>((resolve, reject) => {
      failStart = reject;
      let listening = 0;
      for (let i = 0; i < count; i += 1) {
        fork().once('listening', () => {
          listening += 1;
          if (listening === count) resolve();
        });
      }
    });
  } catch (error) {
    await stop();
    throw error;
  }
  allUp = true;
  failStart = null;
  logger.info({ workers: count, port: config.port, embeddedDatabase: embedded !== null }, 'cluster listening');
  return { stop };
}
