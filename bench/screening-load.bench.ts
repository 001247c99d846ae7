// node dist/bench/screening-load.bench.js [--rows N]   (npm run bench:screening-load -- --rows N)
//
// How long a process takes to load its screening index from PostgreSQL at
// start: N catalog rows are written straight into a fresh database with SQL
// (generate_series), then the screening service streams them through its
// cursor into the index, as at every start. Prints rows, seconds, rows/s.
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { startBenchServices } from './bench-services';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--rows');
  const rows = at === -1 ? 1_000_000 : Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error('--rows must be a positive integer');
  const { dataSource, services, stop } = await startBenchServices('screening_load');
  try {
    let t = performance.now();
    // Names of two or three made-up words, a tenth of them common English words, every kind but lyrics.
    await dataSource.query(
      `INSERT INTO catalog_entries (kind, text, text_key, search_text, added_version)
       SELECT k.kind, x.text, sha256(convert_to(lower(x.text), 'UTF8')), lower(x.text), 1
       FROM generate_series(1, $1) AS g(i)
       CROSS JOIN LATERAL (SELECT (ARRAY['ARTIST','SONGWRITER','SONG_TITLE','ALBUM_TITLE','PUBLISHER','LABEL'])[1 + g.i % 6] AS kind) k
       CROSS JOIN LATERAL (SELECT CASE WHEN g.i % 10 = 0 THEN 'Hold On ' || (g.i / 10)::text
                                       ELSE 'Vex' || md5(g.i::text)::varchar(6) || ' Nor' || substr(md5(g.i::text), 7, 5) END AS text) x`,
      [rows],
    );
    await dataSource.query('UPDATE catalog_state SET version = 1');
    const written = (performance.now() - t) / 1000;
    t = performance.now();
    await services.start?.();
    const loaded = (performance.now() - t) / 1000;
    const status = services.screening.status;
    process.stdout.write(
      `wrote ${rows.toLocaleString('en')} rows in ${written.toFixed(1)} s; the screening service loaded and indexed ` +
        `${status.baseEntries.toLocaleString('en')} entries in ${loaded.toFixed(1)} s (${Math.round(status.baseEntries / loaded).toLocaleString('en')} rows/s)\n`,
    );
  } finally {
    await stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? String(error)}\n`);
  process.exit(1);
});
