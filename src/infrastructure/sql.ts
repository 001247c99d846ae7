import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The one seam that runs SQL: an EntityManager inside a transaction, the
 * DataSource, or the pool's prepared statements all fit it.
 */
export interface Sql {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<R = any>(text: string, values?: unknown[]): Promise<R[]>;
}

/**
 * The DataSource's own pg pool, without TypeORM's per-query overhead, for the
 * hot path: each distinct statement is a named prepared statement, planned
 * once per connection instead of once per call.
 */
export function preparedSql(dataSource: DataSource): Sql {
  const names = new Map<string, string>();
  return {
    async query<R>(text: string, values: unknown[] = []): Promise<R[]> {
      let name = names.get(text);
      if (name === undefined) {
        name = `prepared_${names.size + 1}`;
        names.set(text, name);
      }
      const pool = (dataSource.driver as PostgresDriver).master as Pool;
      const result = await pool.query({ name, text, values });
      return result.rows as R[];
    },
  };
}
