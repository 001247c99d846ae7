// npm run bench:client [-- --accounts 10000 --clients 8 --writes 100]
//
// The client package against a real server process (job worker on, as in
// production) on a database of its own:
// - warm checks in this process: check() (a promise) and peek() (synchronous)
//   per second on one core, and check()'s latency percentiles;
// - server requests per 10,000 checks of a realistic mix (skewed accounts,
//   mostly PERSONAL, a few writes meanwhile), cold and then warm;
// - the time from a write's answer to every client's memory holding it, with
//   several clients each on its own socket.
import { createHash, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { AccountChange, createEntitlementClient, EntitlementClient, FetchLike, Use } from '../client/src';
import { issueToken } from '../src/auth/token-issuer';
import { startBenchDatabase } from './bench-database';
import { startBenchServer } from './bench-server';
import { seedAccounts } from './seed';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

/** The id seedAccounts gives account number g. */
function seededId(g: number): string {
  const hex = createHash('md5').update(`bench-${g}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function percentile(sorted: Float64Array | number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function countingFetch(): { fetchImpl: FetchLike; calls: () => number } {
  let calls = 0;
  return {
    fetchImpl: (url, init) => {
      calls += 1;
      return fetch(url, init as RequestInit);
    },
    calls: () => calls,
  };
}

async function warmUp(client: EntitlementClient, ids: string[], use: Use = 'PERSONAL'): Promise<void> {
  await client.ready();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const missing = ids.filter((id) => client.peek(id, use) === undefined);
    if (missing.length === 0) return;
    await Promise.all(missing.map((id) => client.check(id, use)));
    await sleep(200);
  }
  throw new Error('memory did not warm up');
}

async function warmFigures(url: string, token: string, ids: string[]): Promise<Record<string, number>> {
  const client = createEntitlementClient({ url, token, webSocketImpl: WebSocket as any });
  try {
    await warmUp(client, ids);
    const n = ids.length;
    const total = 2_000_000;
    // Throughput of check(): awaited one after another, as a request handler would.
    for (let i = 0; i < 100_000; i += 1) await client.check(ids[i % n]);
    let start = performance.now();
    let denied = 0;
    for (let i = 0; i < total; i += 1) if (!(await client.check(ids[i % n])).allowed) denied += 1;
    const checkSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    for (let i = 0; i < total; i += 1) if (!client.peek(ids[i % n])!.allowed) denied += 1;
    const peekSeconds = (performance.now() - start) / 1000;
    // Latency of each check(), timed one by one.
    const samples = new Float64Array(200_000);
    for (let i = 0; i < samples.length; i += 1) {
      const t0 = process.hrtime.bigint();
      await client.check(ids[i % n]);
      samples[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    samples.sort();
    if (client.status().requests > Math.ceil(n / 1000) * 50) throw new Error('warm checks went to the server');
    return {
      checksPerSecond: Math.round(total / checkSeconds),
      peeksPerSecond: Math.round(total / peekSeconds),
      checkP50Us: round(percentile(samples, 50), 3),
      checkP99Us: round(percentile(samples, 99), 3),
      checkP999Us: round(percentile(samples, 99.9), 3),
      checkMaxUs: round(samples[samples.length - 1], 1),
      deniedShare: round(denied / (2 * total), 3),
    };
  } finally {
    await client.close();
  }
}

/** A skewed pick: a few accounts make most requests (Zipf, s = 1.1). */
function zipf(n: number, s = 1.1): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 1; k <= n; k += 1) cdf[k - 1] = sum += 1 / k ** s;
  return () => {
    const r = Math.random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function pickUse(): Use {
  const r = Math.random();
  return r < 0.7 ? 'PERSONAL' : r < 0.9 ? 'COMMERCIAL' : 'API_ACCESS';
}

async function mixFigures(url: string, token: string, ids: string[], writer: EntitlementClient): Promise<Record<string, number>> {
  const counter = countingFetch();
  const client = createEntitlementClient({ url, token, webSocketImpl: WebSocket as any, fetchImpl: counter.fetchImpl });
  const pick = zipf(ids.length);
  const suspended = new Map<string, string>();
  const seen = new Set<string>();
  // One write per 500 checks on a popular account: a suspension, or lifting it again.
  const write = async () => {
    const id = ids[pick()];
    const held = suspended.get(id);
    if (held) {
      suspended.delete(id);
      await writer.mutate('mutation($id: ID!) { liftSuspension(id: $id, reason: "bench") { id } }', { id: held });
    } else {
      const d = await writer.mutate<any>('mutation($i: SuspendAccountInput!) { suspendAccount(input: $i) { id } }', {
        i: { accountId: id, clause: 'Enforcement', reason: 'bench' },
      });
      suspended.set(id, d.suspendAccount.id);
    }
  };
  // 10,000 checks as generation requests would make them: 32 at a time.
  const phase = async () => {
    const before = counter.calls();
    let left = 10_000;
    const sources = { memory: 0, server: 0, fallback: 0 };
    let firstSeen = 0;
    const writes: Promise<void>[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (left > 0) {
          left -= 1;
          if (left % 500 === 0) writes.push(write().catch(() => undefined));
          const id = ids[pick()];
          const use = pickUse();
          if (!seen.has(`${id} ${use}`)) {
            seen.add(`${id} ${use}`);
            firstSeen += 1;
          }
          sources[(await client.check(id, use)).source] += 1;
        }
      }),
    );
    await Promise.all(writes);
    return { requests: counter.calls() - before, firstSeen, ...sources };
  };
  try {
    await client.ready();
    const cold = await phase();
    await sleep(1000);
    const warm = await phase();
    await sleep(1000);
    const warmer = await phase();
    return {
      coldRequestsPer10k: cold.requests,
      coldFromMemory: cold.memory,
      coldFirstSeen: cold.firstSeen,
      warmRequestsPer10k: warm.requests,
      warmFromMemory: warm.memory,
      warmFirstSeen: warm.firstSeen,
      thirdRequestsPer10k: warmer.requests,
      thirdFromMemory: warmer.memory,
      thirdFirstSeen: warmer.firstSeen,
      distinctAccounts: ids.length,
    };
  } finally {
    await client.close();
  }
}

async function propagationFigures(
  url: string,
  token: string,
  writer: EntitlementClient,
  clientCount: number,
  writes: number,
): Promise<Record<string, number>> {
  const clients = Array.from({ length: clientCount }, () => createEntitlementClient({ url, token, webSocketImpl: WebSocket as any }));
  try {
    // Accounts of their own through the API, onboarded, so each write flips PERSONAL.
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const d = await writer.mutate<any>('mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }', {
        input: { email: `${randomUUID()}@example.test`, displayName: 'Bench' },
      });
      const id = d.createAccount.id;
      const user = createEntitlementClient({
        url,
        token: await issueToken(SECRET, { sub: id, roles: ['user'] }),
        stream: false,
      });
      await user.mutate('mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: INDIVIDUAL }) { id } }', { id });
      await user.mutate('mutation($id: ID!) { acceptPolicy(accountId: $id, version: "2026-01-19") { id } }', { id });
      await user.close();
      ids.push(id);
    }
    await sleep(1500);
    await Promise.all(clients.map((c) => warmUp(c, ids)));
    const fromAnswer: number[] = [];
    // When the server decided each change, after the write's answer: the job worker's share of the time.
    const decidedAfterAnswer: number[] = [];
    const fromSend: number[] = [];
    let missed = 0;
    const suspensions = new Map<string, string>();
    for (let w = 0; w < writes; w += 1) {
      const id = ids[w % ids.length];
      const expected = suspensions.has(id); // lifting one allows again; a new suspension denies
      let answered = Infinity;
      const answeredAt = () => answered;
      const arrived = clients.map(
        (c) =>
          new Promise<number>((resolve) => {
            const done = (change?: AccountChange) => {
              if (c.peek(id)?.allowed === expected) {
                off();
                clearTimeout(timer);
                const at = performance.now();
                if (change) decidedAfterAnswer.push(Date.parse(change.occurredAt) - (performance.timeOrigin + answeredAt()));
                resolve(at);
              }
            };
            const off = c.onChange(id, done);
            const timer = setTimeout(() => {
              off();
              resolve(NaN);
            }, 10_000);
          }),
      );
      const sent = performance.now();
      if (expected) {
        await writer.mutate('mutation($id: ID!) { liftSuspension(id: $id, reason: "bench") { id } }', { id: suspensions.get(id) });
        suspensions.delete(id);
      } else {
        const d = await writer.mutate<any>('mutation($i: SuspendAccountInput!) { suspendAccount(input: $i) { id } }', {
          i: { accountId: id, clause: 'Enforcement', reason: 'bench' },
        });
        suspensions.set(id, d.suspendAccount.id);
      }
      answered = performance.now();
      for (const at of await Promise.all(arrived)) {
        if (Number.isNaN(at)) {
          missed += 1;
          continue;
        }
        fromAnswer.push(Math.max(0, at - answered));
        fromSend.push(at - sent);
      }
      await sleep(50);
    }
    fromAnswer.sort((a, b) => a - b);
    fromSend.sort((a, b) => a - b);
    const decided = decidedAfterAnswer.filter(Number.isFinite).sort((a, b) => a - b);
    return {
      clients: clientCount,
      writes,
      deliveries: fromAnswer.length,
      missed,
      afterAnswerP50Ms: round(percentile(fromAnswer, 50), 1),
      afterAnswerP99Ms: round(percentile(fromAnswer, 99), 1),
      afterAnswerMaxMs: round(fromAnswer[fromAnswer.length - 1], 1),
      decidedAfterAnswerP50Ms: round(percentile(decided, 50), 1),
      decidedAfterAnswerP99Ms: round(percentile(decided, 99), 1),
      afterSendP50Ms: round(percentile(fromSend, 50), 1),
      afterSendP99Ms: round(percentile(fromSend, 99), 1),
    };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string', default: '10000' },
      clients: { type: 'string', default: '8' },
      writes: { type: 'string', default: '100' },
    },
  });
  const accounts = Number(values.accounts);
  const db = await startBenchDatabase('client');
  try {
    // The first start applies the migrations; the seed then fills the schema.
    const server = await startBenchServer({
      DATABASE_URL: db.url,
      AUTH_JWT_SECRET: SECRET,
      SIGNAL_HASH_KEY: SECRET,
      NODE_ENV: 'development',
      WEBHOOK_WORKER: 'true',
    });
    try {
      await seedAccounts(db.url, 0, accounts);
      const token = await issueToken(SECRET, { sub: 'bench', roles: ['service'], expiresIn: '2h' });
      const adminToken = await issueToken(SECRET, { sub: 'bench-admin', roles: ['admin'], expiresIn: '2h' });
      const writer = createEntitlementClient({ url: server.url, token: adminToken, stream: false });
      const ids = Array.from({ length: accounts }, (_, g) => seededId(g));
      const result: Record<string, unknown> = { accounts, cores: (await import('node:os')).cpus().length };
      process.stdout.write(`client bench: ${accounts} seeded accounts\n`);
      result.warm = await warmFigures(server.url, token, ids.slice(0, 1000));
      process.stdout.write(`  warm: ${JSON.stringify(result.warm)}\n`);
      result.mix = await mixFigures(server.url, token, ids.slice(0, Math.min(accounts, 5000)), writer);
      process.stdout.write(`  mix: ${JSON.stringify(result.mix)}\n`);
      result.propagation = await propagationFigures(server.url, token, writer, Number(values.clients), Number(values.writes));
      process.stdout.write(`  write to memory: ${JSON.stringify(result.propagation)}\n`);
      await writer.close();
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await server.stop();
    }
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
