import type { Page } from 'playwright-core';
import { launchBrowser, unnamedControls, type Browser } from '../support/browser';
import { admin, admin2, service, startTestApp, TestApp, userOf } from '../support/test-app';

// The admin console in real Chromium against the real server and database:
// each screen does its real action through the UI. One server and one browser
// for the whole file; every test signs in on a fresh page (tokens live in memory).

let app: TestApp;
let browser: Browser;
let origin: string;
const seeded: Record<string, string> = {};

async function gql<T = any>(principal: typeof admin, query: string, variables?: Record<string, unknown>): Promise<T> {
  const r = await app.exec<T>(principal, query, variables);
  if (r.errors) throw new Error(r.errors[0].message);
  return r.data!;
}

async function createAccount(displayName: string, email: string, planCode = 'free'): Promise<string> {
  const d = await gql(admin, 'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }', {
    i: { displayName, email, planCode },
  });
  await gql(admin, 'mutation($a: ID!, $o: OrganizationInput!) { declareOrganization(accountId: $a, input: $o) { id } }', {
    a: d.createAccount.id,
    o: { kind: 'INDIVIDUAL' },
  });
  const current = await gql(admin, '{ currentPolicy { version } }');
  await gql(admin, 'mutation($a: ID!, $v: String!) { acceptPolicy(accountId: $a, version: $v) { id } }', {
    a: d.createAccount.id,
    v: current.currentPolicy.version,
  });
  return d.createAccount.id;
}

async function signIn(sub: string, roles: string[] = ['admin']): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${origin}/admin/`);
  await page.getByLabel('Admin token').fill(await app.token({ sub, roles }));
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}

/** In-app navigation: a reload would drop the in-memory session, as it should. */
async function go(page: Page, path: string): Promise<void> {
  await page.evaluate(`history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'));`);
}

