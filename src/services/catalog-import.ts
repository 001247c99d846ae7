import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CatalogEntryDraft, checkCatalogEntry } from '../domain/screening/catalog-entry-rules';
import type { Actor } from './actor';
import { CatalogService, MAX_ENTRIES_PER_CALL } from './catalog.service';

export interface ImportProblem {
  /** 1-based line of the CSV where the row starts. */
  line: number;
  message: string;
}

export interface CatalogImportReport {
  /** Data rows read (header and blank lines excluded). */
  rows: number;
  added: number;
  /** Valid rows that were already in the catalog, or repeated in the file. */
  duplicates: number;
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
 * Reads a `kind,text` CSV as a stream and adds its valid rows in batches
 * through the catalog service. Bad rows (unknown kind, empty or overlong text,
 * wrong number of columns, unreadable quoting) are reported with their line,
 * counted and skipped. Batches commit one by one: a failure part-way leaves
 * the earlier batches in place, and running the import again is harmless
 * because duplicates are ignored.
 */
export async function importCatalogCsv(
  catalog: CatalogService, actor: Actor, input: Readable, options: CatalogImportOptions = {},
): Promise<CatalogImportReport> {
  const batchSize = Math.min(options.batchSize ?? 10_000, MAX_ENTRIES_PER_CALL);
  const batchChars = options.batchChars ?? 10_000_000;
  const keepProblems = options.keepProblems ?? 100;
  const report: CatalogImportReport = { rows: 0, added: 0, duplicates: 0, invalid: 0, problems: [], batches: 0 };
  const problem = (line: number, message: string) => {
    report.invalid += 1;
    const p = { line, message };
    if (report.problems.length < keepProblems) report.problems.push(p);
    options.onProblem?.(p);
  };

  // Blank lines are kept as records so that line numbers can be counted from record ends.
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_records_with_error: true });
  let lastLine = 0;
  parser.on('skip', (error: Error & { lines?: number }) => {
    report.rows += 1;
    problem(lastLine + 1, `unreadable CSV: ${error.message}`);
    lastLine = error.lines ?? lastLine + 1;
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let header: { kind: number; text: number; width: number } | null = null;
  let batch: CatalogEntryDraft[] = [];
  let chars = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const added = await catalog.addEntries(actor, batch);
    report.added += added;
    report.duplicates += batch.length - added;
    report.batches += 1;
    batch = [];
    chars = 0;
    options.onBatch?.(report);
  };

  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = lastLine + 1;
    lastLine = info.lines;
    if (record.length === 1 && record[0].trim() === '') continue; // blank line
    if (header === null) {
      const names = record.map((name) => name.trim().toLowerCase());
      header = { kind: names.indexOf('kind'), text: names.indexOf('text'), width: names.length };
      if (header.kind < 0 || header.text < 0) throw new Error(`line ${line}: the first line must be the header "kind,text"`);
      continue;
    }
    report.rows += 1;
    if (record.length !== header.width) {
      problem(line, `expected ${header.width} columns, got ${record.length} (quote a text that contains commas)`);
      continue;
    }
    const check = checkCatalogEntry(record[header.kind].trim(), record[header.text]);
    if (!check.ok) {
      problem(line, `${check.field}: ${check.message}`);
      continue;
    }
    batch.push(check.entry);
    chars += check.entry.text.length;
    if (batch.length >= batchSize || chars >= batchChars) await flush();
  }
  if (header === null) throw new Error('the file is empty: the first line must be the header "kind,text"');
  await flush();
  return report;
}
