// npm run bench [-- --accounts 100000 --duration 5 --connections 16 --runs 3 --skip-scale --skip-screening --skip-webhooks]
//
// Starts real server processes on a database of its own (embedded PostgreSQL,
// or a fresh database on DATABASE_URL's server), seeds accounts with set-based
// SQL, and drives the servers over HTTP with autocannon from this process.
// Every figure is the median of several runs; every response body is read and
// any `errors` counts as a failure. Results: a table, and bench/results/latest.json.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { startBenchDatabase } from './bench-database';
import { BenchServer, startBenchServer, gql } from './bench-server';
import { issueToken } from '../src/auth/token-issuer';
import { seedAccounts } from './seed';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    runs: { type: 'string', default: '3' },
    'skip-scale': { type: 'boolean', default: false },
    'skip-screening': { type: 'boolean', default: false },
    'skip-webhooks': { type: 'boolean', default: false },
  },
});
const ACCOUNTS = Number(args.accounts);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);
const ROOT = join(__dirname, '..', '..');
const SECRET = randomBytes(32).toString('hex');

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

const figures: Record<string, Figure> = {};
const notes: Record<string, unknown> = {};

type ServerProcess = BenchServer;

function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  return startBenchServer({
    DATABASE_URL: databaseUrl,
    AUTH_JWT_SECRET: SECRET,
    SIGNAL_HASH_KEY: SECRET,
    NODE_ENV: 'production',
    DB_POOL_SIZE: '20',
    WEB_CONCURRENCY: '1',
    // Quotas on, with a budget (1,670,000 points a second) several times what the load
    // spends (batches of 100 ids at 1,500 a second spend about 600,000): slices of
    // 5,000,000 points are leased from PostgreSQL every few seconds.
    QUOTA_ADMIN_POINTS: '100000000',
    ...env,
  });
}

type BodyFactory = () => string;

/** One autocannon run; bodies are produced per request, responses are all read and checked. */
async function load(url: string, bearer: string, makeBody: BodyFactory, duration = DURATION): Promise<Figure> {
  let failures = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    requests: [
      {
        setupRequest: (req: any) => ({ ...req, body: makeBody() }),
        onResponse: (status: number, body: string) => {
          if (status !== 200 || body.includes('"errors"')) failures += 1;
        },
      },
    ],
  } as any);
  const non2xx = (result as any).non2xx ?? 0;
  return {
    rps: (result.requests.total - failures) / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: failures + result.errors + result.timeouts + (non2xx > failures ? non2xx - failures : 0),
  };
}

interface Series {
  label: string;
  url: string;
  makeBody: BodyFactory;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs the series in turns (a, b, c, a, b, c, ...) so that whatever else the
 * machine does in the meantime weighs on all of them alike; each figure is
 * the median of its runs, after one warm-up run each.
 */
async function measure(series: Series[]): Promise<void> {
  for (const s of series) await load(s.url, TOKEN(), s.makeBody, Math.max(2, Math.round(DURATION / 2)));
  const runs = new Map<string, Figure[]>(series.map((s) => [s.label, []]));
  for (let i = 0; i < RUNS; i += 1) {
    for (const s of series) runs.get(s.label)!.push(await load(s.url, TOKEN(), s.makeBody));
  }
  for (const s of series) {
    const r = runs.get(s.label)!;
    const figure = {
      rps: Math.round(median(r.map((x) => x.rps))),
      p50: median(r.map((x) => x.p50)),
      p99: median(r.map((x) => x.p99)),
      failures: r.reduce((n, x) => n + x.failures, 0),
    };
    figures[s.label] = figure;
    process.stdout.write(
      `  ${s.label.padEnd(34)} ${String(figure.rps).padStart(7)} req/s  p50 ${figure.p50} ms  p99 ${figure.p99} ms  failures ${figure.failures}\n`,
    );
  }
}

let token = '';
const TOKEN = () => token;

const USES = [...Array(12).fill('PERSONAL'), ...Array(5).fill('COMMERCIAL'), ...Array(2).fill('API_ACCESS'), 'EMBEDDING'];
const ENTITLEMENT =
  'query($id: ID!, $use: Use!) { entitlement(accountId: $id, use: $use) { allowed reasons { code clause remedy } validUntil } }';
const BATCH = 'query($ids: [ID!]!) { entitlements(accountIds: $ids, use: COMMERCIAL) { accountId allowed reasons { code } } }';

function pick<T>(xs: T[]): T {
  return xs[Math.floor(Math.random() * xs.length)];
}

async function sampleIds(databaseUrl: string, n: number): Promise<string[]> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  const { rows } = await c.query(`SELECT id FROM accounts ORDER BY random() LIMIT $1`, [n]);
  await c.end();
  return rows.map((r: { id: string }) => r.id);
}

