import { issueToken } from '../../src/auth/token-issuer';
import { decodeRevision } from '../../src/domain/revision';
import { seedAccount } from '../support/factories';
import { ServerProcess, startServerProcess } from '../support/server-process';
import { admin, refusalOf, service, startTestApp, TEST_JWT_SECRET, TEST_SIGNAL_KEY, TestApp } from '../support/test-app';

// Consistency tokens: a mutation hands back a revision; any process asked for
// an entitlement `atLeast` that revision answers from state that includes the
// write, from memory when it has heard of it, otherwise from the database.

let app: TestApp;
let a: ServerProcess;
let b: ServerProcess;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  const env = {
    DATABASE_URL: app.db.url,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
    WEB_CONCURRENCY: '1',
    WEBHOOK_WORKER: 'false',
    LOG_LEVEL: 'silent',
  };
  [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  token = await issueToken(TEST_JWT_SECRET, { sub: 'admin-1', roles: ['admin'] });
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await app?.close();
});

async function gql(server: ServerProcess, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${server.base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: any[]; extensions?: Record<string, unknown> };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

const ENTITLEMENT = 'query($id: ID!, $atLeast: String) { entitlement(accountId: $id, atLeast: $atLeast) { allowed revision stale } }';
const SUSPEND = 'mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id revision } }';

function sequenceOf(token: string): number {
  const sequence = decodeRevision(token);
  if (sequence === null) throw new Error(`not a revision: ${token}`);
  return sequence;
}

test('a suspension made on one process is seen by the other at once when asked atLeast its revision', async () => {
  const ids = await Promise.all(Array.from({ length: 20 }, () => seedAccount(app.dataSource)));
  // Warm the other process's memory with the old answer first.
  for (const id of ids) expect((await gql(b, ENTITLEMENT, { id })).data.entitlement.allowed).toBe(true);
  for (const id of ids) {
    const written = await gql(a, SUSPEND, { input: { accountId: id, clause: 'Enforcement', reason: 'consistency' } });
    const revision: string = written.data.suspendAccount.revision;
    const read = (await gql(b, ENTITLEMENT, { id, atLeast: revision })).data.entitlement;
    expect(read.allowed).toBe(false);
    expect(read.stale).toBe(false);
    expect(sequenceOf(read.revision)).toBeGreaterThanOrEqual(sequenceOf(revision));
  }
});

test('revisions follow the commit order, and every mutation response carries one in extensions', async () => {
  const [x, y] = await Promise.all([seedAccount(app.dataSource), seedAccount(app.dataSource)]);
  const first = await gql(a, SUSPEND, { input: { accountId: x, clause: 'Enforcement', reason: 'first' } });
  const second = await gql(b, SUSPEND, { input: { accountId: y, clause: 'Enforcement', reason: 'second' } });
  expect(sequenceOf(second.data.suspendAccount.revision)).toBeGreaterThan(sequenceOf(first.data.suspendAccount.revision));
  // A mutation whose payload is a count has its revision in the response's extensions.
  const signals = await gql(a, 'mutation($id: ID!, $s: [AccountSignalInput!]!) { recordAccountSignals(accountId: $id, signals: $s) }', {
    id: x,
    s: [{ kind: 'DEVICE_ID', value: 'device-consistency' }],
  });
  expect(sequenceOf(String(signals.extensions?.revision))).toBeGreaterThan(sequenceOf(second.data.suspendAccount.revision));
  // Queries leave extensions alone.
  expect((await gql(a, ENTITLEMENT, { id: x })).extensions?.revision).toBeUndefined();
});

test('a process that cannot hear changes still answers atLeast a revision from the database, not from memory', async () => {
  // In-process nodes, so the second one's change listener can be cut while it keeps answering from memory.
  const deaf = await startTestApp({}, { attachTo: app });
  try {
    const id = await seedAccount(app.dataSource);
    for (;;) {
      if (deaf.services.changeListener.isConnected) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect((await deaf.exec(service, ENTITLEMENT, { id })).data!.entitlement.allowed).toBe(true);
    deaf.services.changeListener.simulateDisconnect(60_000);
    for (;;) {
      if (deaf.services.entitlements.degraded) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const written = await app.exec(admin, SUSPEND, { input: { accountId: id, clause: 'Enforcement', reason: 'while deaf' } });
    const revision: string = written.data!.suspendAccount.revision;
    // Memory still holds the old answer, flagged stale: it never heard the suspension.
    expect((await deaf.exec(service, ENTITLEMENT, { id })).data!.entitlement).toMatchObject({ allowed: true, stale: true });
    const fresh = (await deaf.exec(service, ENTITLEMENT, { id, atLeast: revision })).data!.entitlement;
    expect(fresh).toMatchObject({ allowed: false, stale: false });
    expect(sequenceOf(fresh.revision)).toBeGreaterThanOrEqual(sequenceOf(revision));
  } finally {
    deaf.services.changeListener.endSimulatedOutage();
    await deaf.close();
  }
});

test.each(['', 'r', 'R12', '12', 'r-1', 'rzzzzzzzzzzzz', 'r1.5'])('atLeast %j is refused as INVALID_REVISION', async (bad) => {
  const id = await seedAccount(app.dataSource);
  const r = await app.exec(service, ENTITLEMENT, { id, atLeast: bad });
  expect(refusalOf(r)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_REVISION' });
});
