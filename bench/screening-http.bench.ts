// npm run bench:screening-http [-- --entries 1000000 --duration 10 --runs 3 --connections 16 --shares 0.25,0.5 --out F]
//
// screenInput over real HTTP under concurrent load: a generated catalog of N
// entries (plus the development catalog's real names) imported through the
// real bulk import, a built server process on its own database, and
// autocannon sending 2 KB prompts that quote names, lyrics-free, over 16
// connections. First flat out (every connection sends again as soon as it is
// answered): the capacity of one server process, whose latency is mostly the
// queue of 16 requests in front of each. Then at offered rates below it
// (shares of that capacity, open loop: each request leaves on schedule, as
// many in flight as the answers take): the latency a request sees when the
// service runs under that load. The server's own CPU time and screening time
// per request come from its /metrics. Every response body is checked for
// errors. Results: bench/results/screening-http.json.
//
// Each offered rate runs `--runs` times, in turns with its floor, and its p99
// is that of every run's requests pooled: on this 2-core virtual machine one
// run's p99 is set by one or two stalls of the machine (8 to 35 ms, seen on a
// bare `{ __typename }`), which land in whichever run they land. Each run's
// own p99 is in the results too.
import 'reflect-metadata';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueToken } from '../src/auth/token-issuer';
import { startBenchDatabase } from './bench-database';
import { pinToCpus, serverMetrics, startBenchServer } from './bench-server';
import { openLoop, quantile } from './open-loop';
import { pseudoWord, rng } from './generated-names';

