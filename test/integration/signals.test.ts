import { createHmac, randomUUID } from 'node:crypto';
import { SignalKind } from '../../src/domain/enums';
import { rebuildClusters } from '../../src/services/accounts/account-clusters';
import { admin, admin2, codeOf, refusalOf, service, startTestApp, TEST_SIGNAL_KEY, TestApp, userOf } from '../support/test-app';
import {
  ACCEPT_INITIAL_POLICY,
  CREATE_ACCOUNT_ID,
  DECIDE_APPEAL_STATUS,
  DECLARE_INDIVIDUAL,
  ENTITLEMENT_AT,
  FILE_APPEAL_ID,
  FREE_PLAN_CLUSTERS,
  LIFT_SUSPENSION_ID,
  LINKED_ACCOUNTS,
  RECORD_ACCOUNT_SIGNALS,
  SUSPEND_ACCOUNT_ID,
} from '../support/operations';
import { race, tally } from '../support/enforcement';
import { addSignal } from '../support/factories';

type Signal = { kind: keyof typeof SignalKind; value: string };

const LINKED_DENIAL = { code: 'LINKED_TO_SUSPENDED_ACCOUNT', clause: '9(n)', remedy: 'APPEAL' };
const hmac = (kind: string, canonical: string) => createHmac('sha256', TEST_SIGNAL_KEY).update(`${kind}:${canonical}`).digest('hex');
const unique = (prefix: string) => `${prefix}-${randomUUID()}`;

function ok<T = any>(r: { data: any; errors?: any }): T {
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Through the API: created (its email becomes a signal), and with `onboard` fully onboarded, so it is allowed by default. */
async function createAccount(app: TestApp, opts: { email?: string; plan?: string; onboard?: boolean } = {}): Promise<string> {
  const email = opts.email ?? `${unique('user')}@example.com`;
  const { id } = ok(
    await app.exec(service, CREATE_ACCOUNT_ID, { input: { email, displayName: 'Someone', planCode: opts.plan ?? 'free' } }),
  ).createAccount;
  if (opts.onboard !== false) {
    ok(await app.exec(userOf(id), DECLARE_INDIVIDUAL, { id }));
    ok(await app.exec(userOf(id), ACCEPT_INITIAL_POLICY, { id }));
  }
  return id;
}

async function record(app: TestApp, id: string, signals: Signal[]): Promise<number> {
  return ok(await app.exec(service, RECORD_ACCOUNT_SIGNALS, { id, signals })).recordAccountSignals;
}

async function decide(app: TestApp, id: string, at?: Date) {
  return ok(await app.exec(service, ENTITLEMENT_AT, { id, at: at?.toISOString() })).entitlement;
}

async function suspend(app: TestApp, accountId: string, endsAt?: Date): Promise<string> {
  return ok(
    await app.exec(admin, SUSPEND_ACCOUNT_ID, {
      input: { accountId, clause: '9(n)', reason: 'ban evasion', endsAt: endsAt?.toISOString() },
    }),
  ).suspendAccount.id;
}

async function linked(app: TestApp, id: string) {
  return ok(await app.exec(admin, LINKED_ACCOUNTS, { id })).linkedAccounts;
}

async function clusters(app: TestApp, minSize = 3, limit = 50) {
  return ok(await app.exec(admin, FREE_PLAN_CLUSTERS, { minSize, limit })).freePlanClusters;
}

async function signalRows(app: TestApp, accountId: string): Promise<Array<{ kind: string; value_hash: string }>> {
  return app.dataSource.query('SELECT kind, value_hash FROM account_signals WHERE account_id = $1 ORDER BY kind, value_hash', [accountId]);
}

/** Every signal row and audit event, to show a refused call wrote nothing. */
async function writes(app: TestApp): Promise<string> {
  const [row] = await app.dataSource.query(`
    SELECT (SELECT count(*) FROM account_signals)::text || '/' || (SELECT count(*) FROM account_clusters)::text
           || '/' || (SELECT count(*) FROM audit_events)::text AS f`);
  return row.f;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await eventually(async () => app.services.changeListener.isConnected);
});
afterAll(async () => {
  await app.close();
});

