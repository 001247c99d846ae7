import { randomUUID } from 'node:crypto';
import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ChangeListener, ChannelSubscriber } from '../../src/infrastructure/change-listener';
import { encodeEntitlementCursor } from '../../src/services/feed/entitlement-cursor';
import { EntitlementHub } from '../../src/services/feed/entitlement-hub';
import { makeAccount } from '../support/fixtures';
import { startServerProcess } from '../support/server-process';
import { admin, startTestApp, TEST_JWT_SECRET, TEST_SIGNAL_KEY, TestApp } from '../support/test-app';

// entitlementChanges: every account's entitlement.changed in commit order, each
// with a cursor; `after` replays from the outbox, then goes on live with no gap
// and no duplicate. Writes go through one server process (with the job worker),
// subscriptions through another on the same database.

let writer: TestApp;
let reader: TestApp;
beforeAll(async () => {
  writer = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_POLL_INTERVAL_MS: '200' });
  reader = await startTestApp({}, { attachTo: writer });
});
afterAll(async () => {
  await reader.close();
  await writer.close();
});

// Generous: a busy machine is slow, never wrong. Absence is never proven by waiting.
const WAIT_MS = 20_000;

const ALL = `subscription($after: String) { entitlementChanges(after: $after) { eventId cursor accountId entitlements { use allowed } } }`;
const ONE = `subscription($id: ID!, $after: String) { entitlementChanged(accountId: $id, after: $after) { eventId cursor accountId } }`;

interface Change {
  eventId: string;
  cursor: string;
  accountId: string;
}