const ROOT = join(__dirname, '..', '..');
const SECRET = 'screening-http-bench-secret-0123456789abcdef';
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'sil', 'dur', 'en', 'bo', 'za', 'quin', 'mar', 'tes', 'ul'];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '10' },
      runs: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      // Offered loads, as shares of the measured capacity.
      shares: { type: 'string', default: '0.25,0.5' },
      out: { type: 'string', default: join(ROOT, 'bench', 'results', 'screening-http.json') },
    },
  });
  const shares = values.shares!.split(',').map(Number);
  const entries = Number(values.entries);
  const duration = Number(values.duration);
  const runs = Number(values.runs);
  const connections = Number(values.connections);
  const dir = mkdtempSync(join(os.tmpdir(), 'screening-http-'));
  const cpus = os.availableParallelism();
  // The load generator and PostgreSQL on the other cores, the server on one of its own.
  const pinned = cpus >= 2 && pinToCpus(process.pid, `0-${cpus - 2}`);
  const db = await startBenchDatabase('screening_http');
  let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
  try {
    // The development catalog's real names, then generated ones up to N.
    const real = readFileSync(join(ROOT, 'data', 'screening-eval', 'catalog-dev.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const r = rng(7);
    let rows: string[] | null = [...real];
    for (let i = real.length - 1; i < entries; i++) {
      const words = 1 + Math.floor(r() * 3);
      const text = Array.from({ length: words }, () => pseudoWord(r, SYLLABLES)).join(' ');
      rows.push(`${r() < 0.5 ? 'ARTIST' : 'SONG_TITLE'},${text}`);
    }
    const csv = join(dir, 'catalog.csv');
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const entryCount = rows.length - 1;
    // A million rows kept in this process would make its GC pauses the load generator's lateness.
    rows = null;
    const env = { ...process.env, DATABASE_URL: db.url, AUTH_JWT_SECRET: SECRET, SIGNAL_HASH_KEY: SECRET, LOG_LEVEL: 'warn' };
    execFileSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'migrate.js'), 'run'], { env, stdio: 'ignore' });
    let started = performance.now();
    execFileSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', 'catalog-import.js'), csv], { env, stdio: 'ignore' });
    process.stdout.write(`imported ${entryCount} rows in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    started = performance.now();
    server = await startBenchServer(
      {
        DATABASE_URL: db.url,
        AUTH_JWT_SECRET: SECRET,
        SIGNAL_HASH_KEY: SECRET,
        NODE_ENV: 'production',
        WEB_CONCURRENCY: '1',
        QUOTA_ENABLED: 'false',
      },
      pinned ? { cpus: String(cpus - 1) } : {},
    );
    process.stdout.write(
      `server ready (index built) in ${((performance.now() - started) / 1000).toFixed(1)} s; ${pinned ? `server on cpu ${cpus - 1}, load generator on cpus 0-${cpus - 2}` : 'not pinned'}\n`,
    );
    const token = await issueToken(SECRET, { sub: 'screening-bench', roles: ['service'] });

    // ~2 KB of ordinary captions with two real names woven in, varied per request.
    const captions: string[] = JSON.parse(readFileSync(join(ROOT, 'data', 'screening-eval', 'prompts-dev.json'), 'utf8'));
    const names = real.slice(1, 2001).map((line) => line.slice(line.indexOf(',') + 1).replace(/^"|"$/g, ''));
    let n = 0;
    const prompt = (): string => {
      n += 1;
      let text = `A song in the style of ${names[n % names.length]}. `;
      for (let i = 0; text.length < 2000; i++) text += `${captions[(n * 7 + i) % captions.length]} `;
      return `${text.slice(0, 2000)} Also like ${names[(n * 13) % names.length]}.`;
    };
    let failures = 0;
    /** Flat out: each connection sends again as soon as it is answered. */
    const run = (seconds: number): Promise<any> =>
      autocannon({
        url: server!.url,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [
          {
            setupRequest: (req: any) => ({
              ...req,
              body: screenBody(),
            }),
            onResponse: (status: number, body: string) => {
              if (status !== 200 || body.includes('"errors"')) failures += 1;
            },
          },
        ],
      } as any);
    const screenBody = () =>
      JSON.stringify({
        query: 'query($t: String!) { screenInput(text: $t) { allowed matches { entryText verdict } } }',
        variables: { t: prompt() },
      });
    // The floor: the same 2 KB over the same HTTP, JSON parse, auth and GraphQL
    // execution, without the screening. Its p99 at the same rate is what this
    // machine (its scheduler, the collector, the load generator on the other
    // core) adds to any request; the screening's own share is the difference.
    const floorBody = () => JSON.stringify({ query: '{ __typename }', extensions: { pad: prompt() } });
    /** rate 0: flat out (autocannon, every connection sends again when answered); else open loop at that rate. */
    const measure = async (rate: number, body = screenBody, pool?: number[]) => {
      failures = 0;
      const before = await serverFigures(server!.url);
      let answered: number;
      let figures: { answeredPerS: number; p50: number; p99: number; max: number; failures: number; maxSendLagMs: number | null };
      if (rate === 0) {
        const result = await run(duration);
        answered = result.requests.total;
        figures = {
          answeredPerS: Math.round(result.requests.average),
          p50: result.latency.p50,
          p99: result.latency.p99,
          max: result.latency.max,
          failures: failures + result.errors + result.timeouts,
          maxSendLagMs: null,
        };
      } else {
        const result = await openLoop({
          url: server!.url,
          headers: { authorization: `Bearer ${token}` },
          body,
          rate,
          seconds: duration,
          onLatency: pool === undefined ? undefined : (ms) => pool.push(ms),
        });
        answered = result.ok + result.refused + result.failed;
        figures = {
          answeredPerS: Math.round(result.okPerS),
          p50: result.p50,
          p99: result.p99,
          max: result.max,
          failures: result.failed + result.refused,
          maxSendLagMs: result.maxSendLagMs,
        };
      }
      const after = await serverFigures(server!.url);
      const screened = after.requests - before.requests;
      return {
        offeredPerS: rate > 0 ? rate : null,
        ...figures,
        serverCpuMsPerRequest: round(((after.cpuSeconds - before.cpuSeconds) * 1000) / answered),
        screeningMsPerRequest: screened > 0 ? round(((after.screeningSeconds - before.screeningSeconds) * 1000) / screened) : null,
      };
    };
    await run(2); // warm-up
    // Flat out, every connection busy: the server's capacity; its latency is the queue of 16 requests.
    const flatOut = await measure(0);
    // Then offered rates below capacity, as a service is run: the latency a request sees under that load.
    const atShares = [];
    for (const share of shares) {
      const rate = Math.round(share * flatOut.answeredPerS);
      const pooled: number[] = [];
      const floorPooled: number[] = [];
      const screened: Awaited<ReturnType<typeof measure>>[] = [];
      const floors: Awaited<ReturnType<typeof measure>>[] = [];
      for (let i = 0; i < runs; i += 1) {
        screened.push(await measure(rate, screenBody, pooled));
        floors.push(await measure(rate, floorBody, floorPooled));
      }
      atShares.push({
        share,
        ...combined(screened, pooled),
        floor: combined(floors, floorPooled),
      });
    }
    const line = (label: string, m: typeof flatOut) =>
      `  ${label.padEnd(28)} ${String(m.answeredPerS).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  max ${m.max} ms  ` +
      `server CPU ${m.serverCpuMsPerRequest} ms/request (screening ${m.screeningMsPerRequest} ms)  failures ${m.failures}` +
      (m.maxSendLagMs === null ? '' : `  generator lag max ${m.maxSendLagMs} ms`);
    process.stdout.write(`screenInput, 2 KB prompts, ${entryCount} entries, one server process:\n`);
    process.stdout.write(`${line(`flat out, ${connections} connections`, flatOut)}\n`);
    for (const m of atShares) {
      process.stdout.write(
        `${line(`open loop at ${Math.round(m.share * 100)}%: ${m.offeredPerS}/s`, m)}  (p99 of each run: ${m.runP99s.join(', ')})\n`,
      );
      const f = m.floor;
      process.stdout.write(
        `    floor, { __typename } + 2 KB:  p50 ${f.p50} ms  p99 ${f.p99} ms  max ${f.max} ms  server CPU ${f.serverCpuMsPerRequest} ms/request  failures ${f.failures}  (p99 of each run: ${f.runP99s.join(', ')})\n`,
      );
    }
    const half = atShares.find((m) => m.share === 0.5);
    const goals = half ? { 'p99 <= 5 ms at half of capacity (every run pooled)': half.p99 <= 5 } : {};
    if (half) process.stdout.write(`  at half of capacity, p99 ${half.p99} ms against the floor's ${half.floor.p99} ms\n`);
    for (const [goal, met] of Object.entries(goals)) process.stdout.write(`  ${met ? 'met    ' : 'MISSED '} ${goal}\n`);
    if (values.out !== '') {
      mkdirSync(dirname(values.out!), { recursive: true });
      writeFileSync(
        values.out!,
        `${JSON.stringify(
          {
            at: new Date().toISOString(),
            machine: { cores: cpus, cpu: os.cpus()[0]?.model, node: process.version, loadAverage: os.loadavg(), pinned },
            settings: { entries: entryCount, duration, runs, connections, promptChars: prompt().length },
            flatOut,
            atShares,
            goals,
          },
          null,
          2,
        )}\n`,
      );
    }
  } finally {
    await server?.stop();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

interface Measured {
  offeredPerS: number | null;
  answeredPerS: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
  maxSendLagMs: number | null;
  serverCpuMsPerRequest: number;
  screeningMsPerRequest: number | null;
}

/** Several runs at one rate as one: percentiles of every request pooled, the rest the runs' median or worst. */
function combined(runs: Measured[], latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const screening = runs.map((r) => r.screeningMsPerRequest).filter((x): x is number => x !== null);
  return {
    offeredPerS: runs[0].offeredPerS,
    answeredPerS: median(runs.map((r) => r.answeredPerS)),
    p50: quantile(sorted, 0.5),
    /** Of every run's requests pooled. */
    p99: quantile(sorted, 0.99),
    max: quantile(sorted, 1),
    failures: runs.reduce((n, r) => n + r.failures, 0),
    maxSendLagMs: Math.max(...runs.map((r) => r.maxSendLagMs ?? 0)),
    serverCpuMsPerRequest: median(runs.map((r) => r.serverCpuMsPerRequest)),
    screeningMsPerRequest: screening.length === 0 ? null : median(screening),
    runP99s: runs.map((r) => r.p99),
  };
}

/** The server's own counters: CPU seconds, screenInput requests, and time spent screening. */
async function serverFigures(graphqlUrl: string): Promise<{ cpuSeconds: number; requests: number; screeningSeconds: number }> {
  const m = await serverMetrics(graphqlUrl, [
    'process_cpu_seconds_total',
    'entitlement_screening_duration_seconds_count',
    'entitlement_screening_duration_seconds_sum',
  ]);
  return {
    cpuSeconds: m.process_cpu_seconds_total,
    requests: m.entitlement_screening_duration_seconds_count,
    screeningSeconds: m.entitlement_screening_duration_seconds_sum,
  };
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