describe('recordAccountSignals', () => {
  test('returns how many were new; values are stored as HMAC-SHA-256 of kind and canonical value; audited without values', async () => {
    const id = await createAccount(app, { onboard: false });
    const card = unique('Card');
    const device = unique('Device');
    const n = await record(app, id, [
      { kind: 'PAYMENT_FINGERPRINT', value: ` ${card} ` },
      { kind: 'DEVICE_ID', value: device },
      { kind: 'DEVICE_ID', value: device.toUpperCase() }, // the same device twice in one call counts once
      { kind: 'IP_ADDRESS', value: '2001:DB8:0:0:0:0:0:1' },
    ]);
    expect(n).toBe(3);
    // Again, in other spellings: nothing new.
    expect(
      await record(app, id, [
        { kind: 'PAYMENT_FINGERPRINT', value: card.toLowerCase() },
        { kind: 'IP_ADDRESS', value: '2001:db8::1' },
      ]),
    ).toBe(0);

    const email = (await app.dataSource.query('SELECT email FROM accounts WHERE id = $1', [id]))[0].email;
    expect(await signalRows(app, id)).toEqual(
      [
        { kind: 'DEVICE_ID', value_hash: hmac('DEVICE_ID', device.toLowerCase()) },
        { kind: 'EMAIL', value_hash: hmac('EMAIL', email) }, // recorded by createAccount
        { kind: 'IP_ADDRESS', value_hash: hmac('IP_ADDRESS', '2001:db8::1') },
        { kind: 'PAYMENT_FINGERPRINT', value_hash: hmac('PAYMENT_FINGERPRINT', card.toLowerCase()) },
      ].sort((a, b) => a.kind.localeCompare(b.kind) || a.value_hash.localeCompare(b.value_hash)),
    );

    const events = await app.dataSource.query(
      `SELECT actor, action, after FROM audit_events WHERE target_id = $1 AND action = 'account.signals.record' ORDER BY sequence`,
      [id],
    );
    expect(events).toEqual([
      {
        actor: 'service-1',
        action: 'account.signals.record',
        after: { recorded: 3, byKind: { PAYMENT_FINGERPRINT: 1, DEVICE_ID: 1, IP_ADDRESS: 1 }, newlyLinkedAccounts: 0 },
      },
    ]);
  });

  test('no raw or canonical value, and no hash outside account_signals, appears in any column of any table', async () => {
    const a = await createAccount(app, { onboard: false });
    const b = await createAccount(app, { onboard: false });
    const tag = randomUUID().slice(0, 8);
    const raw = {
      email: `Leak.Check.${tag}+promo@GoogleMail.com`,
      card: unique('LeakCard'),
      device: unique('LeakDevice'),
      ip: '198.51.100.213',
    };
    const signals: Signal[] = [
      { kind: 'EMAIL', value: raw.email },
      { kind: 'PAYMENT_FINGERPRINT', value: raw.card },
      { kind: 'DEVICE_ID', value: raw.device },
      { kind: 'IP_ADDRESS', value: raw.ip },
    ];
    expect(await record(app, a, signals)).toBe(4);
    expect(await record(app, b, signals)).toBe(4); // linked on every kind: touches, joins clusters, audits
    const canonicalEmail = `leakcheck${tag}@gmail.com`;
    const needles = [raw.email, canonicalEmail, `leak.check.${tag}`, `leakcheck${tag}`, raw.card, raw.device, raw.ip];
    const hashes = (await signalRows(app, a)).filter((r) => r.kind !== 'EMAIL' || r.value_hash === hmac('EMAIL', canonicalEmail));
    expect(hashes).toHaveLength(4);

    // Every column of every table that can hold text, read back as text.
    const columns: Array<{ table_name: string; column_name: string }> = await app.dataSource.query(`
      SELECT c.table_name, c.column_name
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
         AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED', 'bytea')`);
    const tables = new Set(columns.map((c) => c.table_name));
    for (const table of ['account_signals', 'accounts', 'audit_events', 'organizations', 'suspensions'])
      expect(tables.has(table)).toBe(true);
    const found: string[] = [];
    for (const { table_name: table, column_name: column } of columns) {
      for (const needle of needles) {
        const [{ n }] = await app.dataSource.query(
          `SELECT count(*)::int AS n FROM "${table}" WHERE strpos(lower("${column}"::text), lower($1)) > 0`,
          [needle],
        );
        if (n > 0) found.push(`${table}.${column} holds ${needle}`);
      }
      if (table === 'account_signals' && column === 'value_hash') continue;
      for (const { value_hash: hash } of hashes) {
        const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}" WHERE strpos("${column}"::text, $1) > 0`, [
          hash,
        ]);
        if (n > 0) found.push(`${table}.${column} holds a signal hash`);
      }
    }
    expect(found).toEqual([]);
  });

  test.each([
    ['an empty value', [{ kind: 'DEVICE_ID', value: '' }], 'signals[0].value', /must not be empty/],
    ['a blank value', [{ kind: 'PAYMENT_FINGERPRINT', value: ' \t ' }], 'signals[0].value', /must not be empty/],
    ['a value over 512 characters', [{ kind: 'DEVICE_ID', value: 'x'.repeat(513) }], 'signals[0].value', /at most 512 characters/],
    ['a malformed email', [{ kind: 'EMAIL', value: 'not-an-email' }], 'signals[0].value', /email address/],
    ['a malformed IP address', [{ kind: 'IP_ADDRESS', value: '300.1.1.1' }], 'signals[0].value', /IPv4 or IPv6/],
    [
      'one bad value among good ones',
      [
        { kind: 'DEVICE_ID', value: 'fine-device' },
        { kind: 'IP_ADDRESS', value: '192.0.2.10' },
        { kind: 'EMAIL', value: '@nobody' },
      ],
      'signals[2].value',
      /signals\[2\] \(EMAIL\)/,
    ],
    ['more than 100 signals', Array.from({ length: 101 }, (_, i) => ({ kind: 'DEVICE_ID', value: `d-${i}` })), 'signals', /At most 100/],
  ])('%s: BAD_USER_INPUT naming the field, nothing recorded', async (_name, signals, field, message) => {
    const id = await createAccount(app, { onboard: false });
    const before = await writes(app);
    const r = await app.exec(service, RECORD_ACCOUNT_SIGNALS, { id, signals });
    expect(codeOf(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].message).toMatch(message);
    expect(r.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field })]);
    expect(await writes(app)).toBe(before);
  });

  test('every bad entry is named at once', async () => {
    const id = await createAccount(app, { onboard: false });
    const r = await app.exec(service, RECORD_ACCOUNT_SIGNALS, {
      id,
      signals: [
        { kind: 'EMAIL', value: '' },
        { kind: 'DEVICE_ID', value: 'ok' },
        { kind: 'IP_ADDRESS', value: 'x' },
      ],
    });
    expect(r.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['signals[0].value', 'signals[2].value']);
  });

  test('an unknown kind is BAD_USER_INPUT; unknown and malformed accounts are NOT_FOUND; nothing recorded', async () => {
    const before = await writes(app);
    const id = await createAccount(app, { onboard: false });
    const afterCreate = await writes(app);
    expect(afterCreate).not.toBe(before);
    expect(codeOf(await app.exec(service, RECORD_ACCOUNT_SIGNALS, { id, signals: [{ kind: 'PHONE', value: '1' }] }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      refusalOf(await app.exec(service, RECORD_ACCOUNT_SIGNALS, { id: randomUUID(), signals: [{ kind: 'DEVICE_ID', value: 'd' }] })),
    ).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    expect(
      refusalOf(await app.exec(service, RECORD_ACCOUNT_SIGNALS, { id: 'not-a-uuid', signals: [{ kind: 'DEVICE_ID', value: 'd' }] })),
    ).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    expect(await writes(app)).toBe(afterCreate);
  });

  test('an empty list records nothing and returns 0', async () => {
    const id = await createAccount(app, { onboard: false });
    const before = await writes(app);
    expect(await record(app, id, [])).toBe(0);
    expect(await writes(app)).toBe(before);
  });

  test('roles: service and admin record; a user may not, not even for its own account', async () => {
    const id = await createAccount(app, { onboard: false });
    expect(
      ok(await app.exec(admin, RECORD_ACCOUNT_SIGNALS, { id, signals: [{ kind: 'DEVICE_ID', value: unique('d') }] })).recordAccountSignals,
    ).toBe(1);
    expect(
      ok(await app.exec(service, RECORD_ACCOUNT_SIGNALS, { id, signals: [{ kind: 'DEVICE_ID', value: unique('d') }] }))
        .recordAccountSignals,
    ).toBe(1);
    const before = await writes(app);
    expect(codeOf(await app.exec(userOf(id), RECORD_ACCOUNT_SIGNALS, { id, signals: [{ kind: 'DEVICE_ID', value: unique('d') }] }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await app.exec({ sub: 'x', roles: [] }, RECORD_ACCOUNT_SIGNALS, { id, signals: [] }))).toBe('FORBIDDEN');
    expect(await writes(app)).toBe(before);
  });

  test('20 concurrent identical calls record each value once', async () => {
    const id = await createAccount(app, { onboard: false });
    const signals = [
      { kind: 'DEVICE_ID', value: unique('race') },
      { kind: 'PAYMENT_FINGERPRINT', value: unique('race') },
    ];
    const outcomes = await race(app, service, 20, RECORD_ACCOUNT_SIGNALS, { id, signals });
    expect(tally(outcomes)).toEqual({ ok: 20 });
    expect(outcomes.map((o) => o.data!.recordAccountSignals).sort()).toEqual([...Array(19).fill(0), 2]);
    expect(await signalRows(app, id)).toHaveLength(3);
  });
});

describe('canonical values link accounts (linkedAccounts)', () => {
  test('Gmail: dots, plus-tags and googlemail.com are one mailbox; an account created with one address links to another recorded later', async () => {
    const tag = randomUUID().slice(0, 8);
    const a = await createAccount(app, { email: `jo.smith.${tag}+shop@gmail.com` });
    const b = await createAccount(app);
    expect(await record(app, b, [{ kind: 'EMAIL', value: ` JoSmith${tag.toUpperCase()}@GoogleMail.com ` }])).toBe(1);
    expect(await linked(app, b)).toEqual([{ accountId: a, sharedSignals: ['EMAIL'], status: 'ACTIVE', planCode: 'free' }]);
    expect(await linked(app, a)).toEqual([{ accountId: b, sharedSignals: ['EMAIL'], status: 'ACTIVE', planCode: 'free' }]);
  });

  test('a+x@gmail.com and A.x@googlemail.com are different mailboxes ("a" and "ax"), so they do not link; a.x+y@gmail.com and A.x@googlemail.com do', async () => {
    const tag = randomUUID().slice(0, 8);
    const [p, q, r] = [await createAccount(app), await createAccount(app), await createAccount(app)];
    await record(app, p, [{ kind: 'EMAIL', value: `a${tag}+x@gmail.com` }]);
    await record(app, q, [{ kind: 'EMAIL', value: `A.x${tag}@googlemail.com` }]);
    expect(await linked(app, q)).toEqual([]);
    await record(app, r, [{ kind: 'EMAIL', value: `a.x${tag}+y@gmail.com` }]);
    expect((await linked(app, q)).map((l: any) => l.accountId)).toEqual([r]);
  });

  test('elsewhere plus-tags drop but dots count; IPv6 spellings of one address link; every kind is listed with status and plan', async () => {
    const tag = randomUUID().slice(0, 8);
    const a = await createAccount(app, { email: `ada.${tag}@example.com`, plan: 'pro' });
    const b = await createAccount(app);
    const c = await createAccount(app);
    await record(app, b, [
      { kind: 'EMAIL', value: `ADA.${tag}+news@Example.com` },
      { kind: 'IP_ADDRESS', value: '2001:db8:0:0:0:0:0:7' },
    ]);
    await record(app, c, [
      { kind: 'EMAIL', value: `ada${tag}@example.com` },
      { kind: 'IP_ADDRESS', value: '2001:DB8::7' },
    ]);
    const device = unique('dev');
    await record(app, a, [{ kind: 'DEVICE_ID', value: device }]);
    await record(app, c, [{ kind: 'DEVICE_ID', value: device.toUpperCase() }]);
    await suspend(app, c);
    expect(await linked(app, a)).toEqual(
      expect.arrayContaining([
        { accountId: b, sharedSignals: ['EMAIL'], status: 'ACTIVE', planCode: 'free' },
        { accountId: c, sharedSignals: ['DEVICE_ID'], status: 'SUSPENDED', planCode: 'free' },
      ]),
    );
    expect(await linked(app, a)).toHaveLength(2);
    expect(await linked(app, c)).toEqual(
      expect.arrayContaining([
        { accountId: a, sharedSignals: ['DEVICE_ID'], status: 'ACTIVE', planCode: 'pro' },
        { accountId: b, sharedSignals: ['IP_ADDRESS'], status: 'ACTIVE', planCode: 'free' },
      ]),
    );
  });

  test('an account linked to nobody has none; unknown or malformed ids are NOT_FOUND; admin only', async () => {
    const id = await createAccount(app, { onboard: false });
    expect(await linked(app, id)).toEqual([]);
    expect(refusalOf(await app.exec(admin, LINKED_ACCOUNTS, { id: randomUUID() }))).toEqual({
      code: 'NOT_FOUND',
      reason: 'ACCOUNT_NOT_FOUND',
    });
    expect(refusalOf(await app.exec(admin, LINKED_ACCOUNTS, { id: 'nope' }))).toEqual({ code: 'NOT_FOUND', reason: 'ACCOUNT_NOT_FOUND' });
    expect(codeOf(await app.exec(service, LINKED_ACCOUNTS, { id }))).toBe('FORBIDDEN');
    expect(codeOf(await app.exec(userOf(id), LINKED_ACCOUNTS, { id }))).toBe('FORBIDDEN');
  });
});

describe('9(n) in the entitlement decision, with the decision cache on', () => {
  beforeAll(() => {
    expect(app.services.entitlements.cache?.isEnabled).toBe(true);
  });

  /**
   * Asks until the allowed decision is cached. This process hears its own
   * earlier commits again by NOTIFY a moment later, and a load that overlaps
   * one is not stored; so wait for those echoes to pass, then check it stayed.
   */
  async function cachedAllowed(id: string) {
    await eventually(async () => (await decide(app, id)).allowed && app.services.entitlements.cache!.get(id) !== undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect((await decide(app, id)).allowed).toBe(true);
    expect(app.services.entitlements.cache!.get(id)).toBeDefined();
  }

  async function pairByCard() {
    const a = await createAccount(app);
    const b = await createAccount(app);
    const card = unique('card');
    await record(app, a, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
    await record(app, b, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
    return { a, b };
  }

  test('suspension starts: the linked account is denied (9(n), APPEAL); lifted: allowed again', async () => {
    const { a, b } = await pairByCard();
    await cachedAllowed(b);
    const suspension = await suspend(app, a);
    const denied = await decide(app, b);
    expect(denied).toMatchObject({ allowed: false, reasons: [LINKED_DENIAL], validUntil: null });
    ok(await app.exec(admin, LIFT_SUSPENSION_ID, { id: suspension }));
    expect(await decide(app, b)).toMatchObject({ allowed: true, reasons: [] });
  });

  test('an appeal OVERTURNED frees the linked account', async () => {
    const { a, b } = await pairByCard();
    const suspension = await suspend(app, a);
    await eventually(async () => (await decide(app, b)).reasons.length === 1 && app.services.entitlements.cache!.get(b) !== undefined);
    expect((await decide(app, b)).reasons).toEqual([LINKED_DENIAL]);
    const appeal = ok(await app.exec(userOf(a), FILE_APPEAL_ID, { input: { suspensionId: suspension, statement: 'Not me' } })).fileAppeal
      .id;
    ok(await app.exec(admin2, DECIDE_APPEAL_STATUS, { id: appeal, input: { decision: 'OVERTURN', note: 'shared card of a family' } }));
    expect(await decide(app, b)).toMatchObject({ allowed: true, reasons: [] });
  });

  test('a suspension with an end: validUntil is that end, and from then on the linked account is allowed', async () => {
    const { a, b } = await pairByCard();
    await cachedAllowed(b);
    const endsAt = new Date(Date.now() + 7 * 86_400_000);
    await suspend(app, a, endsAt);
    expect(await decide(app, b)).toMatchObject({ allowed: false, reasons: [LINKED_DENIAL], validUntil: endsAt.toISOString() });
    expect(await decide(app, b, endsAt)).toMatchObject({ allowed: true, reasons: [] });
  });

  test('a link recorded after the suspension denies at once, whichever side records it', async () => {
    const suspended = await createAccount(app);
    const other = await createAccount(app);
    const third = await createAccount(app);
    await suspend(app, suspended);
    await cachedAllowed(other);
    await cachedAllowed(third);
    // The other account reports the suspended one's card ...
    const card = unique('card');
    await record(app, suspended, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
    expect((await decide(app, other)).allowed).toBe(true);
    await record(app, other, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
    expect((await decide(app, other)).reasons).toEqual([LINKED_DENIAL]);
    // ... or the suspended account reports a mailbox the third one has (the third one's cached decision is dropped).
    const email = (await app.dataSource.query('SELECT email FROM accounts WHERE id = $1', [third]))[0].email;
    await record(app, suspended, [{ kind: 'EMAIL', value: email.toUpperCase() }]);
    expect((await decide(app, third)).reasons).toEqual([LINKED_DENIAL]);
  });

  test('DEVICE_ID and IP_ADDRESS links alone never deny', async () => {
    const suspended = await createAccount(app);
    const other = await createAccount(app);
    await suspend(app, suspended);
    const signals: Signal[] = [
      { kind: 'DEVICE_ID', value: unique('shared-laptop') },
      { kind: 'IP_ADDRESS', value: '192.0.2.55' },
    ];
    await record(app, suspended, signals);
    await record(app, other, signals);
    expect(await decide(app, other)).toMatchObject({ allowed: true, reasons: [] });
    expect(await linked(app, other)).toEqual(
      expect.arrayContaining([{ accountId: suspended, sharedSignals: ['DEVICE_ID', 'IP_ADDRESS'], status: 'SUSPENDED', planCode: 'free' }]),
    );
  });

  test('a suspended user signing up again with the same mailbox is denied at once', async () => {
    const tag = randomUUID().slice(0, 8);
    const first = await createAccount(app, { email: `jo.smith.${tag}@gmail.com` });
    await suspend(app, first);
    await cachedAllowed(await createAccount(app)); // unrelated, still cached and allowed below
    // The very same address is refused as before; another spelling of the mailbox gets an account, denied.
    expect(
      codeOf(await app.exec(service, CREATE_ACCOUNT_ID, { input: { email: `jo.smith.${tag}@gmail.com`, displayName: 'Again' } })),
    ).toBe('CONFLICT');
    const again = await createAccount(app, { email: `josmith${tag}+again@googlemail.com` });
    expect((await decide(app, again)).reasons).toEqual([LINKED_DENIAL]);
    expect(await linked(app, again)).toEqual([{ accountId: first, sharedSignals: ['EMAIL'], status: 'SUSPENDED', planCode: 'free' }]);
  });

  test('another server process drops its cached decision of the newly linked account too', async () => {
    const two = await startTestApp({}, { attachTo: app });
    try {
      await eventually(async () => two.services.changeListener.isConnected);
      const suspended = await createAccount(app);
      const other = await createAccount(app);
      await suspend(app, suspended);
      const card = unique('card');
      await record(app, other, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
      await eventually(async () => (await decide(two, other)).allowed && two.services.entitlements.cache!.get(other) !== undefined);
      await new Promise((r) => setTimeout(r, 100));
      expect(two.services.entitlements.cache!.get(other)).toBeDefined();
      // The suspended account records it: only the link tells process two that "other" changed.
      await record(app, suspended, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
      await eventually(async () => !(await decide(two, other)).allowed);
      expect((await decide(two, other)).reasons).toEqual([LINKED_DENIAL]);
    } finally {
      await two.close();
    }
  });
});

describe('freePlanClusters (a database of its own, so every cluster is known)', () => {
  let own: TestApp;
  beforeAll(async () => {
    own = await startTestApp();
  });
  afterAll(async () => {
    await own.close();
  });

  const sorted = (ids: string[]) => [...ids].sort();
  const partition = async () => {
    const rows: Array<{ account_id: string; cluster_id: string }> = await own.dataSource.query(
      'SELECT account_id, cluster_id FROM account_clusters',
    );
    const groups = new Map<string, string[]>();
    for (const r of rows) groups.set(r.cluster_id, [...(groups.get(r.cluster_id) ?? []), r.account_id]);
    return [...groups.values()].map((g) => sorted(g).join(',')).sort();
  };

  /** The maintained sizes equal a recount of members and their plans right now. */
  const expectSizesExact = async () => {
    const drift = await own.dataSource.query(`
      WITH truth AS (
        SELECT c.cluster_id, count(*)::int AS members, (count(*) FILTER (WHERE NOT p.commercial_use))::int AS free_members,
               bool_and(c.free = NOT p.commercial_use) AS flags_right
          FROM account_clusters c JOIN accounts a ON a.id = c.account_id JOIN plans p ON p.code = a.plan_code
         GROUP BY c.cluster_id)
      SELECT * FROM truth t FULL JOIN account_cluster_sizes s USING (cluster_id)
       WHERE t.members IS DISTINCT FROM s.members OR t.free_members IS DISTINCT FROM s.free_members OR NOT t.flags_right`);
    expect(drift).toEqual([]);
  };
  afterEach(expectSizesExact);

  let chain: string[];
  let mixed: string[];

  test('accounts connected only through a chain of links (card, device, email) are one cluster', async () => {
    chain = [];
    for (let i = 0; i < 4; i += 1) chain.push(await createAccount(own, { onboard: false }));
    const [a, b, c, d] = chain;
    const card = unique('card');
    const device = unique('device');
    const mailbox = `${unique('shared')}@example.org`;
    // A-B and C-D first (two clusters), then B-C joins them.
    await record(own, a, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
    await record(own, b, [{ kind: 'PAYMENT_FINGERPRINT', value: card }]);
    await record(own, c, [{ kind: 'EMAIL', value: mailbox }]);
    await record(own, d, [{ kind: 'EMAIL', value: mailbox.toUpperCase() }]);
    expect(await clusters(own, 2)).toHaveLength(2);
    expect(await clusters(own, 3)).toEqual([]);
    await record(own, b, [{ kind: 'DEVICE_ID', value: device }]);
    await record(own, c, [{ kind: 'DEVICE_ID', value: device }]);
    expect(await clusters(own, 4)).toEqual([
      { accountIds: sorted(chain), sharedSignals: ['DEVICE_ID', 'EMAIL', 'PAYMENT_FINGERPRINT'], freeAccounts: 4 },
    ]);
    // A and D share nothing directly.
    expect((await linked(own, a)).map((l: any) => l.accountId)).toEqual([b]);
  });

  test('IP addresses do not connect accounts into clusters', async () => {
    const x = await createAccount(own, { onboard: false });
    const y = await createAccount(own, { onboard: false });
    await record(own, x, [{ kind: 'IP_ADDRESS', value: '203.0.113.9' }]);
    await record(own, y, [{ kind: 'IP_ADDRESS', value: '203.0.113.9' }]);
    await record(own, chain[0], [{ kind: 'IP_ADDRESS', value: '203.0.113.9' }]);
    const all = await clusters(own, 2, 500);
    expect(all.flatMap((c: any) => c.accountIds)).not.toContain(x);
    expect(all.flatMap((c: any) => c.sharedSignals)).not.toContain('IP_ADDRESS');
  });

  test('paid members are listed but not counted; minSize counts free accounts; a plan change shows at once', async () => {
    mixed = [
      await createAccount(own, { onboard: false }),
      await createAccount(own, { onboard: false }),
      await createAccount(own, { onboard: false, plan: 'pro' }),
      await createAccount(own, { onboard: false, plan: 'enterprise' }),
    ];
    const device = unique('device');
    for (const id of mixed) await record(own, id, [{ kind: 'DEVICE_ID', value: device }]);
    const pairs = await clusters(own, 2);
    expect(pairs).toEqual([
      { accountIds: sorted(chain), sharedSignals: ['DEVICE_ID', 'EMAIL', 'PAYMENT_FINGERPRINT'], freeAccounts: 4 },
      { accountIds: sorted(mixed), sharedSignals: ['DEVICE_ID'], freeAccounts: 2 },
    ]);
    expect(await clusters(own, 3)).toEqual([pairs[0]]);
    ok(await own.exec(service, 'mutation($id: ID!) { changePlan(accountId: $id, planCode: "free") { id } }', { id: mixed[2] }));
    expect((await clusters(own, 3)).map((c: any) => c.freeAccounts)).toEqual([4, 3]);
    ok(await own.exec(service, 'mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }', { id: chain[0] }));
    expect((await clusters(own, 3)).map((c: any) => c.freeAccounts)).toEqual([3, 3]);
  });

  test('largest first, limit, defaults and bounds', async () => {
    const all = await clusters(own, 2, 500);
    const free = all.map((c: any) => c.freeAccounts);
    expect(free).toEqual([...free].sort((x: number, y: number) => y - x));
    expect(await clusters(own, 2, 1)).toEqual([all[0]]);
    expect(ok(await own.exec(admin, '{ freePlanClusters { freeAccounts } }')).freePlanClusters).toEqual(
      (await clusters(own, 3, 50)).map((c: any) => ({ freeAccounts: c.freeAccounts })),
    );
    for (const [minSize, limit, field] of [
      [1, 50, 'minSize'],
      [0, 50, 'minSize'],
      [3, 0, 'limit'],
      [3, 501, 'limit'],
    ] as const) {
      const r = await own.exec(admin, FREE_PLAN_CLUSTERS, { minSize, limit });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field })]);
    }
    expect(codeOf(await own.exec(service, FREE_PLAN_CLUSTERS, { minSize: 3, limit: 50 }))).toBe('FORBIDDEN');
    expect(codeOf(await own.exec(userOf(chain[1]), FREE_PLAN_CLUSTERS, { minSize: 3, limit: 50 }))).toBe('FORBIDDEN');
  });

  test('20 accounts recording one device at once, and a chain built concurrently, each end up as one cluster', async () => {
    const star: string[] = [];
    for (let i = 0; i < 20; i += 1) star.push(await createAccount(own, { onboard: false }));
    const device = unique('farm-device');
    const token = await own.token({ sub: 'service-1', roles: ['service'] });
    const send = (id: string, signals: Signal[]) => own.http(RECORD_ACCOUNT_SIGNALS, { id, signals }, { authorization: `Bearer ${token}` });
    const starResults = await Promise.all(star.map((id) => send(id, [{ kind: 'DEVICE_ID', value: device }])));
    expect(starResults.every((r) => r.body.data?.recordAccountSignals === 1)).toBe(true);

    const links: string[] = [];
    for (let i = 0; i < 20; i += 1) links.push(await createAccount(own, { onboard: false }));
    const cards = Array.from({ length: 21 }, () => unique('chain-card'));
    // Account i holds cards i and i+1: only the whole chain connects the two ends.
    const chainResults = await Promise.all(
      links.map((id, i) =>
        send(id, [
          { kind: 'PAYMENT_FINGERPRINT', value: cards[i] },
          { kind: 'PAYMENT_FINGERPRINT', value: cards[i + 1] },
        ]),
      ),
    );
    expect(chainResults.every((r) => r.body.data?.recordAccountSignals === 2)).toBe(true);

    const found = await clusters(own, 20);
    expect(found).toEqual(
      expect.arrayContaining([
        { accountIds: sorted(star), sharedSignals: ['DEVICE_ID'], freeAccounts: 20 },
        { accountIds: sorted(links), sharedSignals: ['PAYMENT_FINGERPRINT'], freeAccounts: 20 },
      ]),
    );
    expect(found).toHaveLength(2);
  });

  test('plan changes racing merges (20 at once) leave every count exact', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1) ids.push(await createAccount(own, { onboard: false }));
    const device = unique('race-device');
    const token = await own.token({ sub: 'service-1', roles: ['service'] });
    const results = await Promise.all(
      ids.flatMap((id) => [
        own.http(RECORD_ACCOUNT_SIGNALS, { id, signals: [{ kind: 'DEVICE_ID', value: device }] }, { authorization: `Bearer ${token}` }),
        own.http('mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }', { id }, { authorization: `Bearer ${token}` }),
      ]),
    );
    expect(results.filter((r) => r.body.errors)).toEqual([]);
    const [cluster] = (await clusters(own, 2, 500)).filter((c: any) => c.accountIds.includes(ids[0]));
    expect(cluster).toBeUndefined(); // all paid now: not a free-plan cluster at all
    const [{ members, free_members: free }] = await own.dataSource.query(
      'SELECT members, free_members FROM account_cluster_sizes s JOIN account_clusters c USING (cluster_id) WHERE c.account_id = $1',
      [ids[0]],
    );
    expect({ members, free }).toEqual({ members: 10, free: 0 });
  });

  test('a plan that changes its commercial use moves every count with it', async () => {
    const before = await clusters(own, 2, 500);
    await own.dataSource.query(`UPDATE plans SET commercial_use = false WHERE code = 'pro'`);
    try {
      await expectSizesExact();
      const after = await clusters(own, 2, 500);
      expect(after.length).toBeGreaterThan(before.length);
    } finally {
      await own.dataSource.query(`UPDATE plans SET commercial_use = true WHERE code = 'pro'`);
    }
    expect(await clusters(own, 2, 500)).toEqual(before);
  });

  test('rebuild_account_clusters() recomputes exactly what the service maintained, and picks up signals written by SQL', async () => {
    const maintained = await partition();
    const sizes = await own.dataSource.query('SELECT members, free_members FROM account_cluster_sizes ORDER BY 1, 2');
    await own.dataSource.transaction((m) => rebuildClusters((text, params) => m.query(text, params)));
    expect(await partition()).toEqual(maintained);
    expect(await own.dataSource.query('SELECT members, free_members FROM account_cluster_sizes ORDER BY 1, 2')).toEqual(sizes);

    // Rows written behind the service's back (as benchmark seeds do) join on rebuild.
    const outsider = await createAccount(own, { onboard: false });
    const [{ value_hash: hash }] = await signalRows(own, chain[0]).then((rows) => rows.filter((r) => r.kind === 'PAYMENT_FINGERPRINT'));
    await addSignal(own.dataSource, outsider, SignalKind.PAYMENT_FINGERPRINT, hash);
    await own.dataSource.transaction((m) => rebuildClusters((text, params) => m.query(text, params)));
    const withOutsider = (await clusters(own, 2, 500)).find((c: any) => c.accountIds.includes(chain[0]));
    expect(withOutsider.accountIds).toEqual(sorted([...chain, outsider]));
  });
});
