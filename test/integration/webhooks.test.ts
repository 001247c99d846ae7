import { Webhook } from 'standardwebhooks';
import { WebhookSender } from '../../src/services/feed/webhook-sender';
import { makeAccount } from '../support/fixtures';
import { admin, codeOf, service, startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

// Webhooks against real HTTP receivers, with the job worker in the test's
// server and a short retry schedule (50 ms doubling, at most 200 ms apart).

const FAST = {
  WEBHOOK_WORKER: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '100',
  WEBHOOK_RETRY_BASE_MS: '50',
  WEBHOOK_RETRY_MAX_DELAY_MS: '200',
};

const CREATE = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes enabled } } }`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus, $first: Int, $after: String) {
  webhookDeliveries(endpointId: $id, status: $status, first: $first, after: $after) {
    edges { cursor node { id eventId eventType status attempts lastResponseStatus lastError deliveredAt
      attemptLog { responseStatus error attemptedAt } } }
    pageInfo { hasNextPage endCursor } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(FAST);
});
afterAll(async () => {
  await app.close();
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function createEndpoint(target: TestApp, url: string, events: string[]): Promise<{ id: string; secret: string }> {
  const r = await target.exec(admin, CREATE, { input: { url, events, description: 'test receiver' } });
  expect(r.errors).toBeUndefined();
  return { id: r.data!.createWebhookEndpoint.endpoint.id, secret: r.data!.createWebhookEndpoint.secret };
}

async function deliveryRows(target: TestApp, endpointId: string) {
  return target.dataSource.query(
    `SELECT d.status, d.attempts, e.message_id FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
      WHERE d.endpoint_id = $1 ORDER BY d.event_id`,
    [endpointId],
  );
}

async function suspendAndLift(target: TestApp, accountId: string): Promise<void> {
  const s = await target.exec(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
    input: { accountId, clause: 'Enforcement', reason: 'test' },
  });
  expect(s.errors).toBeUndefined();
  const l = await target.exec(admin, `mutation($id: ID!) { liftSuspension(id: $id, reason: "done") { id } }`, {
    id: s.data!.suspendAccount.id,
  });
  expect(l.errors).toBeUndefined();
}

/** A plan change of a new account, to follow the events under test; its account id. */
async function planChangeMarker(): Promise<string> {
  const accountId = await makeAccount(app.dataSource);
  const plan = await app.exec(service, `mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }`, { id: accountId });
  expect(plan.errors).toBeUndefined();
  return accountId;
}

test('a receiver that is down, then up: every event arrives once, signed, in order; the attempts are kept', async () => {
  const receiver = new WebhookReceiver();
  await receiver.start();
  await receiver.stop(); // its port is known and refuses connections
  const { id: endpointId, secret } = await createEndpoint(app, receiver.url, [
    'SUSPENSION_CREATED',
    'SUSPENSION_LIFTED',
    'ACCOUNT_PLAN_CHANGED',
  ]);

  const accounts = await Promise.all([1, 2, 3].map(() => makeAccount(app.dataSource)));
  for (const accountId of accounts) {
    const plan = await app.exec(service, `mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }`, { id: accountId });
    expect(plan.errors).toBeUndefined();
    await suspendAndLift(app, accountId);
  }
  // While it is down the head of the line is retried and nothing behind it is sent.
  await until(async () => (await deliveryRows(app, endpointId))[0]?.attempts >= 3);
  const waiting = await deliveryRows(app, endpointId);
  expect(waiting).toHaveLength(9);
  expect(waiting.every((d: any) => d.status === 'PENDING')).toBe(true);
  expect(waiting.slice(1).every((d: any) => d.attempts === 0)).toBe(true);

  await receiver.start();
  // A later event as a marker: an endpoint's deliveries go in event order, so
  // once it has arrived, anything extra or sent twice before it has arrived too.
  const marker = await planChangeMarker();
  await receiver.waitFor((r) => r.some((w) => JSON.parse(w.body).data.accountId === marker));
  await receiver.stop();

  const expectedIds = (await deliveryRows(app, endpointId)).map((d: any) => d.message_id);
  expect(expectedIds).toHaveLength(10);
  expect(receiver.received.map((r) => r.id)).toEqual(expectedIds); // each exactly once, in event order, the marker last
  const verifier = new Webhook(secret);
  const bodies = receiver.received.map((r) => verifier.verify(r.body, r.headers) as { type: string; timestamp: string; data: any });
  expect(bodies.map((b) => b.type)).toEqual([
    ...accounts.flatMap(() => ['account.plan_changed', 'suspension.created', 'suspension.lifted']),
    'account.plan_changed',
  ]);
  expect(bodies.map((b) => b.data.accountId)).toEqual([...accounts.flatMap((a) => [a, a, a]), marker]);
  expect(receiver.received[0].signature).toMatch(/^v1,[A-Za-z0-9+/=]+$/);

  const page = await app.exec(admin, DELIVERIES, { id: endpointId, first: 5 });
  expect(page.errors).toBeUndefined();
  const { edges, pageInfo } = page.data!.webhookDeliveries;
  expect(edges).toHaveLength(5);
  expect(pageInfo.hasNextPage).toBe(true);
  expect(edges.map((e: any) => e.node.eventId)).toEqual([...expectedIds].reverse().slice(0, 5)); // newest first
  const rest = await app.exec(admin, DELIVERIES, { id: endpointId, first: 5, after: pageInfo.endCursor });
  expect(rest.data!.webhookDeliveries.edges.map((e: any) => e.node.eventId)).toEqual([...expectedIds].reverse().slice(5));
  expect(rest.data!.webhookDeliveries.pageInfo.hasNextPage).toBe(false);
  const head = rest.data!.webhookDeliveries.edges.at(-1).node;
  expect(head).toMatchObject({ eventType: 'ACCOUNT_PLAN_CHANGED', status: 'DELIVERED', lastResponseStatus: 204, lastError: null });
  expect(head.attempts).toBeGreaterThanOrEqual(4);
  expect(head.attemptLog.slice(0, -1).every((a: any) => a.responseStatus === null && a.error === 'ECONNREFUSED')).toBe(true);
  expect(head.attemptLog.at(-1)).toMatchObject({ responseStatus: 204, error: null });
  const delivered = await app.exec(admin, DELIVERIES, { id: endpointId, status: 'DELIVERED', first: 20 });
  expect(delivered.data!.webhookDeliveries.edges).toHaveLength(10);
});

test('a receiver answering with an error is retried; only the events an endpoint subscribed to are sent', async () => {
  const receiver = new WebhookReceiver();
  receiver.status = 500;
  await receiver.start();
  try {
    const { id: endpointId } = await createEndpoint(app, receiver.url, ['SUSPENSION_LIFTED']);
    await suspendAndLift(app, await makeAccount(app.dataSource));
    await receiver.waitFor((r) => r.length >= 2);
    receiver.status = 200;
    await until(async () => (await deliveryRows(app, endpointId))[0]?.status === 'DELIVERED');
    const types = receiver.received.map((r) => JSON.parse(r.body).type);
    expect(new Set(types)).toEqual(new Set(['suspension.lifted']));
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1); // retries keep the webhook-id
    const rows = await deliveryRows(app, endpointId);
    expect(rows).toHaveLength(1);
  } finally {
    await receiver.stop();
  }
});

test('rotating the secret: during the overlap both signatures are sent and each verifies; without one only the new', async () => {
  const receiver = new WebhookReceiver();
  await receiver.start();
  try {
    const { id, secret: oldSecret } = await createEndpoint(app, receiver.url, ['SUSPENSION_CREATED']);
    const rotated = await app.exec(
      admin,
      `mutation($id: ID!) { rotateWebhookSecret(id: $id, overlapHours: 2) { secret endpoint { previousSecretExpiresAt } } }`,
      { id },
    );
    expect(rotated.errors).toBeUndefined();
    const newSecret = rotated.data!.rotateWebhookSecret.secret;
    expect(newSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.data!.rotateWebhookSecret.endpoint.previousSecretExpiresAt)).toBeGreaterThan(Date.now() + 3_500_000);

    await suspendAndLift(app, await makeAccount(app.dataSource));
    await receiver.waitFor((r) => r.length >= 1);
    const first = receiver.received[0];
    expect(first.signature.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(first.body, first.headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(first.body, first.headers)).not.toThrow();

    const again = await app.exec(admin, `mutation($id: ID!) { rotateWebhookSecret(id: $id, overlapHours: 0) { secret } }`, { id });
    const latest = again.data!.rotateWebhookSecret.secret;
    await suspendAndLift(app, await makeAccount(app.dataSource));
    await receiver.waitFor((r) => r.length >= 2);
    const second = receiver.received[1];
    expect(second.signature.split(' ')).toHaveLength(1);
    expect(() => new Webhook(latest).verify(second.body, second.headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(second.body, second.headers)).toThrow();
    // Secrets are never readable again, nor in the audit log.
    const audit = JSON.stringify(await app.dataSource.query(`SELECT before, after FROM audit_events WHERE target_id = $1`, [id]));
    for (const s of [oldSecret, newSecret, latest]) expect(audit).not.toContain(s.slice(6));
  } finally {
    await receiver.stop();
  }
});

test('disabled endpoints get nothing; deleting one removes it; unknown ids are NOT_FOUND', async () => {
  const receiver = new WebhookReceiver();
  await receiver.start();
  try {
    const { id } = await createEndpoint(app, receiver.url, ['SUSPENSION_CREATED']);
    const disabled = await app.exec(admin, `mutation($id: ID!) { disableWebhookEndpoint(id: $id) { enabled } }`, { id });
    expect(disabled.data!.disableWebhookEndpoint.enabled).toBe(false);
    await suspendAndLift(app, await makeAccount(app.dataSource));
    const updated = await app.exec(
      admin,
      `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { enabled: true, events: [SUSPENSION_LIFTED] }) { enabled eventTypes } }`,
      { id },
    );
    expect(updated.data!.updateWebhookEndpoint).toEqual({ enabled: true, eventTypes: ['SUSPENSION_LIFTED'] });
    const enabledAgain = await makeAccount(app.dataSource);
    await suspendAndLift(app, enabledAgain);
    // A later lift as a marker: an endpoint's deliveries go in event order, so once
    // it has arrived, anything queued while disabled or not subscribed to has too.
    const marker = await makeAccount(app.dataSource);
    await suspendAndLift(app, marker);
    await receiver.waitFor((r) => r.some((w) => JSON.parse(w.body).data.accountId === marker));
    expect(receiver.received.map((r) => [JSON.parse(r.body).type, JSON.parse(r.body).data.accountId])).toEqual([
      ['suspension.lifted', enabledAgain],
      ['suspension.lifted', marker],
    ]);
    const deleted = await app.exec(admin, `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id });
    expect(deleted.data!.deleteWebhookEndpoint).toBe(true);
    const list = await app.exec(admin, `{ webhookEndpoints { id } }`);
    expect(list.data!.webhookEndpoints.map((e: any) => e.id)).not.toContain(id);
    const gone = await app.exec(admin, `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id });
    expect(gone.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'WEBHOOK_ENDPOINT_NOT_FOUND' });
    expect(codeOf(await app.exec(admin, DELIVERIES, { id }))).toBe('NOT_FOUND');
  } finally {
    await receiver.stop();
  }
});

test.each([
  ['not a URL', 'nope'],
  ['ftp', 'ftp://127.0.0.1/x'],
  ['credentials in the URL', 'http://user:pw@127.0.0.1/x'],
])('a bad URL (%s) is BAD_USER_INPUT', async (_name, url) => {
  const r = await app.exec(admin, CREATE, { input: { url, events: ['SUSPENSION_CREATED'] } });
  expect(codeOf(r)).toBe('BAD_USER_INPUT');
  expect(r.errors![0].extensions!.reason).toBe('WEBHOOK_URL_NOT_ALLOWED');
});

test('no event types is BAD_USER_INPUT', async () => {
  const r = await app.exec(admin, CREATE, { input: { url: 'http://127.0.0.1:9/x', events: [] } });
  expect(codeOf(r)).toBe('BAD_USER_INPUT');
  expect(r.errors![0].extensions!.reason).toBe('NO_EVENT_TYPES');
});

describe('dead deliveries and replay', () => {
  let shortLived: TestApp;
  beforeAll(async () => {
    shortLived = await startTestApp({ ...FAST, WEBHOOK_RETRY_FOR_MS: '300' });
  });
  afterAll(async () => {
    await shortLived.close();
  });

  test('retried until the window ends, then DEAD; an admin replays it with the same webhook-id', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    await receiver.stop();
    const { id: endpointId, secret } = await createEndpoint(shortLived, receiver.url, ['SUSPENSION_CREATED']);
    const accountId = await makeAccount(shortLived.dataSource);
    const s = await shortLived.exec(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
      input: { accountId, clause: 'Enforcement', reason: 'test' },
    });
    expect(s.errors).toBeUndefined();
    await until(async () => (await deliveryRows(shortLived, endpointId))[0]?.status === 'DEAD');
    const dead = await shortLived.exec(admin, DELIVERIES, { id: endpointId, status: 'DEAD' });
    const node = dead.data!.webhookDeliveries.edges[0].node;
    expect(node.attempts).toBeGreaterThanOrEqual(2);

    await receiver.start();
    try {
      const replay = await shortLived.exec(
        admin,
        `mutation($id: ID!, $endpointId: ID) { replayWebhookEvent(eventId: $id, endpointId: $endpointId) { eventId status } }`,
        { id: node.eventId, endpointId },
      );
      expect(replay.errors).toBeUndefined();
      expect(replay.data!.replayWebhookEvent).toEqual([{ eventId: node.eventId, status: 'PENDING' }]);
      await receiver.waitFor((r) => r.length >= 1);
      expect(receiver.received[0].id).toBe(node.eventId);
      expect(new Webhook(secret).verify(receiver.received[0].body, receiver.received[0].headers)).toMatchObject({
        type: 'suspension.created',
      });
      await until(async () => (await deliveryRows(shortLived, endpointId))[0]?.status === 'DELIVERED');
      const audit = await shortLived.dataSource.query(`SELECT action FROM audit_events WHERE target_id = $1`, [node.eventId]);
      expect(audit).toEqual([{ action: 'webhook.event.replay' }]);
    } finally {
      await receiver.stop();
    }
  });
});

describe('in production (NODE_ENV=production)', () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => {
    await prod.close();
  });

  test.each([
    ['http', 'http://hooks.example.com/x'],
    ['loopback', 'https://127.0.0.1/x'],
    ['loopback v6', 'https://[::1]/x'],
    ['private', 'https://10.1.2.3/x'],
    ['private 192.168', 'https://192.168.0.10/x'],
    ['link-local (cloud metadata)', 'https://169.254.169.254/latest'],
    ['unique local v6', 'https://[fd12:3456::1]/x'],
    ['v4-mapped loopback', 'https://[::ffff:127.0.0.1]/x'],
    ['localhost', 'https://localhost/x'],
    ['a name that does not resolve', 'https://no-such-host.invalid/x'],
  ])('refuses %s', async (_name, url) => {
    const r = await prod.exec(admin, CREATE, { input: { url, events: ['SUSPENSION_CREATED'] } });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WEBHOOK_URL_NOT_ALLOWED' });
  });

  test('at delivery time, a name resolving to a private address is not connected to', async () => {
    const receiver = new WebhookReceiver();
    await receiver.start();
    try {
      const sender = new WebhookSender({ timeoutMs: 2000, publicOnly: true });
      const port = new URL(receiver.url).port;
      // "localhost" resolves (from /etc/hosts) to a loopback address: refused after resolution.
      const result = await sender.send(
        { url: `https://localhost:${port}/hooks`, messageId: 'msg_1', body: '{}', secrets: ['whsec_dGVzdHRlc3R0ZXN0dGVzdA=='] },
        new AbortController().signal,
      );
      expect(result).toMatchObject({ status: null, error: expect.stringContaining('not public') });
      const plain = await sender.send(
        { url: receiver.url, messageId: 'msg_2', body: '{}', secrets: ['whsec_dGVzdHRlc3R0ZXN0dGVzdA=='] },
        new AbortController().signal,
      );
      expect(plain.status).toBeNull();
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.stop();
    }
  });
});
