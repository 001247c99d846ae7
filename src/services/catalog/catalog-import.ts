import type { Readable } from 'node:stream';
import type { CatalogRowDraft } from '../../domain/screening/catalog-entry-rules';
import type { Actor } from '../shared/actor';
import { ImportProblem, readCatalogCsv } from './catalog-csv';
import { CatalogService, MAX_ENTRIES_PER_CALL } from './catalog.service';

export type { ImportProblem } from './catalog-csv';

export interface CatalogImportReport {
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  added: number;
  /** Valid rows that were already in the catalog, or repeated in the file. */
  duplicates: number;
  /** Entries already present whose override a row changed (they count as duplicates too). */
  overridesChanged: number;
  /** Rows reported and skipped. */
  invalid: number;
  /** The first problems, in file order (all of them are counted in `invalid`). */
  problems: ImportProblem[];
  batches: number;
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
 * Reads a `kind,text[,override]` CSV as a stream and adds its valid rows in
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
  const report: CatalogImportReport = {
    rows: 0,
    added: 0,
    duplicates: 0,
    overridesChanged: 0,
    invalid: 0,
    problems: [],
    batches: 0,
  };
  const problem = (p: ImportProblem) => {
    report.invalid += 1;
    if (report.problems.length < keepProblems) report.problems.push(p);
    options.onProblem?.(p);
  };

  let batch: CatalogRowDraft[] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const result = await catalog.addEntries(actor, batch);
    report.added += result.added;
    report.duplicates += result.duplicates;
    report.overridesChanged += result.overridesChanged;
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
