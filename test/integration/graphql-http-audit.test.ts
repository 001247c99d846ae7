import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditResult, serverAudits } from 'graphql-http';
import { startTestApp, TestApp } from '../support/test-app';

// The GraphQL-over-HTTP compliance audit of graphql-http, against the real
// HTTP server (not production, so introspection is on). Every request of this
// API needs a bearer token, so the audit's fetch adds one, as any client would.

let app: TestApp;
let results: AuditResult[];
beforeAll(async () => {
  app = await startTestApp();
  const token = await app.token({ sub: 'service-1', roles: ['service'] });
  const fetchFn = (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  results = [];
  for (const audit of serverAudits({ url: app.url, fetchFn })) results.push(await audit.fn());
});
afterAll(async () => {
  await app.close();
});

const describeFailure = (r: AuditResult) => (r.status === 'ok' ? r.id : `${r.id} ${r.name}: ${r.reason}`);

test('the audit ran', () => {
  expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
});

test('every MUST audit passes', () => {
  const failed = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok').map(describeFailure);
  expect(failed).toEqual([]);
});

test("docs/security.md's table of SHOULD audits says what the server does", () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'security.md'), 'utf8');
  const shown = new Map<string, string>();
  for (const [, id, result] of doc.matchAll(/^\| `([0-9A-Z]{4})` \|[^|]*\| (ok|warn|notice|error)\b[^|]*\|$/gm)) shown.set(id, result);
  const should = results.filter((r) => r.name.startsWith('SHOULD'));
  expect(should.map((r) => [r.id, r.name, shown.get(r.id)])).toEqual(should.map((r) => [r.id, r.name, r.status]));
});
