import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { entities } from '../entities';

export interface DataSourceOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
  /** Every transaction read-only (a replica's pool). */
  readOnly?: boolean;
  connectionTimeoutMillis?: number;
}

/** The one way the service builds its DataSource: migrations only, never synchronize. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // The migrations own every extension (btree_gist); left on, TypeORM would
    // CREATE EXTENSION at every connect (uuid-ossp for the uuid keys, btree_gist
    // for the exclusions), changing the database behind the migrations' back.
    installExtensions: false,
    // Generated uuid keys default to gen_random_uuid() (core PostgreSQL), as the migrations declare them.
    uuidExtension: 'pgcrypto',
    logging: false,
    // Without a connection timeout pg-pool waits forever for a free client.
    extra: {
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
      idleTimeoutMillis: 30000,
      application_name: options.applicationName ?? 'entitlement-api',
      ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
    },
  });
}
