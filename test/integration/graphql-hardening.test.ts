import { Lexer, Source, TokenKind } from 'graphql';
import { admin, startTestApp, TestApp } from '../support/test-app';

// Limits, production error hygiene and the HTTP protections, all from outside
// over real HTTP: each refusal is a 4xx with a JSON body and extensions.code.

let app: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp();
  auth = { authorization: `Bearer ${await app.token({ sub: 'service-1', roles: ['service'] })}` };
});
afterAll(async () => {
  await app.close();
});

/** Tokens as the parser counts them: every lexical token but the end; commas and comments are not tokens. */
function tokensIn(doc: string): number {
  const lexer = new Lexer(new Source(doc));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n += 1;
  return n;
}

/** A refusal by the limits: a 400, BAD_USER_INPUT, no data, and a message naming the limit. */
function expectRefused(r: { status: number; body: any }, message: RegExp) {
  expect(r.status).toBe(400);
  expect(r.body.data).toBeUndefined();
  expect(r.body.errors).toHaveLength(1);
  expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(r.body.errors[0].message).toMatch(message);
}

function expectPassed(r: { status: number; body: any }) {
  expect(r.body.errors).toBeUndefined();
  expect(r.status).toBe(200);
}

describe('limits at their defaults', () => {
  let ids: string[];
  beforeAll(async () => {
    const rows = await app.dataSource.query(
      `INSERT INTO accounts (email, display_name, plan_code)
       SELECT 'bulk-' || i || '@example.test', 'Bulk', 'free' FROM generate_series(1, 1000) i RETURNING id`,
    );
    ids = rows.map((r: { id: string }) => r.id);
  });

  test('entitlements for 1,000 accounts (ids as variables) passes every limit', async () => {
    const r = await app.http(
      'query($ids: [ID!]!, $use: Use!) { entitlements(accountIds: $ids, use: $use) { accountId allowed validUntil reasons { code clause message remedy authorization } } }',
      { ids, use: 'COMMERCIAL' },
      auth,
    );
    expectPassed(r);
    expect(r.body.data.entitlements.map((e: any) => e.accountId)).toEqual(ids);
  });

  test('depth: 10 levels pass, 11 are refused', async () => {
    const deep = (ofTypes: number) => `{ __type(name: "Account") { ${'ofType { '.repeat(ofTypes)}name${' }'.repeat(ofTypes)} } }`;
    expectPassed(await app.http(deep(8), undefined, auth));
    expectRefused(await app.http(deep(9), undefined, auth), /depth limit of 10 exceeded, found 11/);
  });

  test('aliases: 15 pass, 16 are refused', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `p${i}: plans { code }`).join(' ')} }`;
    expectPassed(await app.http(aliased(15), undefined, auth));
    expectRefused(await app.http(aliased(16), undefined, auth), /Aliases limit of 15 exceeded, found 16/);
  });

  test('directives: 20 pass, 21 are refused', async () => {
    const directed = (n: number) => `{ plans { ${'code @include(if: true) '.repeat(n)}} }`;
    expectPassed(await app.http(directed(20), undefined, auth));
    expectRefused(await app.http(directed(21), undefined, auth), /Directives limit of 20 exceeded, found 21/);
  });

  test('tokens: 2,000 pass, 2,001 are refused before anything else is looked at', async () => {
    // Long id lists written into the document (not as variables) are where real documents grow.
    const inline = (a: number, b: number) => `{
      a: entitlements(accountIds: [${ids
        .slice(0, a)
        .map((id) => `"${id}"`)
        .join(', ')}]) { allowed }
      b: entitlements(accountIds: [${ids
        .slice(0, b)
        .map((id) => `"${id}"`)
        .join(', ')}]) { allowed } }`;
    expect(tokensIn(inline(987, 987))).toBe(2000);
    expectPassed(await app.http(inline(987, 987), undefined, auth));
    expectRefused(await app.http(inline(987, 988), undefined, auth), /more th\w+ 2000 tokens/);
  });

  test('cost: a fragment fan-out of a few dozen tokens is refused', async () => {
    const fanOut = (i: number) => `fragment F${i} on Plan { ${`...F${i - 1} `.repeat(10)}}`;
    const doc = `{ plans { ...F3 } } fragment F0 on Plan { code name commercialUse } ${fanOut(1)} ${fanOut(2)} ${fanOut(3)}`;
    expect(tokensIn(doc)).toBeLessThan(150);
    expectRefused(await app.http(doc, undefined, auth), /Cost limit of 5000 exceeded/);
  });

  test('a typical deep read of an account stays well within the limits', async () => {
    const r = await app.http(
      `query($id: ID!) { account(id: $id) { id email displayName createdAt status governmentEntity acceptedPolicyVersion
      plan { code name commercialUse } policyAcceptances { version acceptedAt }
      organization { kind legalName jurisdiction declaredSectors performsPublicFunctions declaredAt industry { code title governmentSector prohibitedSector parentCode } }
      authorizations { id kind reference validFrom expiresAt revokedAt active grantedBy }
      suspensions { id clause reason startsAt endsAt liftedAt active createdBy } } }`,
      { id: ids[0] },
      auth,
    );
    expectPassed(r);
  });

  test('in-process execution is held to the same limits', async () => {
    const r = await app.exec(admin, `{ ${Array.from({ length: 16 }, (_, i) => `p${i}: plans { code }`).join(' ')} }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.data).toBeUndefined();
  });
});

