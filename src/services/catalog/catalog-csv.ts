import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { checkDescribedRow, DescribedRowDraft } from '../../domain/describe-as-rules';

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
  entry: DescribedRowDraft;
}

export const CSV_HEADER_HINT =
  'the first line must be the header "kind,text" (or "kind,text,override", or "kind,text,override,describeAs")';
/** Spellings of the description column's name (compared in lower case). */
const DESCRIBE_AS_COLUMN = ['describeas', 'describe_as', 'describe as'];

/**
 * Streams the valid rows of a `kind,text[,override[,describeAs]]` CSV. Bad rows (unknown
 * kind or override, empty or overlong text, a description that breaks its rules, wrong number of columns) go to
 * `onProblem` with their line and are not yielded; `onRow` sees every data
 * row, good or bad. A file without the header throws before any row is
 * yielded. Unreadable quoting throws, naming the line where the broken record
 * starts: the parser cannot tell where that record ends (an unclosed quote
 * swallows the rest of the file), so nothing after it can be trusted.
 */
export async function* readCatalogCsv(
  input: Readable,
  onProblem: (problem: ImportProblem) => void,
  onRow: () => void = () => undefined,
): AsyncGenerator<CatalogCsvRow> {
  // The end line of the last record parsed, tracked as the parser goes (the loop below may lag behind it).
  let parsedLines = 0;
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    on_record: (record: string[], context: { lines: number }) => {
      parsedLines = context.lines;
      return record;
    },
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    yield* readRecords(parser as AsyncIterable<{ record: string[]; info: { lines: number } }>, onProblem, onRow);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = parsedLines + 1;
    const reason = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote opened in this record is never closed' : error.message;
    throw new Error(`line ${line}: unreadable CSV: ${reason}; the file cannot be read past line ${line}`, { cause: error });
  }
}

async function* readRecords(
  records: AsyncIterable<{ record: string[]; info: { lines: number } }>,
  onProblem: (problem: ImportProblem) => void,
  onRow: () => void,
): AsyncGenerator<CatalogCsvRow> {
  // Blank lines are kept as records so that line numbers can be counted from record ends.
  let lastLine = 0;
  let header: { kind: number; text: number; override: number; describeAs: number; width: number } | null = null;
  for await (const { record, info } of records) {
    const line = lastLine + 1;
    lastLine = info.lines;
    if (record.length === 1 && record[0].trim() === '') continue; // blank line
    if (header === null) {
      const names = record.map((name) => name.trim().toLowerCase());
      header = {
        kind: names.indexOf('kind'),
        text: names.indexOf('text'),
        override: names.indexOf('override'),
        describeAs: names.findIndex((name) => DESCRIBE_AS_COLUMN.includes(name)),
        width: names.length,
      };
      if (header.kind < 0 || header.text < 0) throw new Error(`line ${line}: ${CSV_HEADER_HINT}`);
      continue;
    }
    onRow();
    if (record.length !== header.width) {
      onProblem({ line, message: `expected ${header.width} columns, got ${record.length} (quote a text that contains commas)` });
      continue;
    }
    const check = checkDescribedRow(
      record[header.kind].trim(),
      record[header.text],
      header.override < 0 ? null : record[header.override],
      header.describeAs < 0 ? null : record[header.describeAs],
    );
    if (!check.ok) {
      onProblem({ line, message: `${check.field}: ${check.message}` });
      continue;
    }
    yield { line, entry: check.entry };
  }
  if (header === null) throw new Error(`the file is empty: ${CSV_HEADER_HINT}`);
}
