import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CatalogKind } from '../../domain/enums';
import type { DescribedRowDraft } from '../../domain/describe-as-rules';
import type { TransactionRunner } from '../../infrastructure/transaction-runner';
import type { Actor } from '../shared/actor';
import { ImportProblem, readCatalogCsv } from './catalog-csv';
import { CatalogService, lockCatalog, MAX_ENTRIES_PER_CALL, publishVersion } from './catalog.service';

export type { ImportProblem } from './catalog-csv';

/** What both imports count. */
export interface ImportCounts {
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  added: number;
  /** Valid rows already in the catalog, or repeated in the file (the first one counts). */
  duplicates: number;
  /** Entries already present whose override a row changed (they count as duplicates too). */
  overridesChanged: number;
  /** Entries already present whose description a row changed (they count as duplicates too). */
  describeAsChanged: number;
  /** Rows reported and skipped. */
  invalid: number;
  /** The first problems, in file order (all of them are counted in `invalid`). */
  problems: ImportProblem[];
}

export interface CatalogImportReport extends ImportCounts {
  batches: number;
}

function noCounts(): ImportCounts {
  return { rows: 0, added: 0, duplicates: 0, overridesChanged: 0, describeAsChanged: 0, invalid: 0, problems: [] };
}

/** Counts a bad row, keeps the first few, and tells the caller. */
function problemCounter(report: ImportCounts, keep: number, onProblem?: (problem: ImportProblem) => void) {
  return (p: ImportProblem) => {
    report.invalid += 1;
    if (report.problems.length < keep) report.problems.push(p);
    onProblem?.(p);
  };
}

export interface CatalogImportOptions {
  /** Rows per call to the catalog service (one transaction, one catalog version, one audit event each). */
  batchSize?: number;
  /** Characters per batch, so a file of long lyrics does not build huge batches. */
  batchChars?: number;
  /** How many problems the report keeps (all are counted). */
  keepProblems?: number;
  onProblem?: (problem: ImportProblem) => void;
  onBatch?: (report: CatalogImportReport) => void;
}

/**
 * Reads a `kind,text[,override[,describeAs]]` CSV as a stream and adds its valid rows in
 * batches through the catalog service. Bad rows are reported with their line,
 * counted and skipped (see {@link readCatalogCsv}). Batches commit one by one:
 * a failure part-way leaves the earlier batches in place, and running the
 * import again is harmless because duplicates are ignored. For very large
 * files, {@link bulkImportCatalogCsv} loads everything in one transaction.
 */
export async function importCatalogCsv(
  catalog: CatalogService,
  actor: Actor,
  input: Readable,
  options: CatalogImportOptions = {},
): Promise<CatalogImportReport> {
  const batchSize = Math.min(options.batchSize ?? 10_000, MAX_ENTRIES_PER_CALL);
  const batchChars = options.batchChars ?? 10_000_000;
  const keepProblems = options.keepProblems ?? 100;
  const report: CatalogImportReport = { ...noCounts(), batches: 0 };
  const problem = problemCounter(report, keepProblems, options.onProblem);

  let batch: DescribedRowDraft[] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await catalog.addEntries(actor, batch);
    report.added += result.added;
    report.duplicates += result.duplicates;
    report.overridesChanged += result.overridesChanged;
    report.describeAsChanged += result.describeAsChanged;
    report.batches += 1;
    batch = [];
    chars = 0;
    options.onBatch?.(report);
  };

  for await (const { entry } of readCatalogCsv(input, problem, () => {
    report.rows += 1;
  })) {
    batch.push(entry);
    chars += entry.text.length;
    if (batch.length >= batchSize || chars >= batchChars) await flush();
  }
  await flush();
  return report;
}

export interface BulkImportReport extends ImportCounts {
  /** The catalog version the import published; null when it changed nothing. */
  version: number | null;
}

export type BulkImportPhase = 'reading' | 'adding';

