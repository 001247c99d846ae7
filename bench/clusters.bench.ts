// npm run bench:clusters [-- --accounts 1000000 --runs 7 --plain]
//
// Times freePlanClusters (the very SQL the service runs) on a seeded database.
// runClustersBench(url) works on any database (bench/run.ts hands it its own);
// run directly, this file starts an embedded PostgreSQL (or uses a fresh
// database on DATABASE_URL's server), migrates it, seeds N accounts with
// bench/seed.ts and, unless --plain, device "farms" that chain five card
// triples into clusters of 15, so that multi-hop components are measured too.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startBenchDatabase } from './bench-database';
import { createDataSource } from '../src/database/data-source';
import { SqlRunner, findFreePlanClusters, joinClusters, rebuildClusters } from '../src/services/accounts/account-clusters';
import { seedAccounts } from './seed';

const CASES = [
  { minSize: 3, limit: 50 }, // the API's defaults
  { minSize: 2, limit: 500 }, // the widest page
];

const ms = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Rebuilds the clusters (seeds write signals with plain SQL, past the service's
 * maintenance), then times freePlanClusters and one incremental merge.
 */
export async function runClustersBench(databaseUrl: string, options: { runs?: number } = {}): Promise<Record<string, unknown>> {
  const runs = options.runs ?? 7;
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  const sql: SqlRunner = async (text, params) => (await c.query(text, params as unknown[])).rows;
  try {
    const [{ accounts, signals }] = await sql(
      `SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM account_signals)::int AS signals`,
    );

    let t = performance.now();
    await sql('BEGIN');
    const clusters = await rebuildClusters(sql);
    await sql('COMMIT');
    const rebuildMs = ms(t);
    // As autovacuum would leave them after a bulk change: statistics and the visibility map.
    await sql('VACUUM ANALYZE account_clusters');
    await sql('VACUUM ANALYZE account_cluster_sizes');
    const [{ clusteredAccounts, largestCluster }] = await sql(
      `SELECT coalesce(sum(n), 0)::int AS "clusteredAccounts", coalesce(max(n), 0)::int AS "largestCluster"
         FROM (SELECT count(*) AS n FROM account_clusters GROUP BY cluster_id) s`,
    );

    const figures: Record<string, unknown> = {};
    for (const { minSize, limit } of CASES) {
      await findFreePlanClusters(sql, minSize, limit); // warm-up
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < runs; i += 1) {
        t = performance.now();
        found = (await findFreePlanClusters(sql, minSize, limit)).length;
        times.push(ms(t));
      }
      figures[`minSize=${minSize},limit=${limit}`] = {
        p50Ms: median(times),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        runs,
        clustersReturned: found,
      };
    }

    // The write path: two of the largest clusters becoming linked, rolled back.
    const pair = await sql<{ a: string; b: string }>(
      `SELECT min(account_id::text) FILTER (WHERE r = 1) AS a, min(account_id::text) FILTER (WHERE r = 2) AS b
         FROM (SELECT account_id, dense_rank() OVER (ORDER BY n DESC, cluster_id) AS r
                 FROM (SELECT account_id, cluster_id, count(*) OVER (PARTITION BY cluster_id) AS n FROM account_clusters) x) y
        WHERE r <= 2`,
    );
    let joinMs: number | null = null;
    if (pair[0]?.a && pair[0]?.b) {
      await sql('BEGIN');
      t = performance.now();
      await joinClusters(sql, [pair[0].a, pair[0].b]);
      joinMs = ms(t);
      await sql('ROLLBACK');
    }

    return {
      accounts,
      signals,
      clusters,
      clusteredAccounts,
      largestCluster,
      rebuildMs,
      freePlanClusters: figures,
      joinTwoLargestClustersMs: joinMs,
      design:
        'cluster label per linked account (account_clusters) merged in the recording transaction; sizes per cluster kept by triggers; ' +
        'ranking = index scan of account_cluster_sizes, then members and linking kinds of the returned clusters only',
    };
  } finally {
    await c.end();
  }
}

/** One account of each card triple shares a device with the other triples of its block of 150 accounts: clusters of 15. */
async function seedFarms(databaseUrl: string): Promise<void> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO account_signals (account_id, kind, value_hash)
       SELECT md5('bench-' || g)::uuid, 'DEVICE_ID', encode(sha256(convert_to('farm-device-' || (g / 150), 'UTF8')), 'hex')
         FROM generate_series(0, (SELECT count(*) FROM accounts)::int - 1) g
        WHERE (g / 3) % 10 = 4 AND g % 3 = 0`,
    );
    await c.query('ANALYZE account_signals');
  } finally {
    await c.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '7' },
      plain: { type: 'boolean', default: false },
    },
  });
  const accounts = Number(values.accounts);
  process.stdout.write(`clusters bench: ${accounts} accounts${values.plain ? '' : ' + device farms'}, ${os.cpus().length} cores\n`);
  const db = await startBenchDatabase('bench_clusters');
  try {
    const ds = createDataSource({ url: db.url, poolSize: 1, applicationName: 'clusters-bench' });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    let t = performance.now();
    await seedAccounts(db.url, 0, accounts);
    if (!values.plain) await seedFarms(db.url);
    process.stdout.write(`  seeded in ${Math.round(ms(t) / 100) / 10}s\n`);
    t = performance.now();
    const result = await runClustersBench(db.url, { runs: Number(values.runs) });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    for (const [label, f] of Object.entries(
      result.freePlanClusters as Record<string, { p50Ms: number; maxMs: number; clustersReturned: number }>,
    )) {
      process.stdout.write(`  freePlanClusters(${label}): p50 ${f.p50Ms} ms, max ${f.maxMs} ms, ${f.clustersReturned} clusters\n`);
    }
  } finally {
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`clusters bench failed: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
