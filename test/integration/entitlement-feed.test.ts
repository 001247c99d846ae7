import { createClient, Client } from 'graphql-ws';
import WebSocket from 'ws';
import { makeAccount } from '../support/fixtures';
import { admin, startTestApp, TestApp } from '../support/test-app';

// entitlement.changed: emitted when a decision changes, by a write or by time
// alone, and pushed to subscribers over graphql-ws from any process.

let writer: TestApp; // runs the job worker
let reader: TestApp; // a second server process on the same database, no worker: only subscriptions
beforeAll(async () => {
  writer = await startTestApp({ WEBHOOK_WORKER: 'true', WEBHOOK_POLL_INTERVAL_MS: '200', POLICY_NOTICE_DAYS: '0' });
  reader = await startTestApp({ POLICY_NOTICE_DAYS: '0' }, { attachTo: writer });
});
afterAll(async () => {
  await reader.close();
  await writer.close();
});

const SUBSCRIBE = `subscription($id: ID!) { entitlementChanged(accountId: $id) {
  eventId accountId occurredAt validUntil entitlements { use allowed reasons { code clause } validUntil } } }`;

interface Change {
  eventId: string;
  accountId: string;
  occurredAt: string;
  validUntil: string | null;
  entitlements: Array<{ use: string; allowed: boolean; reasons: Array<{ code: string }> }>;
}