describe('limits follow the GRAPHQL_MAX_* settings', () => {
  let small: TestApp;
  let token: string;
  beforeAll(async () => {
    small = await startTestApp({
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_ALIASES: '1',
      GRAPHQL_MAX_DIRECTIVES: '1',
      GRAPHQL_MAX_TOKENS: '40',
      GRAPHQL_MAX_COST: '60',
    });
    token = await small.token({ sub: 'service-1', roles: ['service'] });
  });
  afterAll(async () => {
    await small.close();
  });

  // Each pair: a document just within every limit, and one beyond exactly one of them.
  const leaves = (n: number) => 'code name commercialUse '.repeat(n).trim().split(' ').slice(0, n).join(' ');
  test.each([
    [
      'depth',
      '{ me { plan { code } } }',
      '{ account(id: "x") { organization { industry { code } } } }',
      /depth limit of 3 exceeded, found 4/,
    ],
    ['aliases', '{ a: plans { code } }', '{ a: plans { code } b: plans { code } }', /Aliases limit of 1 exceeded, found 2/],
    [
      'directives',
      '{ plans { code @include(if: true) } }',
      '{ plans { code @include(if: true) name @skip(if: false) } }',
      /Directives limit of 1 exceeded, found 2/,
    ],
    ['tokens', `{ plans { ${leaves(35)} } }`, `{ plans { ${leaves(36)} } }`, /more th\w+ 40 tokens/],
    ['cost', `{ me { plan { ${leaves(20)} } } }`, `{ me { plan { ${leaves(30)} } } }`, /Cost limit of 60 exceeded/],
  ])('%s', async (_limit, within, beyond, message) => {
    const headers = { authorization: `Bearer ${token}` };
    expectPassed(await small.http(within, undefined, headers));
    expectRefused(await small.http(beyond, undefined, headers), message);
  });
});

