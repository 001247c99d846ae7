import http from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';
import { PLANS } from '../support/operations';

const enc = new TextEncoder();

function sign(
  claims: Record<string, unknown>,
  opts: { secret?: string; exp?: number | string; nbf?: number | string; iss?: string; aud?: string } = {},
) {
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt();
  if (opts.exp !== undefined) jwt = jwt.setExpirationTime(opts.exp);
  if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
  if (opts.iss) jwt = jwt.setIssuer(opts.iss);
  if (opts.aud) jwt = jwt.setAudience(opts.aud);
  return jwt.sign(enc.encode(opts.secret ?? TEST_JWT_SECRET));
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('HTTP surface and authentication', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const base = () => app.url.replace(/\/graphql$/, '');

  test('healthz and readyz answer without a token', async () => {
    const h = await fetch(`${base()}/healthz`);
    expect(h.status).toBe(200);
    const r = await fetch(`${base()}/readyz`);
    expect(r.status).toBe(200);
    expect((await r.json()) as any).toEqual({ status: 'ready' });
  });

  test('a valid token is accepted and the request id is echoed', async () => {
    const token = await sign({ sub: 'svc', roles: ['service'] }, { exp: '5m' });
    const r = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'abc-123' },
      body: JSON.stringify({ query: PLANS }),
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('x-request-id')).toBe('abc-123');
    expect(((await r.json()) as any).data.plans).toHaveLength(3);
  });

  const now = () => Math.floor(Date.now() / 1000);
  test.each<[string, () => Promise<string | undefined>, string]>([
    ['no Authorization header', async () => undefined, 'TOKEN_MISSING'],
    ['an empty bearer', async () => 'Bearer ', 'AUTH_HEADER_MALFORMED'],
    ['a malformed header', async () => 'Basic dXNlcjpwYXNz', 'AUTH_HEADER_MALFORMED'],
    ['garbage token', async () => 'Bearer not.a.jwt', 'TOKEN_INVALID'],
    [
      'a bad signature',
      async () =>
        `Bearer ${await sign({ sub: 's', roles: ['admin'] }, { exp: '5m', secret: 'another-secret-another-secret-another-secret' })}`,
      'TOKEN_INVALID',
    ],
    ['an expired token', async () => `Bearer ${await sign({ sub: 's', roles: ['admin'] }, { exp: now() - 10 })}`, 'TOKEN_EXPIRED'],
    [
      'a token not yet valid',
      async () => `Bearer ${await sign({ sub: 's', roles: ['admin'] }, { exp: '1h', nbf: now() + 600 })}`,
      'TOKEN_INVALID',
    ],
    ['a token without exp', async () => `Bearer ${await sign({ sub: 's', roles: ['admin'] })}`, 'TOKEN_INVALID'],
    ['a token without sub', async () => `Bearer ${await sign({ roles: ['admin'] }, { exp: '5m' })}`, 'TOKEN_INVALID'],
    [
      'alg: none',
      async () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 's', roles: ['admin'], exp: now() + 600 })}.`,
      'TOKEN_INVALID',
    ],
  ])('%s is UNAUTHENTICATED (401), never a server error', async (_name, header, reason) => {
    const value = await header();
    const r = await app.http(PLANS, undefined, value === undefined ? {} : { authorization: value });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(r.body.errors[0].extensions.reason).toBe(reason);
    expect(r.body.data).toBeUndefined();
  });

  test.each([
    ['no roles claim', {}],
    ['empty roles', { roles: [] }],
    ['unknown roles', { roles: ['superuser', 'root'] }],
    ['roles not an array', { roles: 'admin' }],
  ])('a token with %s is FORBIDDEN', async (_name, claims) => {
    const token = await sign({ sub: 's', ...claims }, { exp: '5m' });
    const r = await app.http(PLANS, undefined, { authorization: `Bearer ${token}` });
    expect(r.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(r.body.errors[0].extensions.reason).toBe('ROLE_NOT_ALLOWED');
  });

  test('malformed JSON and oversized bodies get a JSON error', async () => {
    const token = await sign({ sub: 's', roles: ['admin'] }, { exp: '5m' });
    const bad = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"query": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'BODY_NOT_JSON' });
    const big = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PLANS, variables: { x: 'a'.repeat(2_000_000) } }),
    });
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'BODY_TOO_LARGE' });
  });

  test('the endpoint answers GET, refuses other methods, and takes /graphql/ in any case', async () => {
    const token = await sign({ sub: 'svc', roles: ['service'] }, { exp: '5m' });
    const auth = { authorization: `Bearer ${token}` };
    const query = `?query=${encodeURIComponent('{ plans { code } }')}`;
    // GET needs a header a browser form cannot send (CSRF prevention), then answers like POST.
    const simple = await fetch(`${app.url}${query}`, { headers: auth });
    expect(simple.status).toBe(400);
    const get = await fetch(`${app.url}${query}`, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(get.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await get.json()) as any).data.plans).toHaveLength(3);
    const put = await fetch(app.url, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(405);
    for (const path of ['/GraphQL', '/graphql/']) {
      const r = await fetch(`${base()}${path}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ query: PLANS }),
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-length')).toBe(String(Buffer.byteLength(await r.text())));
    }
    // Elsewhere the app's own 404, not the endpoint.
    expect((await fetch(`${base()}/graphqlx`, { method: 'POST' })).status).toBe(404);
  });

  test('a query that is not valid GraphQL is BAD_USER_INPUT', async () => {
    const token = await sign({ sub: 's', roles: ['admin'] }, { exp: '5m' });
    const r = await app.http('{ plans { nope } }', undefined, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(r.body.errors[0].extensions.reason).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('issuer, audience and JWKS', () => {
  let app: TestApp;
  let jwks: http.Server;
  let privateKey: KeyLike;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    const port = (jwks.address() as AddressInfo).port;
    app = await startTestApp({
      AUTH_JWT_SECRET: '',
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      AUTH_ISSUER: 'https://idp.example.test/',
      AUTH_AUDIENCE: 'entitlement-api',
    });
  });
  afterAll(async () => {
    await app.close();
    await new Promise((r) => jwks.close(r));
  });

  const es = (claims: Record<string, unknown>, iss: string, aud: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .setIssuer(iss)
      .setAudience(aud)
      .sign(privateKey);

  test('a token signed by the identity provider with the right issuer and audience is accepted', async () => {
    const token = await es({ sub: 'svc', roles: ['service'] }, 'https://idp.example.test/', 'entitlement-api');
    const r = await app.http(PLANS, undefined, { authorization: `Bearer ${token}` });
    expect(r.body.errors).toBeUndefined();
  });

  test.each([
    ['wrong issuer', 'https://evil.example.test/', 'entitlement-api'],
    ['wrong audience', 'https://idp.example.test/', 'another-api'],
  ])('%s is UNAUTHENTICATED', async (_n, iss, aud) => {
    const token = await es({ sub: 'svc', roles: ['service'] }, iss, aud);
    const r = await app.http(PLANS, undefined, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(r.body.errors[0].extensions.reason).toBe('TOKEN_INVALID');
  });

  test('an HS256 token is refused when the service verifies against a JWKS', async () => {
    const token = await sign({ sub: 's', roles: ['admin'] }, { exp: '5m' });
    const r = await app.http(PLANS, undefined, { authorization: `Bearer ${token}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.reason).toBe('TOKEN_INVALID');
  });
});
