// The client against a real server and database: memory kept current by the
// change stream, through cuts and silences; batching; fallback; read-your-writes.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import WebSocket from 'ws';
import { createEntitlementClient, EntitlementClient, EntitlementClientOptions, entitlementStore, FetchLike } from '../src';
import { EntitlementProvider, useEntitlement } from '../src/react';
import { laterRevision, revisionPosition } from '../src/revision';
import { encodeRevision } from '../../src/domain/revision';
import { startTestApp, TestApp } from '../../test/support/test-app';
import { seedAccount } from '../../test/support/factories';
import { freePort } from '../../test/support/free-port';

jest.setTimeout(120_000);

const CREATE = 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }';
const SUSPEND = 'mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id revision } }';
const LIFT = 'mutation($id: ID!) { liftSuspension(id: $id, reason: "lifted") { id revision } }';

let app: TestApp;
let adminToken: string;
let serviceToken: string;
const clients: EntitlementClient[] = [];

beforeAll(async () => {
  // The job worker computes entitlement.changed; it polls quickly here.
  app = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_POLL_INTERVAL_MS: '100' });
  adminToken = await app.token({ sub: 'admin-1', roles: ['admin'] });
  serviceToken = await app.token({ sub: 'service-1', roles: ['service'] });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await app?.close();
});

function counting(): { fetchImpl: FetchLike; calls: () => number; bodies: any[] } {
  let calls = 0;
  const bodies: any[] = [];
  const fetchImpl: FetchLike = (url, init) => {
    calls += 1;
    bodies.push(JSON.parse(init.body));
    return fetch(url, init as RequestInit);
  };
  return { fetchImpl, calls: () => calls, bodies };
}

function client(options: Partial<EntitlementClientOptions> = {}): EntitlementClient {
  const c = createEntitlementClient({
    url: app.url,
    token: serviceToken,
    webSocketImpl: WebSocket as any,
    settleMs: 100,
    pingIntervalMs: 250,
    pongTimeoutMs: 250,
    reconnectMinMs: 50,
    reconnectMaxMs: 500,
    ...options,
  });
  clients.push(c);
  return c;
}

function admin(): EntitlementClient {
  return client({ token: adminToken, stream: false });
}

async function account(writer: EntitlementClient): Promise<string> {
  const data = await writer.mutate<{ createAccount: { id: string } }>(CREATE, {
    input: { email: `${randomUUID()}@example.com`, displayName: 'Listener' },
  });
  const id = data.createAccount.id;
  // A new account may use the service once it has accepted the policy in effect (as its own user).
  const user = createEntitlementClient({ url: app.url, token: await app.token({ sub: id, roles: ['user'] }), stream: false });
  await user.mutate('mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: INDIVIDUAL }) { id } }', { id });
  await user.mutate('mutation($id: ID!) { acceptPolicy(accountId: $id, version: "2026-01-19") { id } }', { id });
  await user.close();
  return id;
}

async function suspend(writer: EntitlementClient, accountId: string): Promise<{ id: string; revision: string }> {
  const data = await writer.mutate<any>(SUSPEND, { input: { accountId, clause: 'Enforcement', reason: 'test' } });
  return data.suspendAccount;
}

async function until<T>(probe: () => T | undefined | false, timeoutMs = 10_000, everyMs = 1): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Held in memory: asked until every answer comes from memory (a first answer
 * may be overtaken by the account's own first changes, still coming through
 * the stream), and still so a moment later.
 */
async function warm(c: EntitlementClient, ...accountIds: string[]): Promise<void> {
  await c.ready();
  for (let round = 0; round < 2; round += 1) {
    await until(() => accountIds.every((id) => c.peek(id) !== undefined || (void c.check(id).catch(() => undefined), false)), 10_000, 20);
    await new Promise((r) => setTimeout(r, 300));
  }
}

test('a suspension made through the API reaches another client’s memory (latency printed)', async () => {
  const writer = admin();
  const reader = client();
  const id = await account(writer);
  await warm(reader, id);
  expect(reader.peek(id)).toMatchObject({ allowed: true, source: 'memory', stale: false });

  const heard: any[] = [];
  reader.onChange(id, (change) => heard.push(change));
  const start = performance.now();
  await suspend(writer, id);
  const acknowledged = performance.now();
  const answer = await until(() => (reader.peek(id)?.allowed === false ? reader.peek(id) : undefined));
  const arrived = performance.now();
  console.log(
    `suspension to another client's memory: ${(arrived - acknowledged).toFixed(1)} ms after the mutation's answer (${(arrived - start).toFixed(1)} ms after it was sent)`,
  );
  expect(answer).toMatchObject({ allowed: false, source: 'memory' });
  expect(answer!.reasons.length).toBeGreaterThan(0);
  expect(arrived - acknowledged).toBeLessThan(5000);
  expect(heard.at(-1)).toMatchObject({ uses: expect.arrayContaining(['PERSONAL']), cursor: reader.status().cursor });
});

