// npm run bench:import [-- --rows 1000000,10000000 --keep]
//
// The bulk catalog import at scale: for each size, writes a generated CSV to a
// temporary directory (names from syllables, some accented, 1% lyrics, 1%
// with an override, about 2% repeated rows and 0.1% bad rows), imports it
// into a fresh database with the code `npm run catalog:import` runs, and
// reports rows/s and the time of each phase. Then, on the largest catalog,
// times the admin console's catalog queries (first page, a deep page, a
// search) and imports the first file again (all duplicates). Nothing is
// written inside the project.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { createDataSource } from '../src/database/data-source';
import { createLogger } from '../src/logger';
import type { Actor } from '../src/services/shared/actor';
import { AuditService } from '../src/services/audit/audit.service';
import { bulkImportCatalogCsv, BulkImportPhase } from '../src/services/catalog/catalog-import';
import { CatalogService } from '../src/services/catalog/catalog.service';
import { TransactionRunner } from '../src/infrastructure/transaction-runner';
import { startBenchDatabase } from './bench-database';
import { pseudoWord, rng } from './generated-names';

const ACTOR: Actor = { sub: 'bench', role: 'system', requestId: null };
const KINDS = ['ARTIST', 'SONGWRITER', 'SONG_TITLE', 'ALBUM_TITLE', 'PUBLISHER', 'LABEL'];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ran',
  'tel',
  'vo',
  'shi',
  'der',
  'qua',
  'bel',
  'nor',
  'pim',
  'za',
  'fen',
  'gru',
  'hal',
  'jo',
  'ker',
  'lux',
  'mar',
  'nev',
  'or',
  'pra',
  'sil',
  'tor',
  'ul',
  'vex',
  'wyn',
  'yar',
  'zel',
  'bri',
  'cor',
  'dun',
  'él',
  'fro',
  'gal',
  'hès',
  'ith',
  'jün',
  'kol',
];
const OVERRIDES = ['ALWAYS', 'NEVER', 'AUTO'];

const word = (r: () => number): string => pseudoWord(r, SYLLABLES);

/** Writes `rows` data rows; returns the file's size in bytes. */
async function writeCsv(file: string, rows: number): Promise<number> {
  const out = createWriteStream(file);
  const r = rng(rows);
  let chunk = 'kind,text,override\n';
  for (let i = 0; i < rows; i++) {
    const x = r();
    let line: string;
    if (x < 0.001) line = 'GENRE,Not A Kind,';
    else if (x < 0.021 && i > 0)
      line = `ARTIST,${word(rng(Math.floor(r() * i)))} ${word(r)},`; // mostly a repeat of an earlier shape
    else if (x < 0.031) line = `LYRICS,"${Array.from({ length: 16 }, () => word(r).toLowerCase()).join(' ')} ${i}",`;
    else {
      const words = 1 + Math.floor(r() * 3);
      const text = Array.from({ length: words }, () => word(r)).join(' ');
      line = `${KINDS[i % KINDS.length]},${text} ${i.toString(36)},${r() < 0.01 ? OVERRIDES[i % 3] : ''}`;
    }
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return statSync(file).size;
}

const seconds = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '1000000,10000000' }, keep: { type: 'boolean', default: false } },
  });
  const sizes = values.rows!.split(',').map((s) => Number(s.replace(/_/g, '')));
  const dir = mkdtempSync(join(os.tmpdir(), 'catalog-import-bench-'));
  const db = await startBenchDatabase('catalog_import');
  const logger = createLogger('silent');
  const results: Record<string, unknown>[] = [];
  try {
    for (const [n, rows] of sizes.entries()) {
      const file = join(dir, `catalog-${rows}.csv`);
      let t = performance.now();
      const bytes = await writeCsv(file, rows);
      process.stdout.write(`${rows} rows: CSV written (${(bytes / 1e6).toFixed(0)} MB, ${seconds(t)} s)\n`);
      // Each size into its own empty catalog: one database per size.
      const url = new URL(db.url);
      if (n > 0) {
        const first = createDataSource({ url: db.url, poolSize: 1 });
        await first.initialize();
        url.pathname = `${url.pathname}_${n}`;
        await first.query(`CREATE DATABASE ${url.pathname.slice(1)}`);
        await first.destroy();
      }
      const dataSource = createDataSource({ url: url.toString(), poolSize: 4 });
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      const transactions = new TransactionRunner(dataSource, new AuditService(dataSource));
      const catalog = new CatalogService(dataSource, transactions);
      const phases: Partial<Record<BulkImportPhase, number>> = {};
      t = performance.now();
      const report = await bulkImportCatalogCsv(catalog, transactions, ACTOR, createReadStream(file), {
        keepProblems: 0,
        progressEvery: 1_000_000,
        onProgress: ({ phase, rows: read }) => {
          phases[phase] ??= performance.now();
          if (phase === 'reading' && read > 0) process.stdout.write(`  ${read} rows read (${seconds(t)} s)\n`);
        },
      });
      const total = seconds(t);
      const readAndCopy = Math.round((phases.adding! - phases.reading!) / 10) / 100;
      const [{ size }] = await dataSource.query(`SELECT pg_size_pretty(pg_total_relation_size('catalog_entries')) AS size`);
      const result: Record<string, unknown> = {
        rows,
        csvMB: Math.round(bytes / 1e6),
        added: report.added,
        duplicates: report.duplicates,
        invalid: report.invalid,
        overridesChanged: report.overridesChanged,
        totalSeconds: total,
        readCheckCopySeconds: readAndCopy,
        insertSeconds: Math.round((total - readAndCopy) * 100) / 100,
        rowsPerSecond: Math.round(rows / total),
        tableSize: size,
      };
      if (n === sizes.length - 1) {
        const page = async (label: string, args: Parameters<CatalogService['page']>[0]) => {
          const runs: number[] = [];
          for (let i = 0; i < 5; i++) {
            const t0 = performance.now();
            await catalog.page(args);
            runs.push(performance.now() - t0);
          }
          result[label] = Math.round(runs.sort((a, b) => a - b)[2] * 10) / 10;
        };
        const [{ mid }] = await dataSource.query('SELECT (max(id) / 2)::text AS mid FROM catalog_entries');
        await page('page1Ms', { search: null, kind: null, first: 50, afterId: null });
        await page('deepPageMs', { search: null, kind: null, first: 50, afterId: mid });
        await page('kindDeepPageMs', { search: null, kind: 'LABEL' as never, first: 50, afterId: mid });
        await page('searchMs', { search: 'MARLUX', kind: null, first: 50, afterId: null });
        await page('searchDeepMs', { search: 'marlux', kind: null, first: 50, afterId: mid });
        t = performance.now();
        const again = await bulkImportCatalogCsv(catalog, transactions, ACTOR, createReadStream(file), { keepProblems: 0 });
        result.reimportSeconds = seconds(t);
        result.reimportAdded = again.added;
      }
      await dataSource.destroy();
      results.push(result);
      process.stdout.write(`${JSON.stringify(result)}\n`);
      if (!values.keep) rmSync(file, { force: true });
    }
  } finally {
    await db.stop();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
    void logger;
  }
  process.stdout.write('\nrows        total s   read+check+COPY s   insert s   rows/s\n');
  for (const r of results) {
    process.stdout.write(
      `${String(r.rows).padEnd(11)} ${String(r.totalSeconds).padEnd(9)} ${String(r.readCheckCopySeconds).padEnd(19)} ${String(r.insertSeconds).padEnd(10)} ${r.rowsPerSecond}\n`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