export interface BulkImportOptions {
  keepProblems?: number;
  onProblem?: (problem: ImportProblem) => void;
  /**
   * Called every `progressEvery` rows while reading, then after each chunk added: `done` of `total`
   * (staging pages; 0 of 0 while reading).
   */
  onProgress?: (progress: { phase: BulkImportPhase; rows: number; done: number; total: number }) => void;
  progressEvery?: number;
  /** Rows per set-based insert (default 500,000): one in-memory sort each, and a progress step between them. */
  chunkRows?: number;
}

// Bytes of COPY text gathered before one write: few large writes, not millions of small ones.
const COPY_CHUNK = 256 * 1024;
const STAGING = 'catalog_import_rows';
const ADD_CHUNK_ROWS = 500_000;

/**
 * Imports a `kind,text[,override[,describeAs]]` CSV of any size in one transaction: rows
 * are read and checked as a stream (the same rules and line numbers as
 * {@link importCatalogCsv}), sent with COPY into a temporary staging table,
 * then added with set-based INSERT ... ON CONFLICT DO NOTHING statements of
 * `chunkRows` rows each, in file order (the first of repeated entries wins),
 * and one UPDATE each of the overrides and of the descriptions that changed.
 * One catalog version, one audit event with the counts, one NOTIFY; nothing
 * is written if anything fails. The catalog lock is taken only after the
 * file has been read, so other catalog changes wait only for the set-based part.
 */
export async function bulkImportCatalogCsv(
  catalog: CatalogService,
  transactions: TransactionRunner,
  actor: Actor,
  input: Readable,
  options: BulkImportOptions = {},
): Promise<BulkImportReport> {
  const keepProblems = options.keepProblems ?? 100;
  const progressEvery = options.progressEvery ?? 100_000;
  const report: BulkImportReport = { ...noCounts(), version: null };
  const progress = (phase: BulkImportPhase, done = 0, total = 0) => options.onProgress?.({ phase, rows: report.rows, done, total });

  await transactions.run(actor, async (uow) => {
    const client = (await uow.manager.queryRunner!.connect()) as PoolClient;
    // Sorting and hashing millions of staged rows: more memory than the default, for this transaction only.
    await client.query(`SET LOCAL work_mem = '256MB'`);
    await client.query(`
      CREATE TEMPORARY TABLE ${STAGING} (
        line bigint NOT NULL, kind text NOT NULL, text text NOT NULL, text_key bytea NOT NULL,
        search_text text NOT NULL, override text, describe_as text
      ) ON COMMIT DROP`);
    progress('reading');
    const valid = await copyRows(
      client,
      readCatalogCsv(input, problemCounter(report, keepProblems, options.onProblem), () => {
        report.rows += 1;
        if (report.rows % progressEvery === 0) progress('reading');
      }),
    );
    const [{ blocks }] = (
      await client.query<{ blocks: string }>(`SELECT pg_relation_size('${STAGING}') / current_setting('block_size')::int AS blocks`)
    ).rows;
    const total = Number(blocks);
    // Chunks of about chunkRows rows by physical position: COPY appended the rows in line order, so the
    // chunks go in line order too, each one sorts in memory, and progress can be shown between them.
    const chunkBlocks = Math.max(1, Math.ceil(((options.chunkRows ?? ADD_CHUNK_ROWS) * total) / Math.max(valid, 1)));
    progress('adding', 0, total);

    const next = (await lockCatalog(uow.manager)) + 1;
    // New trigram entries gather in the index's pending list and are merged in one sorted pass at the end.
    await client.query(`SET LOCAL gin_pending_list_limit = '1GB'`);
    const byKind: Partial<Record<CatalogKind, number>> = {};
    for (let from = 0; from < total || from === 0; from += chunkBlocks) {
      const last = from + chunkBlocks >= total;
      // In key order (bytes, no collation to apply), the unique index is written page by page instead of at
      // random; ON CONFLICT DO NOTHING skips every row of an entry after its first, in line order (earlier
      // chunks, then earlier lines within a chunk): the first row wins.
      const { rows: added } = await client.query<{ kind: CatalogKind; n: string }>(
        `
        WITH added AS (
          INSERT INTO catalog_entries (kind, text, text_key, search_text, screening_override, describe_as, added_version)
          SELECT kind, text, text_key, search_text, coalesce(override, 'AUTO'), describe_as, $1 FROM ${STAGING}
          WHERE ctid >= $2::tid ${last ? '' : 'AND ctid < $3::tid'}
          ORDER BY text_key, line
          ON CONFLICT (kind, text_key) DO NOTHING
          RETURNING kind)
        SELECT kind, count(*) AS n FROM added GROUP BY kind`,
        last ? [next, `(${from},0)`] : [next, `(${from},0)`, `(${from + chunkBlocks},0)`],
      );
      for (const { kind, n } of added) byKind[kind] = (byKind[kind] ?? 0) + Number(n);
      progress('adding', Math.min(from + chunkBlocks, total), total);
      if (last) break;
    }
    await client.query(`SELECT gin_clean_pending_list('catalog_entries_search_trgm_idx')`);
    report.added = Object.values(byKind).reduce((sum, n) => sum + n, 0);
    report.duplicates = valid - report.added;
    // Entries added just now already carry their override; the first row of an entry says which override it gets.
    const changed = await client.query(
      `
      UPDATE catalog_entries c SET screening_override = s.override, override_version = $1
      FROM (SELECT DISTINCT ON (kind, text_key) kind, text_key, override FROM ${STAGING}
            WHERE override IS NOT NULL ORDER BY kind, text_key, line) s
      WHERE c.kind = s.kind AND c.text_key = s.text_key AND c.screening_override <> s.override AND c.added_version <> $1`,
      [next],
    );
    report.overridesChanged = changed.rowCount ?? 0;
    const described = await client.query(
      `
      UPDATE catalog_entries c SET describe_as = s.describe_as, describe_as_version = $1
      FROM (SELECT DISTINCT ON (kind, text_key) kind, text_key, describe_as FROM ${STAGING}
            WHERE describe_as IS NOT NULL ORDER BY kind, text_key, line) s
      WHERE c.kind = s.kind AND c.text_key = s.text_key AND c.describe_as IS DISTINCT FROM s.describe_as AND c.added_version <> $1`,
      [next],
    );
    report.describeAsChanged = described.rowCount ?? 0;
    // Nothing changed: no version, nothing to audit.
    if (report.added === 0 && report.overridesChanged === 0 && report.describeAsChanged === 0) return;
    await publishVersion(uow.manager, next);
    report.version = next;
    uow.record({
      action: 'catalog.import',
      targetType: 'Catalog',
      targetId: 'catalog',
      after: {
        version: next,
        rows: report.rows,
        added: report.added,
        duplicates: report.duplicates,
        overridesChanged: report.overridesChanged,
        describeAsChanged: report.describeAsChanged,
        invalid: report.invalid,
        byKind,
      },
    });
  });
  if (report.version !== null) await catalog.announce(report.version);
  return report;
}

