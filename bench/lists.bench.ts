// npm run bench:lists [-- --accounts 1000000 --runs 5 --plans]
//
// Seeds N accounts (and reports, appeals, audit events in proportion) with
// set-based SQL in a database of its own, then, for every list and search of
// the admin API, prints EXPLAIN (ANALYZE, BUFFERS) figures and timings of
// page 1 and page 1,000 (or the deepest page there is), and what totalCount
// costs. --plans prints the full text plans as well.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createDataSource } from '../src/database/data-source';
import { createLogger } from '../src/logger';
import { createServices } from '../src/services';
import { keysetQuery } from '../src/services/shared/keyset-page';
import { startBenchDatabase } from './bench-database';
import { explainPage, keyAt, listCases } from './list-cases';
import { seedLists } from './lists-seed';

const FIRST = 50;
const ms = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '5' },
      plans: { type: 'boolean', default: false },
    },
  });
  const accounts = Number(values.accounts);
  const runs = Number(values.runs);
  process.stdout.write(`lists bench: ${accounts} accounts, ${os.cpus().length} cores, page size ${FIRST}\n`);
  const db = await startBenchDatabase('bench_lists');
  const ds = createDataSource({ url: db.url, poolSize: 2, applicationName: 'lists-bench' });
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    let t = performance.now();
    await seedLists(db.url, accounts);
    const seededS = Math.round(ms(t) / 100) / 10;
    const [sizes] =
      await ds.query(`SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM organizations)::int AS organizations,
      (SELECT count(*) FROM reports)::int AS reports, (SELECT count(*) FROM appeals)::int AS appeals, (SELECT count(*) FROM audit_events)::int AS audit_events`);
    process.stdout.write(`  seeded in ${seededS}s: ${JSON.stringify(sizes)}\n`);

    const config = loadConfig({
      DATABASE_URL: db.url,
      AUTH_JWT_SECRET: 'x'.repeat(40),
      SIGNAL_HASH_KEY: 'y'.repeat(40),
      LOG_LEVEL: 'silent',
    });
    const services = { ...createServices(ds, config, createLogger('silent')), dataSource: ds };
    const results: Record<string, unknown>[] = [];
    process.stdout.write(
      `\n| list | matches | page | ms (median of ${runs}) | EXPLAIN ms | buffers | rows | scans | totalCount ms |\n|---|---|---|---|---|---|---|---|---|\n`,
    );
    for (const c of await listCases(services, accounts)) {
      const [countSql, countParams] = c.filters(services).getQueryAndParameters();
      await ds.query(`SELECT count(*) FROM (${countSql}) c`, countParams); // warm
      t = performance.now();
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM (${countSql}) c`, countParams);
      const countMs = ms(t);
      const deepest = Math.max(1, Math.min(1000, Math.ceil(n / FIRST)));
      for (const pageNo of deepest > 1 ? [1, deepest] : [1]) {
        const key = await keyAt(services, c, (pageNo - 1) * FIRST);
        const plan = await explainPage(services, c, key, FIRST, values.plans);
        const [sql, params] = keysetQuery(c.filters(services), c.keyset, key, FIRST).getQueryAndParameters();
        await ds.query(sql, params);
        const times: number[] = [];
        for (let i = 0; i < runs; i += 1) {
          t = performance.now();
          await ds.query(sql, params);
          times.push(ms(t));
        }
        const row = {
          list: c.name,
          matches: n,
          page: pageNo,
          ms: median(times),
          explainMs: plan.executionMs,
          buffers: plan.buffers,
          rows: plan.rows,
          scans: plan.scans,
          seqScans: plan.seqScans,
          totalCountMs: countMs,
        };
        results.push(row);
        process.stdout.write(
          `| ${c.name} | ${n} | ${pageNo} | ${row.ms} | ${Math.round(plan.executionMs * 100) / 100} | ${plan.buffers} | ${plan.rows} | ${plan.scans.join(', ')} | ${pageNo === 1 ? countMs : ''} |\n`,
        );
        if (plan.text) process.stdout.write(`\n${c.name}, page ${pageNo}:\n${plan.text}\n\n`);
      }
    }
    const seq = results.filter((r) => (r.seqScans as string[]).length > 0);
    process.stdout.write(
      `\nSeq Scans: ${seq.length === 0 ? 'none' : seq.map((r) => `${r.list} p${r.page}: ${(r.seqScans as string[]).join(',')}`).join('; ')}\n`,
    );
    writeFileSync(
      join(__dirname, '..', '..', 'bench', 'results', 'lists.json'),
      `${JSON.stringify({ at: new Date().toISOString(), cores: os.cpus().length, accounts, seededS, sizes, pageSize: FIRST, results }, null, 2)}\n`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`lists bench failed: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
