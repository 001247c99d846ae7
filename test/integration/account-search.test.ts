import { randomUUID } from 'node:crypto';
import { encodeCursor } from '../../src/domain/cursor';
import { addSuspension } from '../support/fixtures';
import { admin, codeOf, service, startTestApp, TestApp, userOf } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const ACCOUNTS = `query($search: String, $status: AccountStatus, $planCode: String, $first: Int, $after: String) {
  accounts(search: $search, status: $status, planCode: $planCode, first: $first, after: $after) {
    totalCount edges { cursor node { id email displayName status plan { code } } } pageInfo { hasNextPage endCursor }
  }
}`;

interface Seed {
  email?: string;
  name?: string;
  plan?: string;
  createdAt?: string;
  legalName?: string;
}

/** Inserts an account as stored (lower-cased email) with an exact created_at, optionally with an organization. */
async function seed(spec: Seed = {}): Promise<string> {
  const id = randomUUID();
  await app.dataSource.query(
    `INSERT INTO accounts (id, email, display_name, plan_code, created_at) VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now()))`,
    [id, spec.email ?? `${id}@example.test`, spec.name ?? 'Search Test', spec.plan ?? 'free', spec.createdAt ?? null],
  );
  if (spec.legalName) {
    await app.dataSource.query(`INSERT INTO organizations (account_id, kind, legal_name, jurisdiction) VALUES ($1, 'COMPANY', $2, 'CA')`, [
      id,
      spec.legalName,
    ]);
  }
  return id;
}

async function page(vars: Record<string, unknown>, principal = admin) {
  const r = await app.exec(principal, ACCOUNTS, vars);
  expect(r.errors).toBeUndefined();
  return r.data!.accounts;
}

async function all(vars: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 1000; i += 1) {
    const p: any = await page({ ...vars, after });
    ids.push(...p.edges.map((e: any) => e.node.id));
    if (!p.pageInfo.hasNextPage) return ids;
    after = p.pageInfo.endCursor;
  }
  throw new Error('paging did not end');
}

const search = async (text: string, extra: Record<string, unknown> = {}) => (await all({ search: text, first: 200, ...extra })).sort();