async function expectNamedControls(page: Page): Promise<void> {
  expect(await unnamedControls(page)).toEqual([]);
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
  origin = new URL(app.url).origin;
  seeded.ada = await createAccount('Ada Lovelace', 'ada@analytical.example', 'pro');
  seeded.grace = await createAccount('Grace Hopper', 'grace@cobol.example');
  seeded.carol = await createAccount('Carol Shaw', 'carol@river.example');
  for (const [i, name] of ['Dup One', 'Dup Two', 'Dup Three'].entries()) {
    seeded[`dup${i}`] = await createAccount(name, `dup${i}@farm.example`);
    await gql(service, 'mutation($a: ID!, $s: [AccountSignalInput!]!) { recordAccountSignals(accountId: $a, signals: $s) }', {
      a: seeded[`dup${i}`],
      s: [{ kind: 'DEVICE_ID', value: 'device-shared-1' }],
    });
  }
  await gql(userOf(seeded.grace), 'mutation($i: FileReportInput!) { fileReport(input: $i) { id } }', {
    i: { subjectAccountId: seeded.ada, clause: '10(c)(i)', description: 'Uploads the full lyrics of a protected song' },
  });
  // Suspended by admin-1, appealed by the account's own user.
  const s = await gql(admin, 'mutation($i: SuspendAccountInput!) { suspendAccount(input: $i) { id } }', {
    i: { accountId: seeded.carol, clause: '9(n)', reason: 'ban evasion through a second free account' },
  });
  seeded.carolSuspension = s.suspendAccount.id;
  await gql(userOf(seeded.carol), 'mutation($i: FileAppealInput!) { fileAppeal(input: $i) { id } }', {
    i: { suspensionId: seeded.carolSuspension, statement: 'The other account belongs to my sister.' },
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('serving', () => {
  test('/admin has a strict Content-Security-Policy and the usual security headers; deep links get the app', async () => {
    const res = await fetch(`${origin}/admin/accounts/${seeded.ada}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');

    const config = await (await fetch(`${origin}/admin/config.json`)).json();
    expect(config).toEqual({ mode: 'dev', issuer: null, clientId: null, scopes: 'openid', resource: null });

    const page = await (await fetch(`${origin}/admin/`)).text();
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(page).not.toMatch(/style=/);
    expect((await fetch(`${origin}/admin/assets/missing.js`)).status).toBe(404);
  });

  test('the console links its favicon, served at /admin/favicon.svg; /favicon.ico leads there', async () => {
    const page = await (await fetch(`${origin}/admin/`)).text();
    expect(page).toContain('<link rel="icon" type="image/svg+xml" href="/admin/favicon.svg"');
    for (const path of ['/admin/favicon.svg', '/favicon.ico']) {
      const res = await fetch(`${origin}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, expect.stringMatching(/^image\/svg\+xml/)]);
      expect(await res.text()).toMatch(/^<svg /);
    }
  });
});

describe('sign-in (development tokens)', () => {
  test('only a token with the admin role gets in; the reason is shown', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/admin/`);
    await browser.screenshot(page, 'sign-in');
    await expectNamedControls(page);
    await page.getByLabel('Admin token').fill(await app.token({ sub: 'svc', roles: ['service'] }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Only admins may use the console: the token has no admin role.');
    await page.getByLabel('Admin token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('That is not a token');
    // Looks like an admin token but the server does not accept its signature: the API's own message.
    const forged = (await app.token({ sub: 'x', roles: ['admin'] })).replace(/\.[^.]+$/, '.AAAA');
    await page.getByLabel('Admin token').fill(forged);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('The token is not valid');
    // A single-line, masked field: Enter in it signs in.
    const field = page.getByLabel('Admin token');
    await expect(page.locator('form input[name=token][type=password]').count()).resolves.toBe(1);
    await expect(page.locator('textarea').count()).resolves.toBe(0);
    await field.fill(await app.token({ sub: 'admin-1', roles: ['admin'] }));
    await field.press('Enter');
    await expect(page.getByTestId('signed-in-sub').textContent()).resolves.toBe('admin-1');
    await page.close();
  });

  test('the console ends the session when the token expires', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/admin/`);
    await page.getByLabel('Admin token').fill(await app.token({ sub: 'admin-1', roles: ['admin'] }, '3s'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-sub').waitFor();
    await expect(page.getByRole('alert').textContent({ timeout: 10_000 })).resolves.toBe('Your session has expired: sign in again.');
    await page.getByLabel('Admin token').waitFor();
    await page.close();
  });
});

describe('screens', () => {
  test('accounts: find an account by email, suspend it, its decision turns to ACCOUNT_SUSPENDED', async () => {
    const page = await signIn('admin-1');
    await page.getByLabel('Search accounts').fill('ADA@analytical');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('1 account', { exact: true }).waitFor();
    const link = page.getByRole('link', { name: 'Ada Lovelace' });
    await expect(page.getByRole('link', { name: 'Grace Hopper' }).count()).resolves.toBe(0);
    await browser.screenshot(page, 'accounts');
    await expectNamedControls(page);
    await link.click();

    const personal = page.locator('tr[data-use="PERSONAL"]');
    await personal.getByText('ALLOWED').waitFor();

    // The API's own refusal is shown as it said it.
    const form = page.getByRole('form', { name: 'Suspend this account' });
    await form.getByLabel('Clause').selectOption('9(n)');
    await form.getByLabel('Reason for suspension').fill('Resale of generated tracks');
    await form.getByLabel('Ends').fill('2001-01-01T00:00');
    await form.getByRole('button', { name: 'Suspend' }).click();
    const refusal = await app.exec(admin, 'mutation($i: SuspendAccountInput!) { suspendAccount(input: $i) { id } }', {
      i: { accountId: seeded.ada, clause: '9(n)', reason: 'Resale of generated tracks', endsAt: '2001-01-01T00:00:00.000Z' },
    });
    await expect(form.getByRole('alert').textContent()).resolves.toBe(refusal.errors![0].message);

    await form.getByLabel('Ends').fill('');
    await form.getByRole('button', { name: 'Suspend' }).click();
    await personal.getByText('ACCOUNT_SUSPENDED').waitFor();
    await expect(personal.getByText('DENIED').count()).resolves.toBe(1);
    await page.getByText('Resale of generated tracks').first().waitFor();
    const status = await gql(admin, 'query($id: ID!) { account(id: $id) { status } }', { id: seeded.ada });
    expect(status.account.status).toBe('SUSPENDED');
    await page.evaluate('scrollTo(0, 0)');
    await browser.screenshot(page, 'account');
    await expectNamedControls(page);
    await page.close();
  });

  test('account page: grant and revoke an authorization, change the plan, record a 9(k) finding', async () => {
    const page = await signIn('admin-1');
    await page.getByTestId('signed-in-sub').waitFor();
    await go(page, `/admin/accounts/${seeded.grace}`);
    const grant = page.getByRole('form', { name: 'Grant an authorization' });
    await grant.getByLabel('Kind').selectOption('API_ACCESS');
    await grant.getByLabel('Reference').fill('MSA-2026-114');
    await grant.getByRole('button', { name: 'Grant' }).click();
    await page.getByRole('cell', { name: 'MSA-2026-114', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Revoke API_ACCESS authorization MSA-2026-114' }).click();
    const revoke = page.getByRole('form', { name: 'Revoke API_ACCESS authorization MSA-2026-114' });
    await revoke.getByLabel('Reason').fill('Contract ended');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('revoked', { exact: true }).waitFor();
    const d = await gql(admin, 'query($id: ID!) { account(id: $id) { authorizations { reference revokedAt } } }', { id: seeded.grace });
    expect(d.account.authorizations).toEqual([{ reference: 'MSA-2026-114', revokedAt: expect.any(String) }]);

    // The plan, and an admin finding on 9(k) with its note.
    const plan = page.getByRole('form', { name: 'Change the plan' });
    await plan.getByLabel('Plan').selectOption('enterprise');
    await plan.getByRole('button', { name: 'Change plan' }).click();
    await page.getByText('Enterprise (enterprise, commercial use)').waitFor();
    const finding = page.getByRole('form', { name: 'Record a government-status finding' });
    await finding.getByLabel('Government entity (9(k))').selectOption('yes');
    await finding.getByLabel('Finding note').fill('Municipal procurement office');
    await finding.getByRole('button', { name: 'Record finding' }).click();
    await page.locator('tr[data-use="COMMERCIAL"]').getByText('GOVERNMENT_ENTITY').waitFor();
    const after = await gql(admin, 'query($id: ID!) { account(id: $id) { governmentEntity plan { code } } }', { id: seeded.grace });
    expect(after.account).toEqual({ governmentEntity: true, plan: { code: 'enterprise' } });
    await page.close();
  });

  test('reports: the open queue, resolved with a note', async () => {
    const page = await signIn('admin-1');
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByText('Uploads the full lyrics of a protected song').waitFor();
    await browser.screenshot(page, 'reports');
    await expectNamedControls(page);
    const form = page.getByRole('form', { name: /^Resolve report/ });
    await form.getByLabel('Outcome').selectOption('ACTION_TAKEN');
    await form.getByLabel('Resolution note').fill('Suspended under 9(n)');
    await form.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('No reports here.').waitFor();
    const d = await gql(admin, '{ reports { status } }');
    expect(d.reports).toEqual([{ status: 'ACTION_TAKEN' }]);
    await page.close();
  });

  test('appeals: the admin who suspended sees the four-eyes rule; a second admin overturns it', async () => {
    const first = await signIn('admin-1');
    await first.getByRole('link', { name: 'Appeals' }).click();
    await first.getByText('another admin must decide this appeal').waitFor();
    await expect(first.getByRole('button', { name: 'Decide' }).count()).resolves.toBe(0);
    await first.close();

    const second = await signIn(admin2.sub);
    await second.getByRole('link', { name: 'Appeals' }).click();
    await second.getByText('The other account belongs to my sister.').waitFor();
    await second.getByText('admin-1', { exact: true }).waitFor();
    await browser.screenshot(second, 'appeals');
    await expectNamedControls(second);
    const form = second.getByRole('form', { name: /^Decide appeal/ });
    await form.getByLabel('Overturn (lifts it)').check();
    await form.getByLabel('Decision note').fill('The accounts are separate households');
    await form.getByRole('button', { name: 'Decide' }).click();
    await second.getByText('No appeals here.').waitFor();
    const d = await gql(admin, 'query($id: ID!) { account(id: $id) { status suspensions { active } appeals { status } } }', {
      id: seeded.carol,
    });
    expect(d.account).toEqual({ status: 'ACTIVE', suspensions: [{ active: false }], appeals: [{ status: 'OVERTURNED' }] });
    await second.close();
  });

  test('policy versions: publish one, then preview its impact', async () => {
    const page = await signIn('admin-1');
    await page.getByRole('link', { name: 'Policy versions' }).click();
    const form = page.getByRole('form', { name: 'Publish a policy version' });
    await form.getByLabel('Version').fill('2026-12-editorial');
    await form.getByLabel('Takes effect').fill(new Date(Date.now() + 3_600_000).toISOString().slice(0, 16));
    await form.getByLabel('Significant (accounts must accept it)').uncheck();
    await form.getByLabel('Summary of the change').fill('Typo fixes in the enforcement section');
    await form.getByRole('button', { name: 'Publish' }).click();
    await form.getByRole('status').getByText('Published 2026-12-editorial.').waitFor();
    await page.getByRole('button', { name: 'Preview the impact of 2026-12-editorial' }).click();
    const impact = page.getByRole('region', { name: 'Impact of 2026-12-editorial' });
    await impact.getByText('have accepted neither this version').waitFor();
    const expected = await gql(admin, '{ policyVersionImpact(version: "2026-12-editorial") { affectedAccounts } }');
    await expect(impact.locator('strong').textContent()).resolves.toBe(String(expected.policyVersionImpact.affectedAccounts));
    await browser.screenshot(page, 'policy');
    await expectNamedControls(page);
    await page.close();
  });

  test('catalog: import a CSV in batches with progress, then the screening tester highlights a match', async () => {
    const page = await signIn('admin-1');
    await page.getByRole('link', { name: 'Catalog' }).click();
    const csv = [
      'kind,text',
      'ARTIST,The Velvet Larks',
      'SONG_TITLE,Midnight Harbour Lights',
      'ALBUM_TITLE,Paper Lanterns',
      'ARTIST,The Velvet Larks',
    ].join('\n');
    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: 'catalog.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('import-status').textContent()).resolves.toBe('Imported 4 rows: 3 new, 1 already present.');
    await expect(page.locator('#import-progress').getAttribute('value')).resolves.toBe('4');
    const d = await gql(admin, '{ catalogEntries(limit: 10) { kind text } }');
    expect(d.catalogEntries).toHaveLength(3);

    // Search the catalog and set an entry's screening override.
    await page.getByLabel('Search the catalog').fill('velvet');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 entries').waitFor();
    await page.getByLabel('Screening override for The Velvet Larks').selectOption('NEVER');
    await page.getByLabel('Screening override for The Velvet Larks').and(page.locator('[data-saved="NEVER"]')).waitFor();
    const entry = await gql(admin, '{ catalogEntriesConnection(search: "velvet") { edges { node { text override } } } }');
    expect(entry.catalogEntriesConnection.edges).toEqual([{ node: { text: 'The Velvet Larks', override: 'NEVER' } }]);

    await page.getByLabel('Text to screen').fill('Make a song like Midnight Harbour Lights please');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const result = page.getByRole('region', { name: 'Screening result' });
    await expect(result.locator('.highlighted mark').first().textContent()).resolves.toBe('Midnight Harbour Lights');
    await result.getByText('Blocked').waitFor();
    await result.scrollIntoViewIfNeeded();
    await browser.screenshot(page, 'catalog');
    await expectNamedControls(page);
    await page.close();
  });

  test('catalog: describe an entry, and the screening tester suggests a rewrite that uses the description', async () => {
    const page = await signIn('admin-1');
    await page.getByRole('link', { name: 'Catalog' }).click();
    // A description can come with the CSV.
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({
      name: 'described.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('kind,text,override,describeAs\nARTIST,Corvina Ashgate,,smoky torch songs\n'),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await expect(page.getByTestId('import-status').textContent()).resolves.toBe('Imported 1 rows: 1 new, 0 already present.');
    await page.getByLabel('Search the catalog').fill('corvina');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('1 entries').waitFor();

    const field = page.getByLabel('Described as, for Corvina Ashgate');
    await field.and(page.locator('[data-saved="smoky torch songs"]')).waitFor();
    await field.fill('hushed late-night jazz');
    await page.getByRole('button', { name: 'Save the description of Corvina Ashgate' }).click();
    await field.and(page.locator('[data-saved="hushed late-night jazz"]')).waitFor();
    const saved = await gql(admin, '{ catalogEntriesConnection(search: "corvina") { edges { node { text describeAs } } } }');
    expect(saved.catalogEntriesConnection.edges).toEqual([{ node: { text: 'Corvina Ashgate', describeAs: 'hushed late-night jazz' } }]);

    await page.getByLabel('Text to screen').fill('A slow song like Corvina Ashgate, with brushes');
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    const result = page.getByRole('region', { name: 'Screening result' });
    await result.getByText('Blocked').waitFor();
    await expect(result.getByTestId('suggestion').textContent()).resolves.toBe('A slow song like hushed late-night jazz, with brushes');
    await result.getByRole('button', { name: 'Screen the suggestion' }).click();
    await result.getByText('Allowed').waitFor();
    await expect(page.getByLabel('Text to screen').inputValue()).resolves.toBe('A slow song like hushed late-night jazz, with brushes');

    // A description the API refuses shows its message; clearing the field and saving removes the description.
    await field.fill('like Corvina Ashgate');
    await page.getByRole('button', { name: 'Save the description of Corvina Ashgate' }).click();
    await page.getByRole('alert').filter({ hasText: 'describeAs must not name a protected entry' }).waitFor();
    await field.fill('');
    await page.getByRole('button', { name: 'Save the description of Corvina Ashgate' }).click();
    await field.and(page.locator('[data-saved=""]')).waitFor();
    const cleared = await gql(admin, '{ catalogEntriesConnection(search: "corvina") { edges { node { describeAs } } } }');
    expect(cleared.catalogEntriesConnection.edges).toEqual([{ node: { describeAs: null } }]);
    await expectNamedControls(page);
    await page.close();
  });

  test('audit log: the events of the run, and the chain verifies', async () => {
    const page = await signIn('admin-1');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'appeal.decide' }).first().waitFor();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.getByText(/Chain intact: \d+ events checked/).waitFor();
    await browser.screenshot(page, 'audit');
    await expectNamedControls(page);

    // Paged, newest first: the next page starts below where this one ended.
    const sequences = async () => page.locator('table.audit tbody tr td:first-child').allTextContents();
    const first = (await sequences()).map(Number);
    expect(first).toHaveLength(25);
    await page.getByRole('button', { name: 'Older events' }).click();
    // The newest event of the next page is the one just below this page's oldest.
    await page.getByRole('cell', { name: String(first[first.length - 1] - 1), exact: true }).waitFor();
    const second = (await sequences()).map(Number);
    expect(second[0]).toBe(first[first.length - 1] - 1);

    await page.getByLabel('Action').fill('appeal.decide');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('1 events').waitFor();
    await expect(page.getByRole('cell', { name: 'admin-2' }).count()).resolves.toBe(1);
    await page.close();
  });

  test('free-plan clusters: the three accounts sharing a device', async () => {
    const page = await signIn('admin-1');
    await page.getByRole('link', { name: 'Free-plan clusters' }).click();
    const row = page.getByRole('row').filter({ hasText: 'DEVICE_ID' });
    await row.waitFor();
    for (const key of ['dup0', 'dup1', 'dup2']) await row.getByRole('link', { name: seeded[key] }).waitFor();
    await browser.screenshot(page, 'clusters');
    await expectNamedControls(page);
    await page.close();
  });

  test('request budgets: look up a principal, override its budget, then give it back its default', async () => {
    const page = await signIn('admin-1');
    await page.getByRole('link', { name: 'Request budgets' }).click();
    await page.getByLabel('Principal').fill('service:frontend');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText("the role's default").waitFor();
    await page.getByLabel('Points per window').fill('5000');
    await page.getByLabel('Why').fill('a noisy integration');
    await page.getByRole('button', { name: 'Set budget' }).click();
    await page.getByText('set by an admin').waitFor();
    await page.getByText(/a noisy integration \(by admin-1/).waitFor();
    await browser.screenshot(page, 'quotas');
    await expectNamedControls(page);
    await page.getByRole('button', { name: 'Back to the default' }).click();
    await page.getByText("the role's default").waitFor();
    const audit = await gql(admin, '{ auditLog(limit: 5, targetId: "service:frontend") { action actor } }');
    expect(audit.auditLog.map((e: { action: string }) => e.action).sort()).toEqual(['quota.override.clear', 'quota.override.set']);
    await page.close();
  });

  test('keyboard only: search, open an account, reach its actions', async () => {
    const page = await signIn('admin-1');
    await page.getByLabel('Search accounts').waitFor();
    // From the top of the page: skip link, navigation, then the search form.
    await page.locator('body').focus();
    let guard = 0;
    while ((await page.evaluate<string | null>("document.activeElement?.getAttribute('type') ?? null")) !== 'search' && guard++ < 20)
      await page.keyboard.press('Tab');
    await page.keyboard.type('grace@');
    await page.keyboard.press('Enter');
    await page.getByText('1 account', { exact: true }).waitFor();
    guard = 0;
    while ((await page.evaluate<string | null>('document.activeElement?.textContent ?? null')) !== 'Grace Hopper' && guard++ < 20)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Grace Hopper' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/admin/accounts/${seeded.grace}`);
    await page.close();
  });

  test('no Content-Security-Policy violation and no page error during the run', () => {
    expect(browser.problems).toEqual([]);
  });
});