interface Subscriber {
  client: Client;
  received: Change[];
  errors: any[];
  closed: { code: number; reason: string } | null;
  completed: boolean;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = WAIT_MS, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Opens a connection to a server and subscribes, collecting what arrives. */
function connect(base: string, token: string, query: string, variables: Record<string, unknown>): Subscriber {
  const sub: Subscriber = {
    client: createClient({
      url: base.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${token}` },
    }),
    received: [],
    errors: [],
    closed: null,
    completed: false,
  };
  sub.client.on('closed', (event: any) => (sub.closed = { code: event.code, reason: event.reason }));
  sub.client.subscribe<Record<string, Change>>(
    { query, variables },
    {
      next: (r) => (r.errors ? sub.errors.push(...r.errors) : sub.received.push(Object.values(r.data!)[0])),
      error: (e) => sub.errors.push(e),
      complete: () => (sub.completed = true),
    },
  );
  return sub;
}

/** Subscribes on the reader; resolves once the subscription is in place (or refused). */
async function subscribe(token: string, query: string, variables: Record<string, unknown>): Promise<Subscriber> {
  // One subscription at a time in this file: the one before has let go of the hub.
  await waitFor(() => reader.services.entitlementHub.subscriberCount === 0, WAIT_MS, 'the previous subscription gone');
  const sub = connect(reader.url, token, query, variables);
  await waitFor(
    () => reader.services.entitlementHub.subscriberCount > 0 || sub.errors.length > 0 || sub.completed,
    WAIT_MS,
    'the subscription in place',
  );
  return sub;
}

const staffToken = () => reader.token({ sub: 'backend-1', roles: ['service'] });

/** The entitlement.changed events in the outbox (all, or one account's), oldest first. */
async function outbox(accountId?: string): Promise<Array<{ id: string; message_id: string; account_id: string }>> {
  return writer.dataSource
    .query(
      `SELECT id, message_id, account_id FROM webhook_events
      WHERE type = 'entitlement.changed' AND ($1::uuid IS NULL OR account_id = $1) ORDER BY id`,
      [accountId ?? null],
    )
    .then((rows: Array<{ id: string | number; message_id: string; account_id: string }>) => rows.map((r) => ({ ...r, id: String(r.id) })));
}

async function suspend(accountId: string): Promise<string> {
  const r = await writer.exec(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
    input: { accountId, clause: 'Enforcement', reason: 'stream test' },
  });
  expect(r.errors).toBeUndefined();
  return r.data!.suspendAccount.id;
}

async function lift(suspensionId: string): Promise<void> {
  const r = await writer.exec(admin, `mutation($id: ID!) { liftSuspension(id: $id, reason: "lifted") { id } }`, { id: suspensionId });
  expect(r.errors).toBeUndefined();
}

/** Suspends and lifts, waiting for each change to reach the outbox, so every step is an event. */
async function toggle(accountId: string, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    for (const step of ['suspend', 'lift'] as const) {
      const before = (await outbox(accountId)).length;
      if (step === 'suspend') suspensions.set(accountId, await suspend(accountId));
      else await lift(suspensions.get(accountId)!);
      await waitFor(async () => (await outbox(accountId)).length > before, WAIT_MS, `an event for ${step}`);
    }
  }
}
const suspensions = new Map<string, string>();

/** Waits until the subscriber has seen the newest event of the outbox (of one account, or all). */
async function caughtUp(sub: Subscriber, accountId?: string): Promise<void> {
  const newest = (await outbox(accountId)).at(-1)!.message_id;
  await waitFor(() => sub.received.some((c) => c.eventId === newest) || sub.errors.length > 0, WAIT_MS, 'caught up');
  expect(sub.errors).toEqual([]);
}

test('replay from a cursor gives exactly the events after it, in commit order, then goes on live', async () => {
  const accounts = [await makeAccount(writer.dataSource), await makeAccount(writer.dataSource)];
  const live = await subscribe(await staffToken(), ALL, {});
  try {
    await toggle(accounts[0], 1);
    await toggle(accounts[1], 1);
    await caughtUp(live);
  } finally {
    await live.client.dispose();
  }
  const all = await outbox();
  // Live without a cursor: from the subscription on, every event in order.
  const first = all.findIndex((e) => e.message_id === live.received[0].eventId);
  expect(live.received.map((c) => c.eventId)).toEqual(all.slice(first).map((e) => e.message_id));

  const from = live.received[1];
  const replay = await subscribe(await staffToken(), ALL, { after: from.cursor });
  try {
    await caughtUp(replay);
    const after = all.slice(all.findIndex((e) => e.message_id === from.eventId) + 1);
    expect(after.length).toBeGreaterThan(1);
    expect(replay.received.map((c) => c.eventId)).toEqual(after.map((e) => e.message_id));
    expect(replay.received.map((c) => c.cursor)).toEqual(after.map((e) => encodeEntitlementCursor(e.id)));

    // And on, live.
    await toggle(accounts[0], 1);
    await caughtUp(replay);
    expect(replay.received.map((c) => c.eventId)).toEqual(after.concat((await outbox()).slice(all.length)).map((e) => e.message_id));
  } finally {
    await replay.client.dispose();
  }
});

/** Suspends and lifts the accounts in turn, from the writer, until stopped; resolves to the number of writes. */
function keepWriting(accounts: string[]): { stop(): Promise<number> } {
  let writing = true;
  const done = (async () => {
    const open = new Map<string, string>();
    let n = 0;
    while (writing) {
      const account = accounts[n % accounts.length];
      const suspension = open.get(account);
      if (suspension) {
        await lift(suspension);
        open.delete(account);
      } else open.set(account, await suspend(account));
      n += 1;
      await new Promise((r) => setTimeout(r, 30));
    }
    for (const suspension of open.values()) await lift(suspension);
    return n;
  })();
  return {
    stop() {
      writing = false;
      return done;
    },
  };
}

/** The seen events are exactly the outbox's from the first seen to the last: none missing, none twice. */
async function expectExactRun(seen: Change[]): Promise<void> {
  const ids = seen.map((c) => c.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  // Recomputes may still be adding events after the last seen one.
  const all = await outbox();
  const first = all.findIndex((e) => e.message_id === ids[0]);
  const lastSeen = all.findIndex((e) => e.message_id === ids.at(-1));
  expect(first).toBeGreaterThanOrEqual(0);
  expect(ids).toEqual(all.slice(first, lastSeen + 1).map((e) => e.message_id));
}

test('a client that resubscribes with its last cursor while writes go on misses nothing and sees nothing twice', async () => {
  const accounts = await Promise.all([1, 2, 3].map(() => makeAccount(writer.dataSource)));
  const writes = keepWriting(accounts);

  const seen: Change[] = [];
  let cursor: string | undefined;
  let replayed = 0; // rounds that began with events committed while away
  try {
    for (let round = 0; round < 4; round += 1) {
      const newestBefore = (await outbox()).at(-1)?.message_id;
      const sub = await subscribe(await staffToken(), ALL, cursor ? { after: cursor } : {});
      // A few events in each connection, then it drops; meanwhile the writes go on.
      const target = seen.length + 3;
      await waitFor(() => seen.length + sub.received.length >= target || sub.errors.length > 0, WAIT_MS, 'events in this round');
      await sub.client.dispose();
      expect(sub.errors).toEqual([]);
      if (cursor && sub.received.some((c) => c.eventId === newestBefore)) replayed += 1;
      seen.push(...sub.received);
      cursor = seen.at(-1)!.cursor;
      await new Promise((r) => setTimeout(r, 150 * round)); // away for a while: events pile up to be replayed
    }
  } finally {
    expect(await writes.stop()).toBeGreaterThan(4);
  }
  // Last round, after the writes: everything up to the newest event.
  const last = await subscribe(await staffToken(), ALL, { after: cursor });
  try {
    await caughtUp(last);
    seen.push(...last.received);
  } finally {
    await last.client.dispose();
  }

  await expectExactRun(seen);
  expect(accounts.filter((a) => !seen.some((c) => c.accountId === a))).toEqual([]);
  expect(replayed).toBeGreaterThan(0);
});

test('across a restart of a real server process, resubscribing with the last cursor misses nothing while writes go on', async () => {
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: writer.db.url,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
    WEB_CONCURRENCY: '1',
    WEBHOOK_WORKER: 'false',
    LOG_LEVEL: 'silent',
  };
  const accounts = await Promise.all([1, 2].map(() => makeAccount(writer.dataSource)));
  const token = await staffToken();
  const writes = keepWriting(accounts);
  const seen: Change[] = [];
  let server = await startServerProcess(env);
  try {
    const before = connect(`${server.base}/graphql`, token, ALL, {});
    await waitFor(() => before.received.length >= 3 || before.errors.length > 0, WAIT_MS, 'events before the restart');
    expect(before.errors).toEqual([]);
    await server.stop();
    // The server going away closes the connection (1001): what it had sent is what the client has.
    await waitFor(() => before.closed !== null, WAIT_MS, 'the close');
    expect(before.closed).toEqual({ code: 1001, reason: 'Going away' });
    await before.client.dispose();
    seen.push(...before.received);

    server = await startServerProcess(env); // seconds, while the writes go on
    const after = connect(`${server.base}/graphql`, token, ALL, { after: seen.at(-1)!.cursor });
    await waitFor(() => after.received.length >= 3 || after.errors.length > 0, WAIT_MS, 'events after the restart');
    expect(after.errors).toEqual([]);
    expect(await writes.stop()).toBeGreaterThan(3);
    const newest = (await outbox()).at(-1)!.message_id;
    await waitFor(() => after.received.some((c) => c.eventId === newest) || after.errors.length > 0, WAIT_MS, 'caught up');
    expect(after.errors).toEqual([]);
    await after.client.dispose();
    seen.push(...after.received);
  } finally {
    await writes.stop();
    await server.stop();
  }
  await expectExactRun(seen);
});

test('events committed while the LISTEN connection is down reach a live subscriber when it is back, in order', async () => {
  const account = await makeAccount(writer.dataSource);
  const sub = await subscribe(await staffToken(), ALL, {});
  try {
    const before = (await outbox()).length;
    reader.services.changeListener.simulateDisconnect(60_000);
    await toggle(account, 2);
    const missed = (await outbox()).slice(before);
    expect(missed.length).toBeGreaterThanOrEqual(4);
    reader.services.changeListener.endSimulatedOutage();
    await caughtUp(sub);
    expect(sub.received.map((c) => c.eventId)).toEqual((await outbox()).slice(before).map((e) => e.message_id));
  } finally {
    reader.services.changeListener.endSimulatedOutage();
    await sub.client.dispose();
  }
});

test('a burst of several pages arrives whole, in order, each once', async () => {
  const account = await makeAccount(writer.dataSource);
  const sub = await subscribe(await staffToken(), ALL, {});
  try {
    const before = (await outbox()).length;
    await writer.dataSource.query(
      `INSERT INTO webhook_events (message_id, type, account_id, payload, occurred_at)
       SELECT gen_random_uuid(), 'entitlement.changed', $1, $2, now() FROM generate_series(1, 3000)`,
      [account, JSON.stringify({ accountId: account, changes: [], validUntil: null })],
    );
    await writer.dataSource.query(`SELECT pg_notify('entitlement_changed', $1)`, [`${account}:0`]);
    await caughtUp(sub);
    const burst = (await outbox()).slice(before);
    expect(burst).toHaveLength(3000);
    expect(sub.received.map((c) => c.eventId)).toEqual(burst.map((e) => e.message_id));
  } finally {
    await sub.client.dispose();
  }
});

test('a subscriber slower than its buffer reads on from the outbox: nothing lost, nothing twice', async () => {
  // A hub of its own with a buffer of 5, woken by hand: the subscriber asks for nothing until 40 events are pushed.
  let wake = () => undefined as void;
  const listener = { subscribe: (_channel: string, s: ChannelSubscriber) => (wake = () => s.onNotification('')) };
  const hub = new EntitlementHub(writer.dataSource, listener as unknown as ChangeListener, { retentionMs: 3_600_000, maxBuffered: 5 });
  const account = await makeAccount(writer.dataSource);
  const stream = await hub.open({});
  const insert = async (n: number): Promise<string[]> => {
    const rows: Array<{ message_id: string }> = await writer.dataSource.query(
      `INSERT INTO webhook_events (message_id, type, account_id, payload, occurred_at)
       SELECT gen_random_uuid(), 'entitlement.changed', $1, $2, now() FROM generate_series(1, $3) RETURNING id, message_id`,
      [account, JSON.stringify({ accountId: account, changes: [], validUntil: null }), n],
    );
    wake();
    return rows.map((r) => r.message_id);
  };
  try {
    const expected = await insert(40);
    const newest = (await outbox()).at(-1)!.id;
    await waitFor(() => hub.position === newest, WAIT_MS, 'the hub read the events');
    const got: string[] = [];
    for (let i = 0; i < 40; i += 1) got.push((await stream.next()).value.eventId);
    expect(got).toEqual(expected);
    // And on, live.
    const [later] = await insert(1);
    expect((await stream.next()).value.eventId).toBe(later);
  } finally {
    await stream.return!();
  }
  expect(hub.subscriberCount).toBe(0);
});

test('entitlementChanged(accountId, after) replays only that account', async () => {
  const [a, b] = [await makeAccount(writer.dataSource), await makeAccount(writer.dataSource)];
  await toggle(a, 1);
  await toggle(b, 1);
  const mark = (await outbox(a)).at(-1)!;
  await toggle(b, 1);
  await toggle(a, 1);
  await toggle(b, 1);

  const sub = await subscribe(await staffToken(), ONE, { id: a, after: encodeEntitlementCursor(mark.id) });
  try {
    await caughtUp(sub, a);
    const expected = (await outbox(a)).filter((e) => BigInt(e.id) > BigInt(mark.id));
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(sub.received.map((c) => c.eventId)).toEqual(expected.map((e) => e.message_id));
    expect(sub.received.every((c) => c.accountId === a)).toBe(true);
  } finally {
    await sub.client.dispose();
  }
});

test('a user token is refused entitlementChanges', async () => {
  const own = await makeAccount(writer.dataSource);
  const sub = await subscribe(await reader.token({ sub: own, roles: ['user'] }), ALL, {});
  try {
    await waitFor(() => sub.errors.length > 0, WAIT_MS, 'a refusal');
    expect(sub.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect(sub.received).toEqual([]);
  } finally {
    await sub.client.dispose();
  }
});

describe('cursors that cannot be replayed', () => {
  async function refusal(after: string): Promise<{ code: string; reason: string; message: string }> {
    const sub = await subscribe(await staffToken(), ALL, { after });
    try {
      await waitFor(() => sub.errors.length > 0, WAIT_MS, 'a refusal');
      expect(sub.received).toEqual([]);
      return { ...sub.errors[0].extensions, message: sub.errors[0].message };
    } finally {
      await sub.client.dispose();
    }
  }

  async function insertEvent(type: string, occurredAt: Date): Promise<string> {
    const account = await makeAccount(writer.dataSource);
    const [{ id }] = await writer.dataSource.query(
      `INSERT INTO webhook_events (message_id, type, account_id, payload, occurred_at) VALUES ($1, $2, $3, '{}', $4) RETURNING id::text AS id`,
      [randomUUID(), type, account, occurredAt],
    );
    return id;
  }

  test('an event older than the retention is CURSOR_EXPIRED, with what to do', async () => {
    const id = await insertEvent('entitlement.changed', new Date(Date.now() - 73 * 3_600_000));
    const r = await refusal(encodeEntitlementCursor(id));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_EXPIRED' });
    expect(r.message).toMatch(/reload the entitlements.*subscribe without a cursor/);
  });

  test('an event since removed from the outbox is CURSOR_EXPIRED', async () => {
    const id = await insertEvent('entitlement.changed', new Date());
    await insertEvent('account.created', new Date()); // so the removed one is not the newest
    await writer.dataSource.query('DELETE FROM webhook_events WHERE id = $1', [id]);
    expect(await refusal(encodeEntitlementCursor(id))).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CURSOR_EXPIRED' });
  });

  test.each([
    ['not base64url', 'not a cursor!'],
    ['another format', Buffer.from('v9:12').toString('base64url')],
    ['empty', ''],
  ])('a malformed cursor (%s) is INVALID_CURSOR', async (_what, cursor) => {
    expect(await refusal(cursor)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });

  test('a cursor past the newest event, or of another event type, is INVALID_CURSOR', async () => {
    const other = await insertEvent('account.created', new Date());
    expect(await refusal(encodeEntitlementCursor(other))).toMatchObject({ reason: 'INVALID_CURSOR' });
    expect(await refusal(encodeEntitlementCursor(BigInt(other) + 1_000_000n))).toMatchObject({ reason: 'INVALID_CURSOR' });
  });
});

test('the connection closes with 4401 when its token expires, ending the subscription', async () => {
  const token = await reader.token({ sub: 'backend-2', roles: ['service'] }, '3s');
  const exp = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp * 1000;
  const sub = await subscribe(token, ALL, {});
  try {
    expect(sub.errors).toEqual([]);
    await waitFor(() => sub.closed !== null, WAIT_MS, 'the close');
    expect(sub.closed).toEqual({ code: 4401, reason: 'TOKEN_EXPIRED' });
    expect(Date.now()).toBeGreaterThanOrEqual(exp);
    // The graphql-ws client does not retry 4401: the operation ends with the close event.
    await waitFor(() => sub.errors.length > 0, WAIT_MS, 'the error');
    expect(sub.errors[0].code).toBe(4401);
    await waitFor(() => reader.services.entitlementHub.subscriberCount === 0, WAIT_MS, 'the hub let go');
  } finally {
    await sub.client.dispose();
  }
});
