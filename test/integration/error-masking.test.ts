import { startTestApp, TEST_JWT_SECRET, TEST_SIGNAL_KEY, TestApp } from '../support/test-app';

// Whatever breaks inside, a client sees "Internal server error" and nothing
// else, while the log keeps the real error with the request's id.

const lines: string[] = [];
const logDestination = {
  write: (line: string) => {
    lines.push(line);
  },
};
const logged = () => lines.map((l) => JSON.parse(l));

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp({ LOG_LEVEL: 'error' }, { logDestination });
  token = await app.token({ sub: 'admin-1', roles: ['admin'] });
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  lines.length = 0;
});

const FAKE_URL = 'postgres://entitlement:hunter2@db.internal.example:5432/entitlements';

/** Everything that must never reach a client. */
function expectNothingLeaks(text: string) {
  const dbUrl = new URL(app.db.url);
  for (const secret of [TEST_JWT_SECRET, TEST_SIGNAL_KEY, app.db.url, app.db.name, 'hunter2', FAKE_URL, dbUrl.host]) {
    expect(text).not.toContain(secret);
  }
  for (const pattern of [
    /postgres(ql)?:\/\//i,
    /\bSELECT\b|\bINSERT\b|\bFROM\b|\bWHERE\b/,
    /relation|does not exist|syntax error at/i,
    /QueryFailedError|TypeORMError|ECONNREFUSED/,
    /\bat .*:\d+:\d+/,
    /\/work\/|\/srv\/|node_modules|\.[jt]s\b/,
    /"stacktrace"|"stack"/,
  ]) {
    expect(text).not.toMatch(pattern);
  }
}

async function post(query: string, requestId: string, variables?: Record<string, unknown>) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': requestId },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, requestId: res.headers.get('x-request-id'), text: await res.text() };
}

function expectInternal(text: string) {
  const body = JSON.parse(text);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0].message).toBe('Internal server error');
  expect(body.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  return body;
}

/** The log line of the internal error of one request. */
function internalErrorLogged(requestId: string) {
  const entry = logged().find((l) => l.msg === 'internal error' && l.requestId === requestId);
  expect(entry).toBeDefined();
  expect(entry.level).toBe(50);
  return entry;
}

async function withTableRenamed<T>(table: string, fn: () => Promise<T>): Promise<T> {
  await app.dataSource.query(`ALTER TABLE ${table} RENAME TO ${table}_gone`);
  try {
    return await fn();
  } finally {
    await app.dataSource.query(`ALTER TABLE ${table}_gone RENAME TO ${table}`);
  }
}

test('a failing database query: the client gets a masked error, the log gets the SQL error with the request id', async () => {
  const r = await withTableRenamed('reports', () => post('{ reports { id } }', 'mask-read-1'));
  expectInternal(r.text);
  expect(r.requestId).toBe('mask-read-1');
  expectNothingLeaks(r.text);

  const entry = internalErrorLogged('mask-read-1');
  expect(entry.err.message).toMatch(/relation "reports" does not exist/);
});

test('a mutation whose audit write fails: masked, logged, and nothing of it is kept', async () => {
  const [{ id: subject }] = await app.dataSource.query(
    `INSERT INTO accounts (email, display_name, plan_code) VALUES ('subject-mask@example.test', 'Subject', 'free') RETURNING id`,
  );
  const r = await withTableRenamed('audit_events', () =>
    post('mutation($input: FileReportInput!) { fileReport(input: $input) { id } }', 'mask-write-1', {
      input: { subjectAccountId: subject, clause: '9(a)', description: 'spam' },
    }),
  );
  const body = expectInternal(r.text);
  expect(body.data).toBeNull();
  expectNothingLeaks(r.text);
  expect(internalErrorLogged('mask-write-1').err.message).toMatch(/audit_events/);
  const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM reports WHERE subject_account_id = $1', [subject]);
  expect(n).toBe(0);
});

