import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/database/data-source';
import { createLogger } from '../src/logger';
import { createServices, Services } from '../src/services';
import { startBenchDatabase } from './bench-database';

export interface BenchServices {
  dataSource: DataSource;
  services: Services;
  /** Stops the services, closes the pool and drops the bench database. */
  stop(): Promise<void>;
}

/**
 * The service layer in this process on a fresh, migrated bench database: for
 * benchmarks that call services directly rather than over HTTP.
 */
export async function startBenchServices(name: string): Promise<BenchServices> {
  const db = await startBenchDatabase(name);
  const secret = randomBytes(32).toString('hex');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    AUTH_JWT_SECRET: secret,
    SIGNAL_HASH_KEY: secret,
    LOG_LEVEL: 'silent',
  });
  const dataSource = createDataSource({ url: db.url, applicationName: `entitlement-api-${name.replace(/_/g, '-')}` });
  const services = createServices(dataSource, config, createLogger('silent'));
  const stop = async () => {
    await services.stop?.().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.stop();
  };
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await stop();
    throw error;
  }
  return { dataSource, services, stop };
}