describe('production: no introspection, no suggestions', () => {
  let prod: TestApp;
  let token: string;
  beforeAll(async () => {
    prod = await startTestApp({ NODE_ENV: 'production' });
    token = await prod.token({ sub: 'admin-1', roles: ['admin'] });
  });
  afterAll(async () => {
    await prod.close();
  });

  const ask = (target: TestApp, bearer: string, query: string, variables?: Record<string, unknown>) =>
    target.http(query, variables, { authorization: `Bearer ${bearer}` });

  test.each([
    ['__schema', '{ __schema { queryType { name } types { name } } }'],
    ['__type', '{ __type(name: "Account") { fields { name } } }'],
  ])('introspection through %s is refused with a 400', async (_n, query) => {
    const r = await ask(prod, token, query);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors[0].message).toMatch(/introspection/i);
    expect(r.body.data).toBeUndefined();
    expect(JSON.stringify(r.body)).not.toMatch(/Mutation|suspendAccount|AuthorizationKind/);
  });

  test('__typename still answers', async () => {
    const r = await ask(prod, token, '{ __typename }');
    // Every answer reports what it spent of the caller's budget (docs/quotas.md).
    expect(r.body).toEqual({
      data: { __typename: 'Query' },
      extensions: { cost: { requested: 1, actual: 1, budget: 1_000_000_000, remaining: expect.any(Number), resetAt: expect.any(String) } },
    });
  });

  // Each mistake below makes graphql-js suggest a real name outside production.
  const mistakes: Array<[string, string, Record<string, unknown> | undefined, string]> = [
    ['a misspelt field', '{ plan { code } }', undefined, 'plans'],
    ['a misspelt argument', '{ auditLog(limt: 5) { id } }', undefined, '"limit"'],
    ['a misspelt type in a variable definition', 'query($u: Uses!) { plans { code } }', { u: 'PERSONAL' }, '"Use"'],
    [
      'a misspelt enum value in a variable',
      'query($id: ID!, $u: Use!) { entitlement(accountId: $id, use: $u) { allowed } }',
      { id: '00000000-0000-0000-0000-000000000000', u: 'PERSONL' },
      'PERSONAL',
    ],
    [
      'a misspelt input field in a variable',
      'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }',
      { input: { email: 'a@example.test', displayName: 'A', planCod: 'pro' } },
      '"planCode"',
    ],
  ];

  test.each(mistakes)('%s: no "Did you mean" in production (but there is outside it)', async (_n, query, variables, suggested) => {
    const dev = await ask(app, await app.token({ sub: 'admin-1', roles: ['admin'] }), query, variables);
    expect(dev.body.errors[0].message).toMatch(/Did you mean/);
    expect(dev.body.errors[0].message).toContain(suggested);

    const r = await ask(prod, token, query, variables);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const text = JSON.stringify(r.body);
    expect(text).not.toMatch(/Did you mean/i);
    expect(text).not.toContain(suggested);
  });

  test('no landing page: a browser GET gets the CSRF refusal in JSON, not HTML', async () => {
    const r = await fetch(prod.url, { headers: { accept: 'text/html' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
  });
});

describe('HTTP protections', () => {
  const accounts = async () => Number((await app.dataSource.query('SELECT count(*) AS n FROM accounts'))[0].n);
  const CREATE = 'mutation { createAccount(input: { email: "csrf-%@example.test", displayName: "X" }) { id } }';

  test('a batched request (a JSON array) is refused with a 400 JSON error and runs nothing', async () => {
    const before = await accounts();
    const r = await fetch(app.url, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify([{ query: CREATE.replace('%', 'b1') }, { query: CREATE.replace('%', 'b2') }]),
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await r.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/batching/i);
    expect(await accounts()).toBe(before);
  });

  test.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], [null]])(
    'CSRF: a POST with content-type %s and no preflight header is refused with a 400 and runs nothing',
    async (contentType) => {
      const before = await accounts();
      const headers: Record<string, string> = { ...auth };
      if (contentType) headers['content-type'] = contentType;
      const r = await fetch(app.url, { method: 'POST', headers, body: JSON.stringify({ query: CREATE.replace('%', 'c') }) });
      expect(r.status).toBe(400);
      const body = (await r.json()) as any;
      expect(body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
      expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(await accounts()).toBe(before);
    },
  );

  test('CSRF: a GET without the preflight header is refused; with it, a query runs and a mutation does not', async () => {
    const url = (query: string) => `${app.url}?query=${encodeURIComponent(query)}`;
    const simple = await fetch(url('{ plans { code } }'), { headers: auth });
    expect(simple.status).toBe(400);
    expect(((await simple.json()) as any).errors[0].message).toMatch(/Cross-Site Request Forgery/);

    const preflighted = await fetch(url('{ plans { code } }'), { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
    expect(((await preflighted.json()) as any).data.plans).toHaveLength(3);

    const before = await accounts();
    const mutation = await fetch(url(CREATE.replace('%', 'g')), { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(mutation.status).toBe(405);
    expect(await accounts()).toBe(before);
  });

  test('an unknown path is a JSON 404', async () => {
    const r = await fetch(app.url.replace(/\/graphql$/, '/nope'));
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual({ error: 'not found' });
  });
});
