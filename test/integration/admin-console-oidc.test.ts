import { launchBrowser, type Browser } from '../support/browser';
import type { OidcProvider } from '../support/oidc-provider.mjs' with { 'resolution-mode': 'import' };
import { startTestApp, TestApp } from '../support/test-app';

// The console's OpenID Connect sign-in (authorization code + PKCE, oidc-client-ts)
// against a real provider started here, in real Chromium. The API verifies the
// provider's access tokens through its JWKS.

const AUDIENCE = 'urn:entitlement-api:test';
let provider: OidcProvider;
let app: TestApp;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  // oidc-provider is ESM only.
  const { startOidcProvider } = await import('../support/oidc-provider.mjs');
  [provider, browser] = await Promise.all([startOidcProvider(), launchBrowser()]);
  app = await startTestApp({
    AUTH_ISSUER: provider.issuer,
    AUTH_JWKS_URL: provider.jwksUrl,
    AUTH_AUDIENCE: AUDIENCE,
    ADMIN_OIDC_CLIENT_ID: 'admin-console',
  });
  origin = new URL(app.url).origin;
  await provider.configure({
    clientId: 'admin-console',
    redirectUri: `${origin}/admin/callback`,
    audience: AUDIENCE,
    users: { alice: ['admin'], bob: ['user'] },
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await provider?.close();
});

async function signInThroughProvider(login: string) {
  // A new person at the provider: no single sign-on session from an earlier test.
  await browser.context.clearCookies();
  const page = await browser.newPage();
  await page.goto(`${origin}/admin/`);
  await page.getByRole('button', { name: /^Sign in with 127\.0\.0\.1:/ }).click();
  await page.waitForURL((url) => url.origin === provider.issuer, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.origin === origin, { waitUntil: 'domcontentloaded' });
  return page;
}

test('the public console config names the issuer and client; the CSP lets the console reach the issuer only', async () => {
  const res = await fetch(`${origin}/admin/config.json`);
  expect(await res.json()).toEqual({
    mode: 'oidc',
    issuer: provider.issuer,
    clientId: 'admin-console',
    scopes: 'openid',
    resource: AUDIENCE,
  });
  expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${provider.issuer}`);
});

test('an admin signs in at the provider (code + PKCE) and the console works with its access token', async () => {
  const page = await signInThroughProvider('alice');
  await expect(page.getByTestId('signed-in-sub').textContent()).resolves.toBe('alice');
  expect(new URL(page.url()).pathname).toBe('/admin/');
  // A real admin read with the provider's token: the plans list fills the search form.
  await page.getByRole('option', { name: 'Enterprise' }).waitFor({ state: 'attached' });
  await page.getByRole('button', { name: 'Search' }).click();
  await page
    .getByRole('status')
    .getByText(/^\d+ accounts?$/)
    .waitFor();
  // Nothing of the session is stored in the browser: tokens live in memory.
  const stored = await page.evaluate<string>('JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })');
  expect(stored).not.toMatch(/eyJ/);
  await page.close();
});

test('a user without the admin role is turned away after the provider sign-in', async () => {
  const page = await signInThroughProvider('bob');
  await expect(page.getByRole('alert').textContent()).resolves.toBe('Only admins may use the console: the token has no admin role.');
  await expect(page.getByTestId('signed-in-sub').count()).resolves.toBe(0);
  await page.close();
});

test('no Content-Security-Policy violation and no page error on the console', () => {
  expect(browser.problems.filter((p) => !p.includes(provider.issuer))).toEqual([]);
});
