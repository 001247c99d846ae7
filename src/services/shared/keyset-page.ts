import type { DataSource, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor, isValidPageSize, KeyType, MAX_PAGE_SIZE } from '../../domain/cursor';
import { refuse } from '../../errors';

/** One column of a sort key: an SQL expression over the query's aliases, and its type. */
export interface KeyColumn {
  expr: string;
  type: KeyType;
}

/**
 * A total order for keyset paging: the last column must make the key unique
 * (an id), and an index on the same columns keeps every page an index scan.
 */
export interface Keyset {
  columns: readonly KeyColumn[];
  direction: 'ASC' | 'DESC';
}

export interface PageArgs {
  first: number;
  after?: string | null;
}

export interface Page<T> {
  items: Array<{ node: T; cursor: string }>;
  hasNextPage: boolean;
  endCursor: string | null;
  /** Counted only when asked: a count of a large unfiltered table is the one cost that grows with the table. */
  totalCount: () => Promise<number>;
}

/** Chooses the database a list read runs on (see ReplicaReads.list). */
export interface ListReads {
  list<T>(primary: DataSource, run: (dataSource: DataSource) => Promise<T>): Promise<T>;
}

// Per DataSource, so that every list service built on it pages on its replica without being told.
const listReadsOf = new WeakMap<DataSource, ListReads>();

/** Lists whose queries are built on `primary` are read where `reads` says (a replica that has caught up). */
export function routeListReads(primary: DataSource, reads: ListReads | null): void {
  if (reads === null) listReadsOf.delete(primary);
  else listReadsOf.set(primary, reads);
}

/**
 * Runs a query of `qb` on the database its DataSource's list routing picks
 * (the primary when there is none). `run` gets the replica's query runner, or
 * null for the primary; it must not bind `qb` itself, since a failed replica
 * read is run again on the primary.
 */
function onListDatabase<T>(qb: SelectQueryBuilder<ObjectLiteral>, run: (runner: QueryRunner | null) => Promise<T>): Promise<T> {
  const primary = qb.connection;
  const reads = listReadsOf.get(primary);
  // A query bound to a runner (a transaction) reads what that transaction sees: never routed.
  if (reads === undefined || (qb as unknown as { queryRunner?: QueryRunner }).queryRunner !== undefined) return run(null);
  return reads.list(primary, async (dataSource) => {
    if (dataSource === primary) return run(null);
    const runner = dataSource.createQueryRunner();
    try {
      return await run(runner);
    } finally {
      await runner.release();
    }
  });
}

/** Checks `first` and decodes `after`; BAD_USER_INPUT for either. */
export function readPageArgs(args: PageArgs, keyset: Keyset): string[] | null {
  if (!isValidPageSize(args.first)) {
    throw refuse('LIMIT_OUT_OF_RANGE', `first must be from 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  if (args.after === undefined || args.after === null) return null;
  const key = decodeCursor(
    args.after,
    keyset.columns.map((c) => c.type),
  );
  if (key === null) throw refuse('INVALID_CURSOR', 'after is not a cursor of this list', { field: 'after' });
  return key;
}

const SQL_TYPE: Record<KeyType, string> = { timestamptz: 'timestamptz', uuid: 'uuid', int: 'bigint', text: 'text' };

// Microseconds and UTC: a JS Date would lose the microseconds PostgreSQL keeps, and rows would be skipped.
function cursorText(column: KeyColumn): string {
  return column.type === 'timestamptz'
    ? `to_char(${column.expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : `(${column.expr})::text`;
}

/**
 * One page of `qb` in keyset order: a row comparison against the cursor's key
 * (`(created_at, id) < ($1, $2)`), ORDER BY the key, LIMIT first + 1 to learn
 * whether there is more. `qb` holds only the filters; it is not run as is.
 */
export function keysetPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, keyset: Keyset, args: PageArgs): Promise<Page<T>> {
  return pageOf<T>(qb as unknown as SelectQueryBuilder<ObjectLiteral>, keyset, args, 'entities');
}

/** keysetPage for queries read as raw rows (aggregates, subqueries): the rows as selected. */
export function keysetRawPage<R>(qb: SelectQueryBuilder<ObjectLiteral>, keyset: Keyset, args: PageArgs): Promise<Page<R>> {
  return pageOf<R>(qb, keyset, args, 'raw');
}

async function pageOf<T>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  keyset: Keyset,
  args: PageArgs,
  read: 'entities' | 'raw',
): Promise<Page<T>> {
  const key = readPageArgs(args, keyset);
  const counter = qb.clone();
  const page = keysetQuery(qb, keyset, key, args.first);
  const rows = await onListDatabase(page, async (runner): Promise<Array<{ node: T; raw: Record<string, unknown> }>> => {
    const query = runner === null ? page : page.clone().setQueryRunner(runner);
    if (read === 'raw') return (await query.getRawMany()).map((raw) => ({ node: raw as T, raw }));
    const { entities, raw } = await query.getRawAndEntities();
    return entities.map((node, i) => ({ node: node as T, raw: raw[i] }));
  });
  const hasNextPage = rows.length > args.first;
  const items = rows.slice(0, args.first).map(({ node, raw }) => ({
    node,
    cursor: encodeCursor(keyset.columns.map((_, i) => String(raw[`keyset_${i}`]))),
  }));
  let count: Promise<number> | null = null;
  return {
    items,
    hasNextPage,
    endCursor: items.length > 0 ? items[items.length - 1].cursor : null,
    totalCount: () => (count ??= countRows(counter, read)),
  };
}

/**
 * The page's query, not run: a copy of `qb` after `key` (null: from the
 * start) in keyset order, LIMIT first + 1, with the key's columns selected as
 * keyset_0.. for the cursors. Exported for EXPLAIN in the benchmark and tests.
 */
export function keysetQuery(
  qb: SelectQueryBuilder<ObjectLiteral>,
  keyset: Keyset,
  key: readonly string[] | null,
  first: number,
): SelectQueryBuilder<ObjectLiteral> {
  const page = qb.clone();
  const cols = keyset.columns;
  if (key !== null) {
    const params = Object.fromEntries(key.map((v, i) => [`keyset_${i}`, v]));
    const left = cols.map((c) => c.expr).join(', ');
    const right = cols.map((c, i) => `CAST(:keyset_${i} AS ${SQL_TYPE[c.type]})`).join(', ');
    page.andWhere(`(${left}) ${keyset.direction === 'DESC' ? '<' : '>'} (${right})`, params);
  }
  cols.forEach((c, i) => {
    page.addSelect(cursorText(c), `keyset_${i}`);
    page.addOrderBy(c.expr, keyset.direction);
  });
  return page.limit(first + 1);
}

function countRows(qb: SelectQueryBuilder<ObjectLiteral>, read: 'entities' | 'raw'): Promise<number> {
  return onListDatabase(qb, async (runner) => {
    if (read === 'raw') {
      // Aggregates and DISTINCT stay inside: count the rows the query would return.
      const [sql, params] = qb.getQueryAndParameters();
      const [row] = await (runner ?? qb.connection).query(`SELECT count(*)::bigint AS n FROM (${sql}) counted`, params);
      return Number(row.n);
    }
    const query = runner === null ? qb.clone() : qb.clone().setQueryRunner(runner);
    const row = await query.select('count(*)::bigint', 'n').orderBy().getRawOne<{ n: string }>();
    return Number(row?.n ?? 0);
  });
}