test('10,000 warm checks make no request', async () => {
  const writer = admin();
  const counter = counting();
  const reader = client({ fetchImpl: counter.fetchImpl });
  const ids = await Promise.all(Array.from({ length: 10 }, () => account(writer)));
  await warm(reader, ...ids);
  const before = counter.calls();
  for (let i = 0; i < 10_000; i += 1) {
    const result = await reader.check(ids[i % ids.length]);
    if (result.source !== 'memory') throw new Error(`check ${i} came from ${result.source}`);
  }
  expect(counter.calls() - before).toBe(0);
});

test('the checks of one tick go out as one request per use, at most 1,000 ids each', async () => {
  const writer = admin();
  const counter = counting();
  const reader = client({ fetchImpl: counter.fetchImpl, stream: false });
  const ids = await Promise.all(Array.from({ length: 5 }, () => account(writer)));
  const before = counter.calls();
  const results = await Promise.all([...ids.map((id) => reader.check(id, 'PERSONAL')), ...ids.map((id) => reader.check(id, 'COMMERCIAL'))]);
  expect(counter.calls() - before).toBe(2);
  expect(results.every((r) => r.source === 'server')).toBe(true);
  expect(results.map((r) => r.accountId)).toEqual([...ids, ...ids]);

  // 1,500 accounts: two requests, 1,000 and 500 ids.
  const many: string[] = [];
  for (let i = 0; i < 1500; i += 1) many.push(await seedAccount(app.dataSource));
  counter.bodies.length = 0;
  const answers = await Promise.all(many.map((id) => reader.check(id)));
  expect(counter.bodies.map((b) => b.variables.ids.length)).toEqual([1000, 500]);
  expect(answers.every((a) => a.source === 'server' && a.allowed)).toBe(true);

  // An unknown account is a refusal (not a fallback), and only for that account: the others are asked again in halves.
  const beforeMixed = counter.calls();
  const unknown = randomUUID();
  const mixed = await Promise.allSettled([...ids, unknown].map((id) => reader.check(id, 'EMBEDDING')));
  expect(mixed.map((a) => (a.status === 'fulfilled' ? a.value.source : `${a.reason.code} ${a.reason.reason}`))).toEqual([
    ...ids.map(() => 'server'),
    'NOT_FOUND ACCOUNT_NOT_FOUND',
  ]);
  console.log(`one unknown id among ${ids.length + 1}: ${counter.calls() - beforeMixed} requests`);

  // A refusal of the request itself is not asked again id by id.
  const beforeBad = counter.calls();
  const bad = await Promise.allSettled(ids.map((id) => reader.check(id, 'PERSONAL', { atLeast: 'not-a-revision' })));
  expect(counter.calls() - beforeBad).toBe(1);
  expect(bad.map((a) => a.status === 'rejected' && a.reason.reason)).toEqual(ids.map(() => 'INVALID_REVISION'));
});

test('the client orders revisions as the server encodes them', () => {
  for (const n of [0, 1, 35, 36, 1_000_000, Number.MAX_SAFE_INTEGER]) expect(revisionPosition(encodeRevision(n))).toBe(n);
  expect(laterRevision(encodeRevision(9), encodeRevision(10))).toBe(encodeRevision(10));
  expect(revisionPosition('not-a-revision')).toBeNull();
});

test('when the server cannot be reached, the fallback answers, flagged', async () => {
  const port = await freePort();
  const errors: Error[] = [];
  const down = client({ url: `http://127.0.0.1:${port}/graphql`, onError: (e) => errors.push(e), requestTimeoutMs: 500 });
  const denied = await down.check(randomUUID(), 'PERSONAL');
  expect(denied).toMatchObject({ allowed: false, source: 'fallback', stale: true, revision: null });
  const lenient = client({
    url: `http://127.0.0.1:${port}/graphql`,
    fallback: { PERSONAL: true, default: false },
  });
  expect(await lenient.check(randomUUID(), 'PERSONAL')).toMatchObject({ allowed: true, source: 'fallback' });
  expect(await lenient.check(randomUUID(), 'COMMERCIAL')).toMatchObject({ allowed: false, source: 'fallback' });
  expect(down.status().live).toBe(false);
});