/** Streams the rows into the staging table with COPY; returns how many were sent. */
async function copyRows(client: PoolClient, rows: AsyncIterable<{ line: number; entry: DescribedRowDraft }>): Promise<number> {
  const copy: Writable = client.query(
    copyFrom(`COPY ${STAGING} (line, kind, text, text_key, search_text, override, describe_as) FROM STDIN`),
  );
  let sent = 0;
  let chunk = '';
  try {
    for await (const { line, entry } of rows) {
      const describeAs = entry.describeAs === null ? '\\N' : copyText(entry.describeAs);
      chunk += `${line}\t${entry.kind}\t${copyText(entry.text)}\t\\\\x${entry.key}\t${entry.normalized}\t${entry.override ?? '\\N'}\t${describeAs}\n`;
      sent += 1;
      if (chunk.length >= COPY_CHUNK) {
        const more = copy.write(chunk);
        chunk = '';
        if (!more) await once(copy, 'drain');
      }
    }
    copy.end(chunk);
    await finished(copy);
  } catch (error) {
    // Aborts the COPY (the server discards it); the transaction then rolls back.
    // The server's answer to the abort arrives as one more error: already handled here.
    copy.on('error', () => undefined);
    copy.destroy(error as Error);
    throw error;
  }
  return sent;
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value in COPY's text format: backslash, newline, carriage return and tab escaped. */
function copyText(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]) : value;
}