async function prewarm(url: string, token: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) await gql(url, token, BATCH, { ids: ids.slice(i, i + 1000) });
}

/**
 * Warms every worker of a cluster: the primary deals out connections, so the
 * batches go over many connections at once, each cycling through the ids.
 */
async function prewarmWorkers(url: string, token: string, ids: string[]): Promise<void> {
  let next = 0;
  const body = () => {
    const start = (next++ % Math.ceil(ids.length / 1000)) * 1000;
    return JSON.stringify({ query: BATCH, variables: { ids: ids.slice(start, start + 1000) } });
  };
  await load(url, token, body, 4);
}

/** Snapshot cache hits and misses summed over every worker, from one scrape. */
async function cacheCounts(url: string): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch(url.replace('/graphql', '/metrics'))).text();
  const sample = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { hits: sample('entitlement_snapshot_cache_hits_total'), misses: sample('entitlement_snapshot_cache_misses_total') };
}

const BASELINE = () => '{"query":"{ __typename }"}';

/** Baseline, warm and cold decisions on one scale, measured in turns. */
async function decisionFigures(tag: string, warm: ServerProcess, cold: ServerProcess, databaseUrl: string): Promise<string[]> {
  const ids = await sampleIds(databaseUrl, 10_000);
  await prewarm(warm.url, token, ids);
  const body = () => JSON.stringify({ query: ENTITLEMENT, variables: { id: pick(ids), use: pick(USES) } });
  await measure([
    { label: `baseline { __typename }${tag}`, url: warm.url, makeBody: BASELINE },
    { label: `entitlement warm${tag}`, url: warm.url, makeBody: body },
    { label: `entitlement cold${tag}`, url: cold.url, makeBody: body },
  ]);
  return ids;
}