test('after a write through the client, its next check reads the write (atLeast), also on another server process', async () => {
  const writer = client({ token: adminToken });
  const id = await account(writer);
  await warm(writer, id);
  expect(writer.peek(id)?.allowed).toBe(true);
  const { revision } = await suspend(writer, id);
  // At once, before the change can have come through the stream: memory does not answer an older state.
  const after = await writer.check(id);
  expect(after.allowed).toBe(false);
  expect(after.source).toBe('server');

  // A second process on the same database, told the revision.
  const other = await startTestApp({}, { attachTo: app });
  try {
    const elsewhere = client({ url: other.url, stream: false });
    elsewhere.noteRevision(revision);
    const counter = counting();
    const plain = client({ url: other.url, stream: false, fetchImpl: counter.fetchImpl });
    plain.noteRevision(revision);
    expect((await elsewhere.check(id)).allowed).toBe(false);
    await plain.check(id);
    expect(counter.bodies[0].variables.atLeast).toBe(revision);
  } finally {
    await other.close();
  }
});

/** A TCP proxy in front of the server that can drop every connection, or go silent while keeping them open. */
async function proxy(target: string): Promise<{ url: string; cut(): void; silence(): void; restore(): void; close(): Promise<void> }> {
  const { port: targetPort } = new URL(target);
  const sockets = new Set<net.Socket>();
  let mode: 'open' | 'cut' | 'silent' = 'open';
  const server = net.createServer((inbound) => {
    if (mode === 'cut') return inbound.destroy();
    const outbound = net.connect(Number(targetPort), '127.0.0.1');
    sockets.add(inbound).add(outbound);
    inbound.on('data', (d) => mode === 'open' && outbound.write(d));
    outbound.on('data', (d) => mode === 'open' && inbound.write(d));
    for (const s of [inbound, outbound]) {
      s.on('error', () => undefined);
      s.on('close', () => {
        inbound.destroy();
        outbound.destroy();
        sockets.delete(s);
      });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    cut() {
      mode = 'cut';
      for (const s of sockets) s.destroy();
    },
    silence() {
      mode = 'silent';
    },
    restore() {
      // A silent connection stays useless: drop it, so only new connections flow.
      if (mode === 'silent') for (const s of sockets) s.destroy();
      mode = 'open';
    },
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

test('a client whose stream is cut, then silenced, while writes go on, misses none of them', async () => {
  const writer = admin();
  const link = await proxy(app.url);
  const reader = client({ wsUrl: link.url });
  try {
    const ids = await Promise.all(Array.from({ length: 12 }, () => account(writer)));
    await warm(reader, ...ids);
    const suspensions = new Map<string, string>();
    const write = async (round: number) => {
      for (const [i, id] of ids.entries()) {
        if ((i + round) % 3 !== 0) continue;
        const held = suspensions.get(id);
        if (held) {
          await writer.mutate(LIFT, { id: held });
          suspensions.delete(id);
        } else {
          suspensions.set(id, (await suspend(writer, id)).id);
        }
      }
    };

    link.cut();
    await until(() => !reader.status().live, 2000);
    expect(reader.peek(ids[0])).toBeUndefined(); // no memory answers while the stream is down
    await write(0);
    // Checks while cut come from the server (fresh), not from memory.
    expect((await reader.check(ids[0])).source).toBe('server');
    await new Promise((r) => setTimeout(r, 300));
    link.restore();
    await reader.ready();

    link.silence();
    await until(() => !reader.status().live, 3000); // the read timeout: pings go unanswered
    await write(1);
    link.restore();
    await reader.ready();
    await write(2);

    const truth = client({ stream: false });
    const expected = await Promise.all(ids.map((id) => truth.check(id)));
    await until(
      () => ids.every((id, i) => reader.peek(id) === undefined || reader.peek(id)!.allowed === expected[i].allowed) && reader.status().live,
      10_000,
      20,
    );
    // Let every change come through, then compare every answer with the server's.
    await new Promise((r) => setTimeout(r, 1500));
    const final = await Promise.all(ids.map((id) => truth.check(id)));
    const mine = await Promise.all(ids.map((id) => reader.check(id)));
    expect(mine.map((r) => r.allowed)).toEqual(final.map((r) => r.allowed));
    const fromMemory = mine.filter((r) => r.source === 'memory').length;
    console.log(
      `after a cut and a silence: ${fromMemory}/${ids.length} answers from memory, reconnects ${reader.status().reconnects}, resets ${reader.status().resets}`,
    );
    expect(reader.status().resets).toBe(1); // resumed from its cursor each time, never started over
    expect(reader.status().reconnects).toBeGreaterThanOrEqual(2);
  } finally {
    await link.close();
  }
});

test('a token that expires ends the socket (4401); the client reconnects with a fresh one and resumes from its cursor', async () => {
  const writer = admin();
  let issued = 0;
  const errors: string[] = [];
  const reader = client({
    onError: (e) => errors.push(e.message),
    token: undefined,
    getToken: () => {
      issued += 1;
      return app.token({ sub: 'service-1', roles: ['service'] }, '2s');
    },
  });
  const id = await account(writer);
  await warm(reader, id);
  await until(() => reader.status().cursor !== null || (void suspend(writer, id).catch(() => undefined), false), 10_000, 500);
  const { reconnects, resets } = reader.status();
  await until(() => reader.status().reconnects > reconnects, 10_000, 20);
  await reader.ready();
  // Resumed from the cursor: not started over.
  expect(reader.status()).toMatchObject({ live: true, resets });
  const expected = (await client({ stream: false }).check(id)).allowed;
  await until(() => reader.peek(id)?.allowed === expected || (void reader.check(id).catch(() => undefined), false), 10_000, 50);
  expect(issued).toBeGreaterThanOrEqual(2);
  expect(errors.some((m) => m.includes('4401'))).toBe(true);
});

test('an expired cursor drops memory and starts live again', async () => {
  const writer = admin();
  const link = await proxy(app.url);
  const reader = client({ wsUrl: link.url });
  try {
    const id = await account(writer);
    await warm(reader, id);
    await suspend(writer, id);
    await until(() => reader.peek(id)?.allowed === false);
    expect(reader.status().cursor).not.toBeNull();
    link.cut();
    await until(() => !reader.status().live, 2000);
    // Older than the history kept (72 h): the cursor cannot be replayed.
    await app.dataSource.query(`UPDATE webhook_events SET occurred_at = now() - interval '100 hours'`);
    link.restore();
    await reader.ready();
    expect(reader.status().resets).toBe(2);
    expect(reader.peek(id)).toBeUndefined(); // dropped: nothing held from before
    expect(await reader.check(id)).toMatchObject({ allowed: false, source: 'server' });
  } finally {
    await link.close();
  }
});

test('useEntitlement: the first render, then the store it reads re-renders on a change', async () => {
  const writer = admin();
  const reader = client();
  const id = await account(writer);

  function Badge(): ReturnType<typeof createElement> {
    const { loading, result } = useEntitlement(id, 'PERSONAL');
    return createElement('span', null, loading ? 'loading' : result!.allowed ? `allowed (${result!.source})` : 'denied');
  }
  expect(renderToString(createElement(EntitlementProvider, { client: reader }, createElement(Badge)))).toBe('<span>loading</span>');
  await warm(reader, id);
  expect(renderToString(createElement(EntitlementProvider, { client: reader }, createElement(Badge)))).toBe(
    '<span>allowed (memory)</span>',
  );

  const store = entitlementStore(reader, id, 'PERSONAL');
  const seen: string[] = [];
  const unsubscribe = store.subscribe(() => {
    const { loading, result } = store.getSnapshot();
    seen.push(loading ? 'loading' : String(result?.allowed));
  });
  await suspend(writer, id);
  await until(() => store.getSnapshot().result?.allowed === false);
  unsubscribe();
  expect(seen).toContain('false');
  expect(store.getSnapshot().result?.source).toBe('memory');
});

test('close() ends everything: a process using the built package exits by itself', async () => {
  const script = `
    // The package by its own name (its exports), as an application would load it.
    const { createEntitlementClient } = require('@entitlement-api/client');
    require('@entitlement-api/client/react');
    const WebSocket = require('ws');
    (async () => {
      const client = createEntitlementClient({ url: process.argv[1], token: process.argv[2], webSocketImpl: WebSocket, settleMs: 50 });
      await client.ready();
      const answers = await Promise.allSettled([client.check(process.argv[3])]);
      await client.close();
      console.log(JSON.stringify({ status: answers[0].status, live: client.status().live }));
    })();
  `;
  const writer = admin();
  const id = await account(writer);
  const child = spawn(process.execPath, ['-e', script, app.url, serviceToken, id], { cwd: join(__dirname, '..') });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(-1);
    }, 15_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect({ code, output: output.trim() }).toEqual({ code: 0, output: JSON.stringify({ status: 'fulfilled', live: false }) });
  console.log(`the process exited ${(performance.now() - started).toFixed(0)} ms after it started`);
});