async function subscribe(app: TestApp, token: string, accountId: string) {
  const client: Client = createClient({
    url: app.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { Authorization: `Bearer ${token}` },
  });
  const received: Array<{ at: number; change: Change }> = [];
  const errors: unknown[] = [];
  client.subscribe<{ entitlementChanged: Change }>(
    { query: SUBSCRIBE, variables: { id: accountId } },
    {
      next: (r) => (r.errors ? errors.push(r.errors) : received.push({ at: Date.now(), change: r.data!.entitlementChanged })),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  // The subscription is in place once the hub has a subscriber for it.
  await waitFor(() => app.services.entitlementHub.subscriberCount > 0 || errors.length > 0, PROPAGATION_MS);
  expect(errors).toEqual([]);
  return { client, received, errors };
}

// Whether an event crosses processes, not how fast: latency is the bench's to measure.
const PROPAGATION_MS = 20_000;

async function waitFor(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function changesOf(accountId: string): Promise<Array<{ payload: any; occurred_at: Date }>> {
  return writer.dataSource.query(
    `SELECT payload, occurred_at FROM webhook_events WHERE type = 'entitlement.changed' AND account_id = $1 ORDER BY id`,
    [accountId],
  );
}

test('a subscriber on another process sees a suspension, and the end of a timed suspension by itself', async () => {
  const accountId = await makeAccount(writer.dataSource, { plan: 'pro' });
  const sub = await subscribe(reader, await reader.token({ sub: accountId, roles: ['user'] }), accountId);
  try {
    const endsAt = new Date(Date.now() + 2500);
    const r = await writer.exec(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
      input: { accountId, clause: 'Enforcement', reason: 'timed', endsAt: endsAt.toISOString() },
    });
    expect(r.errors).toBeUndefined();
    await waitFor(() => sub.received.length >= 1, PROPAGATION_MS);
    const first = sub.received[0];
    expect(first.change.accountId).toBe(accountId);
    const personal = first.change.entitlements.find((e) => e.use === 'PERSONAL')!;
    expect(personal).toMatchObject({ allowed: false, reasons: [{ code: 'ACCOUNT_SUSPENDED' }] });
    expect(first.change.validUntil).toBe(endsAt.toISOString());

    // Nothing is written when the suspension ends: the job scheduled at validUntil notices.
    await waitFor(() => sub.received.length >= 2, 8000);
    const second = sub.received[1];
    expect(second.at - endsAt.getTime()).toBeLessThan(5000);
    expect(Date.parse(second.change.occurredAt)).toBeGreaterThanOrEqual(endsAt.getTime());
    expect(second.change.entitlements.find((e) => e.use === 'PERSONAL')).toMatchObject({ allowed: true, reasons: [] });
    // A reason that goes away is a change too: model training stays prohibited, for one reason fewer.
    expect(second.change.entitlements.find((e) => e.use === 'MODEL_TRAINING')).toMatchObject({
      allowed: false,
      reasons: [{ code: 'USE_PROHIBITED' }],
    });
    expect(sub.errors).toEqual([]);

    const events = await changesOf(accountId);
    expect(events.map((e) => e.payload.changes.find((c: any) => c.use === 'PERSONAL')?.allowed)).toEqual([false, true]);
    expect(events[1].occurred_at.getTime() - endsAt.getTime()).toBeLessThan(5000);
  } finally {
    await sub.client.dispose();
  }
});

test('an authorization that starts later changes API_ACCESS at its instant, by time alone', async () => {
  const accountId = await makeAccount(writer.dataSource, { plan: 'pro' });
  const validFrom = new Date(Date.now() + 2000);
  const r = await writer.exec(admin, `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`, {
    input: { accountId, kind: 'API_ACCESS', reference: 'DOC-T', validFrom: validFrom.toISOString() },
  });
  expect(r.errors).toBeUndefined();
  let events: Array<{ payload: any; occurred_at: Date }> = [];
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    events = await changesOf(accountId);
    if (events.some((e) => e.payload.changes.some((c: any) => c.use === 'API_ACCESS' && c.allowed))) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const granted = events.find((e) => e.payload.changes.some((c: any) => c.use === 'API_ACCESS' && c.allowed));
  expect(granted).toBeDefined();
  expect(granted!.occurred_at.getTime()).toBeGreaterThanOrEqual(validFrom.getTime());
  expect(granted!.occurred_at.getTime() - validFrom.getTime()).toBeLessThan(5000);
  expect(granted!.payload).toEqual({
    accountId,
    validUntil: null,
    changes: [{ use: 'API_ACCESS', allowed: true, reasons: [], policyVersion: expect.any(String), validUntil: null }],
    revision: expect.stringMatching(/^r[0-9a-z]+$/),
  });
});

test('a significant policy version taking effect denies accounts that have not accepted it, when it takes effect', async () => {
  const accountId = await makeAccount(writer.dataSource, { plan: 'pro' });
  const effectiveAt = new Date(Date.now() + 2500);
  const r = await writer.exec(admin, `mutation($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { version } }`, {
    input: { version: `feed-${Date.now()}`, effectiveAt: effectiveAt.toISOString(), significant: true, summary: 'New terms' },
  });
  expect(r.errors).toBeUndefined();
  const deadline = Date.now() + 9000;
  let denied: { occurred_at: Date; payload: any } | undefined;
  while (!denied && Date.now() < deadline) {
    denied = (await changesOf(accountId)).find((e) => e.payload.changes.some((c: any) => c.use === 'PERSONAL' && !c.allowed));
    if (!denied) await new Promise((res) => setTimeout(res, 50));
  }
  expect(denied).toBeDefined();
  expect(denied!.payload.changes.find((c: any) => c.use === 'PERSONAL').reasons.map((x: any) => x.code)).toEqual(['POLICY_NOT_ACCEPTED']);
  expect(denied!.occurred_at.getTime() - effectiveAt.getTime()).toBeLessThan(5000);
  expect(denied!.occurred_at.getTime()).toBeGreaterThanOrEqual(effectiveAt.getTime());
});

test('a connection with a bad token is closed before anything runs', async () => {
  const client = createClient({
    url: reader.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { Authorization: 'Bearer a.b.c' },
  });
  const outcome = await new Promise<any>((resolve) => {
    client.subscribe(
      { query: SUBSCRIBE, variables: { id: '00000000-0000-0000-0000-000000000000' } },
      { next: resolve, error: resolve, complete: () => undefined },
    );
  });
  expect(outcome.code).toBe(4403);
  await client.dispose();
});
