import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** Runs a hot-path statement as a named prepared statement: planned once per connection, not per call. */
export interface SqlExecutor {
  query<R>(name: string, text: string, values: unknown[]): Promise<R[]>;
}

/** The DataSource's own pg pool, without TypeORM's per-query overhead. */
export function poolExecutor(dataSource: DataSource): SqlExecutor {
  return {
    async query<R>(name: string, text: string, values: unknown[]): Promise<R[]> {
      const pool = (dataSource.driver as PostgresDriver).master as Pool;
      const result = await pool.query({ name, text, values });
      return result.rows as R[];
    },
  };
}
