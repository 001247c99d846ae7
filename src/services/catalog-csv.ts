import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CatalogRowDraft, checkCatalogRow } from '../domain/screening/catalog-entry-rules';

// Reading a catalog CSV, shared by the batched import and the bulk (COPY)
// import so both accept and refuse exactly the same rows, with the same lines.

export interface ImportProblem {
  /** 1-based line of the CSV where the row starts. */
  line: number;
  message: string;
}

export interface CatalogCsvRow {
  /** 1-based line where the row starts. */
  line: number;
  entry: CatalogRowDraft;
}

export const CSV_HEADER_HINT = 'the first line must be the header "kind,text" (or "kind,text,override")';

/**
 * Streams the valid rows of a `kind,text[,override]` CSV. Bad rows (unknown
 * kind or override, empty or overlong text, wrong number of columns,
 * unreadable quoting) go to `onProblem` with their line and are not yielded;
 * `onRow` sees every data row, good or bad. A file without the header throws
 * before any row is yielded.
 */
export async function* readCatalogCsv(
  input: Readable,
  onProblem: (problem: ImportProblem) => void,
  onRow: () => void = () => undefined,
): AsyncGenerator<CatalogCsvRow> {
  // Blank lines are kept as records so that line numbers can be counted from record ends.
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_records_with_error: true });
  let lastLine = 0;
  parser.on('skip', (error: Error & { lines?: number }) => {
    onRow();
    onProblem({ line: lastLine + 1, message: `unreadable CSV: ${error.message}` });
    lastLine = error.lines ?? lastLine + 1;
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let header: { kind: number; text: number; override: number; width: number } | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const line = lastLine + 1;
    lastLine = info.lines;
    if (record.length === 1 && record[0].trim() === '') continue; // blank line
    if (header === null) {
      const names = record.map((name) => name.trim().toLowerCase());
      header = { kind: names.indexOf('kind'), text: names.indexOf('text'), override: names.indexOf('override'), width: names.length };
      if (header.kind < 0 || header.text < 0) throw new Error(`line ${line}: ${CSV_HEADER_HINT}`);
      continue;
    }
    onRow();
    if (record.length !== header.width) {
      onProblem({ line, message: `expected ${header.width} columns, got ${record.length} (quote a text that contains commas)` });
      continue;
    }
    const check = checkCatalogRow(record[header.kind].trim(), record[header.text], header.override < 0 ? null : record[header.override]);
    if (!check.ok) {
      onProblem({ line, message: `${check.field}: ${check.message}` });
      continue;
    }
    yield { line, entry: check.entry };
  }
  if (header === null) throw new Error(`the file is empty: ${CSV_HEADER_HINT}`);
}