describe('accounts: paging', () => {
  test('paging forward visits every account exactly once, newest first, ties and microseconds included', async () => {
    const t = '2030-05-05T10:00:00';
    // Five with one created_at (the id breaks the tie), and neighbours a microsecond apart: a millisecond cursor would skip them.
    for (let i = 0; i < 5; i += 1) await seed({ createdAt: `${t}.123456Z` });
    await seed({ createdAt: `${t}.123457Z` });
    await seed({ createdAt: `${t}.123455Z` });
    await seed({ createdAt: `${t}.123000Z` });
    await seed({ createdAt: `${t}.123999Z` });
    for (let i = 0; i < 20; i += 1) await seed();
    const expected: string[] = (await app.dataSource.query(`SELECT id FROM accounts ORDER BY created_at DESC, id DESC`)).map(
      (r: any) => r.id,
    );

    for (const first of [1, 3, 7, 200]) {
      const ids = await all({ first });
      expect(ids).toEqual(expected);
    }
    const first = await page({ first: 4 });
    expect(first.totalCount).toBe(expected.length);
    expect(first.edges).toHaveLength(4);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[3].cursor });
    const last = await page({ first: 200 });
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(await page({ first: 5, after: last.pageInfo.endCursor })).toEqual({
      totalCount: expected.length,
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  test('accounts created while paging neither shift nor repeat the rows still to come (keyset, not OFFSET)', async () => {
    for (let i = 0; i < 12; i += 1) await seed();
    const before: string[] = (await app.dataSource.query(`SELECT id FROM accounts ORDER BY created_at DESC, id DESC`)).map(
      (r: any) => r.id,
    );
    const seen: string[] = [];
    let after: string | null = null;
    // Newer than every row so far (other tests here seed rows dated 2030): they land before the cursor.
    let newer = Date.parse('2099-01-01T00:00:00Z');
    for (;;) {
      const p: any = await page({ first: 5, after });
      seen.push(...p.edges.map((e: any) => e.node.id));
      await seed({ createdAt: new Date((newer += 1000)).toISOString() });
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(seen).toEqual(before);
  });

  test('the default page is 50; first is 1 to 200', async () => {
    for (let i = 0; i < 55; i += 1) await seed();
    expect((await page({})).edges).toHaveLength(50);
    expect((await page({ first: 200 })).edges.length).toBeGreaterThan(50);
    for (const first of [0, -1, 201, 10_000]) {
      const r = await app.exec(admin, ACCOUNTS, { first });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toBe('first must be from 1 to 200');
      expect(r.errors![0].extensions!.reason).toBe('LIMIT_OUT_OF_RANGE');
    }
  });

  test.each([
    ['not base64url', '!!!'],
    ['base64url of something else', Buffer.from('hello').toString('base64url')],
    ['a key of the wrong shape', encodeCursor(['42'])],
    ['a key with a bad instant', encodeCursor(['yesterday', randomUUID()])],
    ['a key with a bad id', encodeCursor(['2030-01-01T00:00:00.000000Z', 'x'])],
    ['an empty string', ''],
  ])('a malformed cursor (%s) is BAD_USER_INPUT', async (_name, after) => {
    const r = await app.exec(admin, ACCOUNTS, { after });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toBe('after is not a cursor of this list');
    expect(r.errors![0].extensions!.reason).toBe('INVALID_CURSOR');
  });

  test('service may list; a user may not', async () => {
    await page({ first: 1 }, service);
    const r = await app.exec(userOf(randomUUID()), ACCOUNTS, { first: 1 });
    expect(codeOf(r)).toBe('FORBIDDEN');
  });
});

describe('accounts: search', () => {
  test('by exact id, any case; a uuid is never a name search', async () => {
    const id = await seed();
    expect(await search(id)).toEqual([id]);
    expect(await search(` ${id.toUpperCase()} `)).toEqual([id]);
    expect(await search(randomUUID())).toEqual([]);
  });

  test('by email, exact or prefix, case-insensitively; LIKE wildcards match literally', async () => {
    const tag = randomUUID().slice(0, 8);
    const a = await seed({ email: `ana.${tag}@studio.example` });
    const b = await seed({ email: `ana.${tag}x@label.example` });
    const c = await seed({ email: `ana_${tag}@studio.example` });
    expect(await search(`ana.${tag}@studio.example`)).toEqual([a]);
    expect(await search(`ANA.${tag}@STUDIO.EXAMPLE`)).toEqual([a]);
    expect(await search(`ana.${tag}`)).toEqual([a, b].sort());
    expect(await search(`ana.${tag}@`)).toEqual([a]);
    expect(await search(`ana_${tag}`)).toEqual([c]);
    expect(await search(`ana%${tag}`)).toEqual([]);
    // Not a substring of the email: a prefix only.
    expect(await search(`${tag}@studio`)).toEqual([]);
  });

  test('by display name: any part, case- and accent-insensitively', async () => {
    const tag = randomUUID().slice(0, 8);
    const zoe = await seed({ name: `Zoë Marlowe-Crane ${tag}` });
    const other = await seed({ name: `ZOE MARLOWE ${tag}` });
    expect(await search(`zoe marlowe-crane ${tag}`)).toEqual([zoe]);
    expect(await search(`MARLÖWE-CRÂNE ${tag}`)).toEqual([zoe]);
    expect(await search(`Zoë Marlowe ${tag}`)).toEqual([other]);
    expect(await search(`lowe-crane ${tag}`)).toEqual([zoe]);
    expect(await search(`zoe marlowe`)).toEqual(expect.arrayContaining([zoe, other].sort()));
    expect(await search(`100% ${tag}`)).toEqual([]);
  });

  test("by the organization's legal name, case- and accent-insensitively", async () => {
    const tag = randomUUID().slice(0, 8);
    const acme = await seed({ name: 'Someone', legalName: `Ácme Récords ${tag} GmbH` });
    await seed({ name: 'Someone Else', legalName: `Other Label ${tag}` });
    expect(await search(`acme records ${tag}`)).toEqual([acme]);
    expect(await search(`RÉCORDS ${tag} gmbh`)).toEqual([acme]);
  });

  test('shorter than 3 characters: an email prefix only', async () => {
    const q = await seed({ email: `qz-${randomUUID()}@example.test`, name: 'Plain' });
    const named = await seed({ name: 'Xqz Yqz' });
    const found = await search('qz');
    expect(found).toContain(q);
    expect(found).not.toContain(named);
  });

  test('too long a search is BAD_USER_INPUT; blank is no search', async () => {
    expect(codeOf(await app.exec(admin, ACCOUNTS, { search: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
    expect((await page({ search: '   ', first: 1 })).totalCount).toBe((await page({ first: 1 })).totalCount);
  });
});

describe('accounts: filters', () => {
  test('status is SUSPENDED exactly while a suspension is in force, as Account.status says', async () => {
    const tag = randomUUID().slice(0, 8);
    const named = (n: string) => seed({ name: `Status ${tag} ${n}` });
    const active = await named('active');
    const suspended = await named('suspended');
    await addSuspension(app.dataSource, suspended);
    const ended = await named('ended');
    await addSuspension(app.dataSource, ended, { startsAt: new Date(Date.now() - 7200_000), endsAt: new Date(Date.now() - 3600_000) });
    const future = await named('future');
    await addSuspension(app.dataSource, future, { startsAt: new Date(Date.now() + 3600_000) });
    const lifted = await named('lifted');
    const s = await addSuspension(app.dataSource, lifted);
    // A second ago: PostgreSQL's now() has microseconds, the clock's Date only milliseconds, so a lift at now()
    // could still be in force for a search in the same millisecond.
    await app.dataSource.query(
      `UPDATE suspensions SET lifted_at = now() - interval '1 second', lifted_by = 'admin-1', lift_reason = 'ok' WHERE id = $1`,
      [s],
    );

    expect(await search(`Status ${tag}`, { status: 'SUSPENDED' })).toEqual([suspended]);
    expect(await search(`Status ${tag}`, { status: 'ACTIVE' })).toEqual([active, ended, future, lifted].sort());
    const p = await page({ search: `Status ${tag}`, first: 10 });
    const status = Object.fromEntries(p.edges.map((e: any) => [e.node.id, e.node.status]));
    expect(status).toEqual({ [active]: 'ACTIVE', [suspended]: 'SUSPENDED', [ended]: 'ACTIVE', [future]: 'ACTIVE', [lifted]: 'ACTIVE' });
    expect((await page({ search: `Status ${tag}`, status: 'ACTIVE', first: 1 })).totalCount).toBe(4);

    const everyone = await all({ first: 200 });
    const suspendedAll = await all({ status: 'SUSPENDED', first: 200 });
    const activeAll = await all({ status: 'ACTIVE', first: 200 });
    expect([...suspendedAll, ...activeAll].sort()).toEqual([...everyone].sort());
  });

  test('planCode, alone and with search and status, paged', async () => {
    const tag = randomUUID().slice(0, 8);
    const pro: string[] = [];
    for (let i = 0; i < 7; i += 1) pro.push(await seed({ name: `Plan ${tag}`, plan: 'pro' }));
    await seed({ name: `Plan ${tag}`, plan: 'free' });
    const expected = (await app.dataSource.query(`SELECT id FROM accounts WHERE plan_code = 'pro' ORDER BY created_at DESC, id DESC`)).map(
      (r: any) => r.id,
    );
    expect(await all({ planCode: 'pro', first: 2 })).toEqual(expected);
    const mine = await all({ planCode: 'pro', search: `plan ${tag}`, status: 'ACTIVE', first: 3 });
    expect([...mine].sort()).toEqual([...pro].sort());
    expect((await page({ planCode: 'pro', search: `plan ${tag}`, first: 3 })).totalCount).toBe(7);
    expect(await all({ planCode: 'nonexistent' })).toEqual([]);
  });
});
