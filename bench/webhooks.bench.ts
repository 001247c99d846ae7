// npm run bench:webhooks [-- --events 3000]
//
// Webhook delivery throughput on a real server process (development mode, so
// a local receiver is allowed) and a real HTTP receiver in this process:
// events already in the outbox, delivered to one endpoint (in order, one at a
// time) and to four endpoints at once; and the time from a mutation's answer
// to its webhook's arrival. Every delivery is counted by webhook-id: a
// duplicate or an event out of order is reported.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { issueToken } from '../src/auth/token-issuer';
import { startBenchDatabase } from './bench-database';
import { BenchServer, startBenchServer } from './bench-server';

interface Receiver {
  url: string;
  seen: Map<string, number[]>; // path -> event numbers in arrival order
  ids: Set<string>; // path and webhook-id
  duplicates: number;
  arrivals: Map<string, number>; // path and webhook-id -> time
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const r = { seen: new Map<string, number[]>(), ids: new Set<string>(), duplicates: 0, arrivals: new Map<string, number>() };
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // One event goes to every endpoint subscribed to it, with the same webhook-id.
      const id = `${req.url} ${String(req.headers['webhook-id'])}`;
      if (r.ids.has(id)) r.duplicates += 1;
      r.ids.add(id);
      r.arrivals.set(id, performance.now());
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const list = r.seen.get(req.url!) ?? [];
      list.push(Number(body.data?.n ?? -1));
      r.seen.set(req.url!, list);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    ...r,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function startServer(databaseUrl: string, secret: string): Promise<BenchServer> {
  return startBenchServer({
    DATABASE_URL: databaseUrl,
    AUTH_JWT_SECRET: secret,
    SIGNAL_HASH_KEY: secret,
    NODE_ENV: 'development',
    WEBHOOK_WORKER: 'true',
    WEBHOOK_CONCURRENCY: '4',
    WEBHOOK_POLL_INTERVAL_MS: '200',
  });
}

async function gql(url: string, token: string, query: string, variables?: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Delivers `events` outbox events to each of `endpoints` new endpoints; returns events delivered per second. */
async function throughput(
  db: Client,
  url: string,
  token: string,
  receiver: Receiver,
  events: number,
  endpoints: number,
): Promise<Record<string, unknown>> {
  const tag = randomUUID().slice(0, 8);
  const ids: string[] = [];
  for (let i = 0; i < endpoints; i += 1) {
    const d = await gql(
      url,
      token,
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { input: { url: `${receiver.url}/${tag}/${i}`, events: ['REPORT_FILED'] } },
    );
    ids.push(d.createWebhookEndpoint.endpoint.id);
  }
  // The endpoints are disabled while the outbox fills, so the clock starts with all of it waiting.
  await db.query(`UPDATE webhook_endpoints SET enabled = false WHERE id = ANY($1::uuid[])`, [ids]);
  const { rows } = await db.query(
    `WITH ev AS (
       INSERT INTO webhook_events (message_id, type, account_id, payload, occurred_at)
       SELECT gen_random_uuid(), 'report.filed', NULL, json_build_object('n', g), now() FROM generate_series(1, $1) g RETURNING id)
     INSERT INTO webhook_deliveries (endpoint_id, event_id) SELECT e, ev.id FROM ev, unnest($2::uuid[]) e RETURNING 1`,
    [events, ids],
  );
  const expected = rows.length;
  const before = receiver.ids.size;
  const started = performance.now();
  await db.query(`UPDATE webhook_endpoints SET enabled = true WHERE id = ANY($1::uuid[])`, [ids]);
  await db.query(
    `SELECT graphile_worker.add_job('webhook_deliver', json_build_object('endpointId', e), job_key => 'webhook:' || e) FROM unnest($1::text[]) e`,
    [ids],
  );
  await waitUntil(() => receiver.ids.size - before >= expected, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const inOrder = ids.every((_, i) => {
    const seen = receiver.seen.get(`/${tag}/${i}`) ?? [];
    return seen.every((n, j) => j === 0 || n > seen[j - 1]);
  });
  return {
    endpoints,
    events: expected,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(expected / seconds),
    inOrder,
  };
}

/** From a mutation's answer to its webhook's arrival. */
async function latency(url: string, token: string, receiver: Receiver, trials: number): Promise<Record<string, number>> {
  await gql(url, token, `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`, {
    input: { url: `${receiver.url}/latency`, events: ['ACCOUNT_CREATED'] },
  });
  const lags: number[] = [];
  for (let i = 0; i < trials; i += 1) {
    const before = new Set(receiver.ids);
    await gql(url, token, `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, {
      input: { email: `bench-${randomUUID()}@example.com`, displayName: 'Bench' },
    });
    const answered = performance.now();
    await waitUntil(() => receiver.ids.size > before.size, 10_000);
    const id = [...receiver.ids].find((x) => !before.has(x))!;
    lags.push(receiver.arrivals.get(id)! - answered);
  }
  lags.sort((a, b) => a - b);
  const q = (p: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] * 10) / 10;
  return { trials, p50Ms: q(0.5), p99Ms: q(0.99) };
}

export async function runWebhooksBench(databaseUrl: string, options: { events?: number } = {}): Promise<Record<string, unknown>> {
  const events = options.events ?? 3000;
  const secret = randomBytes(32).toString('hex');
  const receiver = await startReceiver();
  const server = await startServer(databaseUrl, secret);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const token = await issueToken(secret, { sub: 'bench', roles: ['admin', 'service'], expiresIn: '2h' });
    const one = await throughput(db, server.url, token, receiver, events, 1);
    process.stdout.write(
      `  webhooks, one endpoint: ${one.eventsPerSecond} events/s (${one.events} in ${one.seconds}s, in order: ${one.inOrder})\n`,
    );
    const four = await throughput(db, server.url, token, receiver, Math.ceil(events / 2), 4);
    process.stdout.write(
      `  webhooks, four endpoints: ${four.eventsPerSecond} events/s (${four.events} in ${four.seconds}s, in order: ${four.inOrder})\n`,
    );
    const lag = await latency(server.url, token, receiver, 50);
    process.stdout.write(`  mutation to webhook: p50 ${lag.p50Ms} ms, p99 ${lag.p99Ms} ms over ${lag.trials}\n`);
    return { oneEndpoint: one, fourEndpoints: four, mutationToWebhook: lag, duplicates: receiver.duplicates };
  } finally {
    await db.end();
    await server.stop();
    await receiver.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '3000' } } });
  const db = await startBenchDatabase('webhooks');
  try {
    // The first start applies the migrations.
    const result = await runWebhooksBench(db.url, { events: Number(values.events) });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await db.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`webhooks bench failed: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
