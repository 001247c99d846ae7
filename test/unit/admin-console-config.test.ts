import express from 'express';
import { adminConsoleRouter, consolePublicConfig } from '../../src/admin-console';
import { loadConfig } from '../../src/config';

describe('the console public config', () => {
  const base = { NODE_ENV: 'test', AUTH_JWT_SECRET: 'x'.repeat(32) };
  test.each([
    ['no issuer: development sign-in', {}, { mode: 'dev', issuer: null, clientId: null, scopes: 'openid', resource: null }],
    [
      'an issuer without a console client: still development sign-in',
      { AUTH_ISSUER: 'https://idp.example' },
      { mode: 'dev', issuer: null, clientId: null, scopes: 'openid', resource: null },
    ],
    [
      'issuer and client: OpenID Connect, the API audience as the resource',
      { AUTH_ISSUER: 'https://idp.example', ADMIN_OIDC_CLIENT_ID: 'console', AUTH_AUDIENCE: 'entitlement-api' },
      { mode: 'oidc', issuer: 'https://idp.example', clientId: 'console', scopes: 'openid', resource: 'entitlement-api' },
    ],
    [
      'explicit scopes and resource',
      {
        AUTH_ISSUER: 'https://idp.example',
        ADMIN_OIDC_CLIENT_ID: 'console',
        ADMIN_OIDC_SCOPES: 'openid profile',
        ADMIN_OIDC_RESOURCE: 'urn:api',
      },
      { mode: 'oidc', issuer: 'https://idp.example', clientId: 'console', scopes: 'openid profile', resource: 'urn:api' },
    ],
  ])('%s', (_name, env, expected) => {
    expect(consolePublicConfig(loadConfig({ ...base, ...env }))).toEqual(expected);
  });
});

test('without a build the console answers 503 with the command to run, still under the CSP', async () => {
  const app = express();
  app.use('/admin', adminConsoleRouter(loadConfig({ NODE_ENV: 'test' }), null));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const { port } = server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/admin/accounts`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:console');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await fetch(`http://127.0.0.1:${port}/admin/config.json`)).status).toBe(200);
  } finally {
    server.close();
  }
});