test('an error carrying a connection string, SQL, a file path and a secret: none of it reaches the client', async () => {
  const leaky = new Error(
    `connect ECONNREFUSED ${FAKE_URL} while running SELECT * FROM plans WHERE code = 'free' ` +
      `at /srv/app/dist/src/services/reference.service.js:12:7 (secret ${TEST_JWT_SECRET})`,
  );
  const spy = jest.spyOn(app.services.reference, 'listPlans').mockRejectedValue(leaky);
  try {
    const r = await post('{ plans { code } currentPolicy { version } }', 'mask-leaky-1');
    const body = expectInternal(r.text);
    expect(body.errors[0].path).toEqual(['plans']);
    expect(body.data).toBeNull(); // plans is non-null, so the whole data goes
    expectNothingLeaks(r.text);
    expect(internalErrorLogged('mask-leaky-1').err.message).toContain('ECONNREFUSED');
  } finally {
    spy.mockRestore();
  }
});

test('something thrown that is not an Error is masked as well', async () => {
  const spy = jest.spyOn(app.services.reference, 'listClauses').mockRejectedValue(`SELECT password FROM users -- ${FAKE_URL}`);
  try {
    const r = await post('{ policyClauses { clause } }', 'mask-string-1');
    expectInternal(r.text);
    expectNothingLeaks(r.text);
    internalErrorLogged('mask-string-1');
  } finally {
    spy.mockRestore();
  }
});

test('the service recovers once the database is back', async () => {
  const r = await post('{ reports { id } }', 'mask-after-1');
  expect(JSON.parse(r.text).errors).toBeUndefined();
  expect(logged()).toEqual([]);
});

test("an error escaping Apollo altogether gets a JSON 500, not express's HTML page with the stack", async () => {
  const spy = jest.spyOn(app.apollo, 'executeHTTPGraphQLRequest').mockRejectedValue(new Error(`pool exhausted: ${FAKE_URL}`));
  try {
    const r = await post('{ plans { code } }', 'mask-escape-1');
    expect(r.status).toBe(500);
    expectInternal(r.text);
    expectNothingLeaks(r.text);
    const entry = logged().find((l) => l.msg === 'unhandled error' && l.requestId === 'mask-escape-1');
    expect(entry?.err.message).toContain('pool exhausted');
  } finally {
    spy.mockRestore();
  }
});

describe('text PostgreSQL cannot store', () => {
  test.each([
    ['createAccount displayName', `mutation($v: String!) { createAccount(input: { email: "nul@example.test", displayName: $v }) { id } }`],
    [
      'publishPolicyVersion summary',
      `mutation($v: String!) { publishPolicyVersion(input: { version: "nul-1", effectiveAt: "2099-01-01T00:00:00Z", significant: false, summary: $v }) { version } }`,
    ],
    ['auditLog targetId', `query($v: String!) { auditLog(targetId: $v) { id } }`],
  ])('a NUL character in %s is BAD_USER_INPUT, and its value is not logged', async (_name, query) => {
    const { status, text } = await post(query, 'req-nul', { v: 'private\u0000value' });
    const body = JSON.parse(text);
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/NUL/);
    expect(lines.join('\n')).not.toContain('private');
  });

  test("a failed query's parameters never reach the log", async () => {
    await app.dataSource.query('ALTER TABLE accounts RENAME TO accounts_gone');
    try {
      const { text } = await post(
        `mutation { createAccount(input: { email: "secret-person@example.test", displayName: "Secret Person" }) { id } }`,
        'req-params',
      );
      expect(JSON.parse(text).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await app.dataSource.query('ALTER TABLE accounts_gone RENAME TO accounts');
    }
    expect(logged().some((l) => l.requestId === 'req-params' && l.level >= 50)).toBe(true);
    expect(lines.join('\n')).not.toContain('secret-person@example.test');
  });
});