async function freshness(a: ServerProcess, b: ServerProcess, databaseUrl: string, token: string) {
  const ids = await sampleIds(databaseUrl, 400);
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  // Only accounts without a current suspension can be suspended now.
  const { rows } = await c.query(
    `SELECT a.id FROM accounts a WHERE a.id = ANY($1::uuid[]) AND NOT EXISTS (
       SELECT 1 FROM suspensions s WHERE s.account_id = a.id AND s.lifted_at IS NULL AND (s.ends_at IS NULL OR s.ends_at > now()))`,
    [ids],
  );
  await c.end();
  const candidates = rows.map((r: { id: string }) => r.id).slice(0, 100);
  const ask = (url: string, id: string) => gql(url, token, 'query($id: ID!) { entitlement(accountId: $id) { reasons { code } } }', { id });
  const suspended = (d: any) => d.entitlement.reasons.some((r: { code: string }) => r.code === 'ACCOUNT_SUSPENDED');
  const lags: number[] = [];
  let staleSameProcess = 0;
  for (const id of candidates) {
    await ask(a.url, id);
    await ask(b.url, id); // both processes have it cached
    const s = await gql(
      a.url,
      token,
      `mutation($id: ID!) { suspendAccount(input: { accountId: $id, clause: "9(n)", reason: "bench" }) { id } }`,
      { id },
    );
    const returnedAt = performance.now();
    if (!suspended(await ask(a.url, id))) staleSameProcess += 1;
    for (;;) {
      if (suspended(await ask(b.url, id))) break;
      if (performance.now() - returnedAt > 5000) throw new Error('other process never saw the suspension');
    }
    lags.push(performance.now() - returnedAt);
    await gql(a.url, token, `mutation($id: ID!) { liftSuspension(id: $id, reason: "bench") { id } }`, { id: s.suspendAccount.id });
    if (suspended(await ask(a.url, id))) staleSameProcess += 1;
  }
  lags.sort((x, y) => x - y);
  const q = (p: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] * 100) / 100;
  notes.freshness = { trials: lags.length, otherProcessP50Ms: q(0.5), otherProcessP99Ms: q(0.99), staleSameProcess };
  process.stdout.write(
    `  freshness: other process p50 ${q(0.5)} ms, p99 ${q(0.99)} ms over ${lags.length} trials; stale answers on the same process: ${staleSameProcess}\n`,
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  process.stdout.write(
    `bench: ${ACCOUNTS} accounts, ${RUNS} runs of ${DURATION}s, ${CONNECTIONS} connections, ${os.cpus().length} cores\n`,
  );
  const db = await startBenchDatabase('bench');
  const servers: ServerProcess[] = [];
  try {
    // The first server applies the migrations; the seed then fills the schema.
    const warm = await startServer(db.url);
    servers.push(warm);
    let t = Date.now();
    await seedAccounts(db.url, 0, ACCOUNTS);
    notes.seedSeconds = (Date.now() - t) / 1000;
    process.stdout.write(`  seeded ${ACCOUNTS} accounts in ${notes.seedSeconds}s\n`);
    const cold = await startServer(db.url, { ENTITLEMENT_CACHE: 'false' });
    const other = await startServer(db.url);
    servers.push(cold, other);
    token = await issueToken(SECRET, { sub: 'bench', roles: ['service', 'admin'], expiresIn: '2h' });

    const ids = await decisionFigures('', warm, cold, db.url);
    await measure([
      {
        label: 'entitlements x100 warm',
        url: warm.url,
        makeBody: () => {
          const start = Math.floor(Math.random() * (ids.length - 100));
          return JSON.stringify({ query: BATCH, variables: { ids: ids.slice(start, start + 100) } });
        },
      },
    ]);
    const entitlementBody = () => JSON.stringify({ query: ENTITLEMENT, variables: { id: pick(ids), use: pick(USES) } });

    // The same hot path with /metrics off: what the instrumentation costs.
    const unmetered = await startServer(db.url, { METRICS: 'false' });
    servers.push(unmetered);
    await prewarm(unmetered.url, token, ids);
    await measure([
      { label: 'baseline { __typename } metrics off', url: unmetered.url, makeBody: BASELINE },
      { label: 'entitlement warm metrics off', url: unmetered.url, makeBody: entitlementBody },
    ]);
    await unmetered.stop();

    // The same hot path with quotas off: what spending from a budget costs.
    const unlimited = await startServer(db.url, { QUOTA_ENABLED: 'false' });
    servers.push(unlimited);
    await prewarm(unlimited.url, token, ids);
    // In turns with the quotas-on server, so that both pairs see the same machine.
    await measure([
      { label: 'baseline { __typename } quotas on (A/B)', url: warm.url, makeBody: BASELINE },
      { label: 'entitlement warm quotas on (A/B)', url: warm.url, makeBody: entitlementBody },
      { label: 'baseline { __typename } quotas off', url: unlimited.url, makeBody: BASELINE },
      { label: 'entitlement warm quotas off', url: unlimited.url, makeBody: entitlementBody },
    ]);
    await unlimited.stop();

    // Every core: the warm hot path on WEB_CONCURRENCY workers, next to the one-process figures above.
    const workers = os.availableParallelism();
    notes.workers = workers;
    if (workers > 1) {
      const clustered = await startServer(db.url, { WEB_CONCURRENCY: String(workers) });
      servers.push(clustered);
      await prewarmWorkers(clustered.url, token, ids);
      const before = await cacheCounts(clustered.url);
      await measure([
        { label: `baseline { __typename } x${workers} workers`, url: clustered.url, makeBody: BASELINE },
        { label: `entitlement warm x${workers} workers`, url: clustered.url, makeBody: entitlementBody },
      ]);
      // one scrape answers for every worker: were their caches warm while measured?
      const after = await cacheCounts(clustered.url);
      notes.workersSnapshotCacheWhileMeasured = { hits: after.hits - before.hits, misses: after.misses - before.misses };
      process.stdout.write(`  workers' snapshot cache while measured: ${JSON.stringify(notes.workersSnapshotCacheWhileMeasured)}\n`);
      await clustered.stop();
    }

    await freshness(warm, other, db.url, token).catch((error) => {
      notes.freshness = `not measured: ${error.message}`;
      process.stdout.write(`  freshness not measured: ${error.message}\n`);
    });

    if (!args['skip-scale']) {
      t = Date.now();
      await seedAccounts(db.url, ACCOUNTS, ACCOUNTS * 10);
      process.stdout.write(`  seeded up to ${ACCOUNTS * 10} accounts in ${(Date.now() - t) / 1000}s\n`);
      await decisionFigures(' @10x', warm, cold, db.url);
    }

    // At the largest size seeded: how long free-plan clusters take to compute.
    try {
      const { runClustersBench } = await import(join(__dirname, 'clusters.bench.js'));
      notes.clusters = await runClustersBench(db.url);
      process.stdout.write(`  freePlanClusters: ${JSON.stringify(notes.clusters)}\n`);
    } catch (error) {
      notes.clusters = `not run: ${(error as Error).message}`;
    }

    if (!args['skip-webhooks']) {
      // On a server of its own (development mode, so the receiver may be local): the
      // production servers above would refuse local receivers and hold the endpoints up.
      for (const s of servers.splice(0)) await s.stop();
      try {
        const { runWebhooksBench } = await import(join(__dirname, 'webhooks.bench.js'));
        notes.webhooks = await runWebhooksBench(db.url);
      } catch (error) {
        notes.webhooks = `not run: ${(error as Error).message}`;
        process.stdout.write(`  webhooks not measured: ${(error as Error).message}\n`);
      }
    }

    if (!args['skip-screening']) {
      try {
        // Present once screening lands; the path is computed so this file builds without it.
        const { runScreeningBench } = await import(join(__dirname, 'screening.bench.js'));
        // A million entries here keeps the whole run short; `npm run bench:screening` measures ten million.
        notes.screening = await runScreeningBench({ largeEntries: 1_000_000, resultsFile: null });
      } catch (error) {
        notes.screening = `not run: ${(error as Error).message}`;
      }
    }
  } finally {
    for (const s of servers) await s.stop();
    await db.stop();
  }

  const base = figures['baseline { __typename }'];
  const warm = figures['entitlement warm'];
  const cold = figures['entitlement cold'];
  const unmetered = figures['entitlement warm metrics off'];
  const unmeteredBase = figures['baseline { __typename } metrics off'];
  const unlimited = figures['entitlement warm quotas off'];
  const unlimitedBase = figures['baseline { __typename } quotas off'];
  const clusterWarm = figures[`entitlement warm x${notes.workers} workers`];
  const clusterBase = figures[`baseline { __typename } x${notes.workers} workers`];
  const ratios: Record<string, number> = {
    warmThroughputVsBaseline: round(warm.rps / base.rps),
    ...(unmetered
      ? {
          warmVsBaselineMetricsOff: round(unmetered.rps / unmeteredBase.rps),
          warmMetricsOnVsOff: round(warm.rps / unmetered.rps),
        }
      : {}),
    ...(unlimited
      ? {
          warmVsBaselineQuotasOnAB: round(
            figures['entitlement warm quotas on (A/B)'].rps / figures['baseline { __typename } quotas on (A/B)'].rps,
          ),
          warmVsBaselineQuotasOff: round(unlimited.rps / unlimitedBase.rps),
          warmQuotasOnVsOff: round(figures['entitlement warm quotas on (A/B)'].rps / unlimited.rps),
        }
      : {}),
    ...(clusterWarm
      ? {
          warmVsBaselineOnWorkers: round(clusterWarm.rps / clusterBase.rps),
          warmWorkersVsOneProcess: round(clusterWarm.rps / warm.rps),
        }
      : {}),
    coldThroughputVsBaseline: round(cold.rps / base.rps),
    warmP99VsBaselineP99: round(warm.p99 / Math.max(base.p99, 1)),
  };
  if (figures['entitlement warm @10x']) {
    ratios.warmP99At10xVs1x = round(figures['entitlement warm @10x'].p99 / Math.max(warm.p99, 1));
    ratios.coldP99At10xVs1x = round(figures['entitlement cold @10x'].p99 / Math.max(cold.p99, 1));
    // The same ratio for a request that reads nothing: how much the machine itself drifted.
    ratios.baselineP99At10xVs1x = round(figures['baseline { __typename } @10x'].p99 / Math.max(base.p99, 1));
  }
  const goals = {
    'warm throughput >= 0.8 x baseline': ratios.warmThroughputVsBaseline >= 0.8,
    ...(ratios.warmVsBaselineOnWorkers !== undefined
      ? { 'warm throughput >= 0.8 x baseline on every core': ratios.warmVsBaselineOnWorkers >= 0.8 }
      : {}),
    'cold throughput >= 0.4 x baseline': ratios.coldThroughputVsBaseline >= 0.4,
    'warm p99 <= 2 x baseline p99': ratios.warmP99VsBaselineP99 <= 2,
    'same process never stale': (notes.freshness as any)?.staleSameProcess === 0,
    'other process p99 <= 50 ms': (notes.freshness as any)?.otherProcessP99Ms <= 50,
    ...(ratios.warmP99At10xVs1x !== undefined ? { 'p99 at 10x accounts <= 1.25 x': ratios.warmP99At10xVs1x <= 1.25 } : {}),
    'no failed responses': Object.values(figures).every((f) => f.failures === 0),
  };
  process.stdout.write('\nratios:\n');
  for (const [k, v] of Object.entries(ratios)) process.stdout.write(`  ${k.padEnd(28)} ${v}\n`);
  process.stdout.write('goals:\n');
  for (const [k, v] of Object.entries(goals)) process.stdout.write(`  ${v ? 'met    ' : 'MISSED '} ${k}\n`);

  const out = {
    at: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    settings: {
      accounts: ACCOUNTS,
      duration: DURATION,
      connections: CONNECTIONS,
      runs: RUNS,
      statementsPerBatch: 'one statement per batch of up to 1,000 accounts (policy versions ride along when not cached)',
    },
    figures,
    ratios,
    goals,
    notes,
    seconds: (Date.now() - started) / 1000,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`\nwrote bench/results/latest.json (${out.seconds}s)\n`);
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error}\n`);
  process.exit(1);
});
