import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolveRuntime } from '../bootstrap';
import { ConfigError, loadConfig } from '../config';
import { createDataSource } from '../database/data-source';
import { createLogger } from '../logger';
import { createServices } from '../services';
import type { Actor } from '../services/actor';
import { importCatalogCsv } from '../services/catalog-import';

const SHOWN_PROBLEMS = 100;
const ACTOR: Actor = { sub: 'catalog-import', role: 'system', requestId: null };

// npm run catalog:import -- file.csv
// Reads a kind,text CSV as a stream and adds its rows in batches, on
// DATABASE_URL or on the embedded database under DATA_DIR. Bad rows are
// reported with their line and skipped; running servers pick the changes up
// within a second.
async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) throw new Error('usage: npm run catalog:import -- <file.csv>');
  const input = createReadStream(file);
  await new Promise<void>((resolve, reject) => input.once('open', () => resolve()).once('error', reject));
  const baseConfig = loadConfig();
  const logger = createLogger(baseConfig.logLevel === 'silent' ? 'silent' : 'warn');
  // The resolved configuration carries the secrets kept under DATA_DIR.
  const { config, databaseUrl, embedded } = await resolveRuntime(baseConfig, logger);
  const dataSource = createDataSource({ url: databaseUrl, applicationName: 'entitlement-api-catalog-import' });
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const m of applied) process.stdout.write(`applied migration ${m.name}\n`);
    const services = createServices(dataSource, config, logger);
    const started = performance.now();
    let shown = 0;
    const report = await importCatalogCsv(services.catalog, ACTOR, input, {
      onProblem: ({ line, message }) => {
        if (shown++ < SHOWN_PROBLEMS) process.stderr.write(`line ${line}: ${message}\n`);
      },
      onBatch: (r) => process.stdout.write(`  ${r.rows} rows read, ${r.added} added so far\n`),
    });
    if (report.invalid > SHOWN_PROBLEMS) process.stderr.write(`... and ${report.invalid - SHOWN_PROBLEMS} more bad rows\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${file}: ${report.rows} rows, ${report.added} added, ${report.duplicates} duplicates ignored, ` +
        `${report.invalid} bad rows skipped (${report.batches} batches, ${seconds} s)\n`,
    );
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    if (embedded) await embedded.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? 'configuration error: ' : ''}${error?.message ?? String(error)}\n`);
  process.exit(1);
});
