import 'reflect-metadata';
import { createReadStream, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Transform } from 'node:stream';
import { MultiBar, Presets } from 'cli-progress';
import { resolveRuntime } from '../bootstrap';
import { ConfigError, loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { createLogger } from '../logger';
import { createServices } from '../services';
import type { Actor } from '../services/shared/actor';
import { bulkImportCatalogCsv } from '../services/catalog/catalog-import';

const SHOWN_PROBLEMS = 100;
const ACTOR: Actor = { sub: 'catalog-import', role: 'system', requestId: null };
// Plain progress lines (no terminal): one per this many rows.
const PLAIN_EVERY = 1_000_000;

// npm run catalog:import -- file.csv
// Reads a kind,text[,override[,describeAs]] CSV as a stream, checks every row, and adds the
// valid ones in one transaction (COPY into a staging table, then one
// set-based insert), on DATABASE_URL or on the embedded database under
// DATA_DIR. Bad rows are reported with their line and skipped; running
// servers pick the change up within a second. On a terminal a progress bar
// shows how much of the file has been read.
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new Error('usage: npm run catalog:import -- <file.csv>');
  const size = statSync(file).size;
  const source = createReadStream(file);
  await new Promise<void>((resolve, reject) => source.once('open', () => resolve()).once('error', reject));
  let bytes = 0;
  const input = source.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  source.once('error', (error) => input.destroy(error));

  const baseConfig = loadConfig();
  const logger = createLogger(baseConfig.logLevel === 'silent' ? 'silent' : 'warn');
  // The resolved configuration carries the secrets kept under DATA_DIR.
  const { config, databaseUrl, embedded } = await resolveRuntime(baseConfig, logger);
  const dataSource = createDataSource({ url: databaseUrl, applicationName: 'entitlement-api-catalog-import' });
  const tty = process.stderr.isTTY === true;
  const bars = tty
    ? new MultiBar(
        {
          stream: process.stderr,
          format: '{phase} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | {duration_formatted}',
          hideCursor: true,
          clearOnComplete: false,
        },
        Presets.shades_classic,
      )
    : null;
  const bar = bars?.create(size, 0, { phase: 'reading', rows: 0, rate: 0 });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) process.stdout.write(`applied migration ${m.name}\n`);
    const services = createServices(dataSource, config, logger);
    const started = performance.now();
    const rate = (rows: number) => Math.round(rows / Math.max((performance.now() - started) / 1000, 1e-3));
    let shown = 0;
    const report = await bulkImportCatalogCsv(services.catalog, services.transactions, ACTOR, input, {
      keepProblems: 0,
      onProblem: ({ line, message }) => {
        if (shown++ >= SHOWN_PROBLEMS) return;
        if (bars) bars.log(`line ${line}: ${message}\n`);
        else process.stderr.write(`line ${line}: ${message}\n`);
      },
      progressEvery: tty ? 20_000 : PLAIN_EVERY,
      onProgress: ({ phase, rows, done, total }) => {
        if (phase === 'reading') {
          if (bar) bar.update(bytes, { phase: 'reading', rows, rate: rate(rows) });
          else if (rows > 0) {
            process.stdout.write(`  ${rows} rows read (${Math.floor((100 * bytes) / Math.max(size, 1))}%), ${rate(rows)} rows/s\n`);
          }
        } else if (bar) {
          // The second part: staged rows added to the catalog chunk by chunk.
          if (bar.getTotal() !== total) bar.setTotal(Math.max(total, 1));
          bar.update(total === 0 ? 1 : done, { phase: 'adding ', rows, rate: rate(rows) });
        } else if (done === 0) {
          process.stdout.write(`  ${rows} rows read; adding them to the catalog\n`);
        } else {
          process.stdout.write(`  adding: ${Math.floor((100 * done) / Math.max(total, 1))}%\n`);
        }
      },
    }).catch((error: Error) => {
      // The import is one transaction: a failure anywhere leaves the catalog as it was.
      throw new Error(`${error.message}; nothing was imported`);
    });
    bars?.stop();
    if (report.invalid > SHOWN_PROBLEMS) process.stderr.write(`... and ${report.invalid - SHOWN_PROBLEMS} more bad rows\n`);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${file}: ${report.rows} rows read, ${report.added} added, ${report.duplicates} already present or repeated, ` +
        `${report.overridesChanged} overrides changed, ${report.describeAsChanged} descriptions changed, ` +
        `${report.invalid} bad rows skipped ` +
        `(${seconds.toFixed(1)} s, ${Math.round(report.rows / Math.max(seconds, 1e-3))} rows/s` +
        `${report.version === null ? ', catalog unchanged' : `, catalog version ${report.version}`})\n`,
    );
  } finally {
    bars?.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? 'configuration error: ' : ''}${error?.message ?? String(error)}\n`);
  process.exit(1);
});
