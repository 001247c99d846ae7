import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { makeAccount } from '../support/fixtures';
import { admin, startTestApp, TEST_JWT_SECRET, TEST_SIGNAL_KEY, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

// The worker as a real server process (src/main.ts in a child process): killed
// in the middle of a delivery, the event goes out again with the same
// webhook-id; SIGTERM stops it cleanly even with a delivery in flight.

const ROOT = join(__dirname, '..', '..');

let app: TestApp; // no worker: only writes and reads
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

function startServerProcess(): ChildProcess {
  return spawn(process.execPath, ['-r', join(ROOT, 'test', 'support', 'ts-register.cjs'), join(ROOT, 'src', 'main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: app.db.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      WEB_CONCURRENCY: '1',
      WEBHOOK_WORKER: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '50',
      WEBHOOK_RETRY_MAX_DELAY_MS: '200',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function delivery(endpointId: string): Promise<Array<{ status: string; attempts: number; message_id: string }>> {
  return app.dataSource.query(
    `SELECT d.status, d.attempts, e.message_id FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id WHERE d.endpoint_id = $1 ORDER BY d.event_id`,
    [endpointId],
  );
}

async function suspend(accountId: string): Promise<void> {
  const r = await app.exec(admin, `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`, {
    input: { accountId, clause: 'Enforcement', reason: 'x' },
  });
  expect(r.errors).toBeUndefined();
}

test('killed mid-delivery: redelivered with the same webhook-id; SIGTERM with a delivery in flight exits cleanly', async () => {
  const receiver = new WebhookReceiver();
  receiver.hold = true; // takes the request and never answers
  await receiver.start();
  const children: ChildProcess[] = [];
  try {
    const created = await app.exec(
      admin,
      `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`,
      { input: { url: receiver.url, events: ['SUSPENSION_CREATED'] } },
    );
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    await suspend(await makeAccount(app.dataSource));

    const first = startServerProcess();
    children.push(first);
    await receiver.waitFor((r) => r.length >= 1, 30_000);
    first.kill('SIGKILL');
    expect(await exited(first)).toEqual({ code: null, signal: 'SIGKILL' });
    const [pending] = await delivery(endpointId);
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 0 }); // the dead process recorded nothing

    receiver.hold = false;
    const second = startServerProcess();
    children.push(second);
    await receiver.waitFor((r) => r.length >= 2, 30_000);
    expect(receiver.received[1].id).toBe(receiver.received[0].id);
    expect(receiver.received[1].id).toBe(pending.message_id);
    const deadline = Date.now() + 5000;
    while ((await delivery(endpointId))[0].status !== 'DELIVERED' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await delivery(endpointId))[0]).toMatchObject({ status: 'DELIVERED', attempts: 1 });

    // SIGTERM while the next delivery waits for an answer: the process aborts it and exits 0.
    receiver.hold = true;
    await suspend(await makeAccount(app.dataSource));
    await receiver.waitFor((r) => r.length >= 3, 10_000);
    const stopping = Date.now();
    second.kill('SIGTERM');
    expect(await exited(second)).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopping).toBeLessThan(5000);
    expect((await delivery(endpointId))[1]).toMatchObject({ status: 'PENDING', attempts: 0 });
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await receiver.stop();
  }
});
