import { randomUUID } from 'node:crypto';
import { atInstant } from '../support/clock';
import { admin, codeOf, reasonOf, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { ACCEPT_POLICY, POLICY_VERSION_IMPACT, PUBLISH_POLICY_VERSION } from '../support/operations';
import { auditCount, auditRowsOf } from '../support/audit';
import { createAccountThroughApi } from '../support/factories';

const DAY = 86_400_000;
const INITIAL = '2026-01-19';

/** Freezes the services' clock for the duration of fn. */
const at = atInstant;

const version = () => `v-${randomUUID().slice(0, 8)}`;
const publish = (app: TestApp, input: Record<string, unknown>, principal = admin) =>
  app.exec(principal, PUBLISH_POLICY_VERSION, { input: { summary: 'Changes.', significant: false, ...input } });

async function versionRow(app: TestApp, v: string) {
  const rows = await app.dataSource.query(
    'SELECT version, published_at, effective_at, significant, published_by FROM policy_versions WHERE version = $1',
    [v],
  );
  return rows[0] ?? null;
}

describe('with a 30-day notice period', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ POLICY_NOTICE_DAYS: '30' });
  });
  afterAll(async () => {
    await app.close();
  });

  describe('publishPolicyVersion', () => {
    test('a significant version exactly at the end of the notice period is published; 1 ms earlier is BAD_USER_INPUT', async () => {
      const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 123);
      const boundary = new Date(now.getTime() + 30 * DAY);
      const early = version();
      const eventsBefore = await auditCount(app);
      const tooSoon = await at(app, now, () =>
        publish(app, { version: early, significant: true, effectiveAt: new Date(boundary.getTime() - 1).toISOString() }),
      );
      expect(codeOf(tooSoon)).toBe('BAD_USER_INPUT');
      expect(reasonOf(tooSoon)).toBe('NOTICE_TOO_SHORT');
      expect(tooSoon.errors![0].message).toContain(boundary.toISOString());
      expect(tooSoon.errors![0].extensions).toMatchObject({
        earliestEffectiveAt: boundary.toISOString(),
        fields: [{ field: 'effectiveAt', message: expect.stringContaining(boundary.toISOString()) }],
      });
      expect(await versionRow(app, early)).toBeNull();
      expect(await auditCount(app)).toBe(eventsBefore);

      const onTime = version();
      const r = await at(app, now, () =>
        publish(app, { version: onTime, significant: true, effectiveAt: boundary.toISOString(), summary: '  Big change.  ' }),
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.publishPolicyVersion).toEqual({
        version: onTime,
        publishedAt: now.toISOString(),
        effectiveAt: boundary.toISOString(),
        significant: true,
        summary: 'Big change.',
      });
      expect(await versionRow(app, onTime)).toEqual({
        version: onTime,
        published_at: now,
        effective_at: boundary,
        significant: true,
        published_by: 'admin-1',
      });
      const events = await auditRowsOf(app, onTime);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'policy.publish',
          actor: 'admin-1',
          actor_role: 'admin',
          target_type: 'PolicyVersion',
          before: null,
          after: expect.objectContaining({
            version: onTime,
            significant: true,
            effectiveAt: boundary.toISOString(),
            publishedBy: 'admin-1',
          }),
        }),
      ]);

      // Scheduled: listed first, but not in effect yet.
      const list = await app.exec(service, '{ policyVersions { version } currentPolicy { version } }');
      expect(list.data!.policyVersions[0]).toEqual({ version: onTime });
      expect(list.data!.currentPolicy).toEqual({ version: INITIAL });
    });

    test('a significant version in the past or tomorrow is BAD_USER_INPUT', async () => {
      for (const effectiveAt of [new Date(Date.now() - DAY), new Date(Date.now() + DAY)]) {
        const r = await publish(app, { version: version(), significant: true, effectiveAt: effectiveAt.toISOString() });
        expect(codeOf(r)).toBe('BAD_USER_INPUT');
        expect(r.errors![0].message).toMatch(/30 days/);
      }
    });

    test('a non-significant version may take effect at once, and becomes the current policy', async () => {
      const now = new Date();
      const v = version();
      const r = await at(app, now, () => publish(app, { version: v, effectiveAt: now.toISOString() }));
      expect(r.errors).toBeUndefined();
      expect(r.data!.publishPolicyVersion).toMatchObject({ version: v, effectiveAt: now.toISOString(), significant: false });
      const current = await app.exec(service, '{ currentPolicy { version } }');
      expect(current.data!.currentPolicy.version).toBe(v);
    });

    test('a non-significant version dated seconds ago (clock skew) takes effect at publication; an hour ago is BAD_USER_INPUT', async () => {
      const now = new Date();
      const skewed = await at(app, now, () =>
        publish(app, { version: version(), effectiveAt: new Date(now.getTime() - 2000).toISOString() }),
      );
      expect(skewed.errors).toBeUndefined();
      expect(skewed.data!.publishPolicyVersion.effectiveAt).toBe(now.toISOString());

      const v = version();
      const past = await at(app, now, () => publish(app, { version: v, effectiveAt: new Date(now.getTime() - 3600_000).toISOString() }));
      expect(codeOf(past)).toBe('BAD_USER_INPUT');
      expect(past.errors![0].message).toContain(now.toISOString());
      expect(await versionRow(app, v)).toBeNull();
    });

    test('a version that exists is a CONFLICT, also when published concurrently', async () => {
      const future = new Date(Date.now() + 40 * DAY).toISOString();
      const existing = await publish(app, { version: INITIAL, effectiveAt: future });
      expect(codeOf(existing)).toBe('CONFLICT');
      expect(reasonOf(existing)).toBe('POLICY_VERSION_EXISTS');

      const v = version();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => publish(app, { version: v, effectiveAt: future, summary: `Attempt ${i}` })),
      );
      expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
      expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(9);
      expect(results.filter((r) => reasonOf(r) === 'POLICY_VERSION_EXISTS')).toHaveLength(9);
      expect(await auditRowsOf(app, v)).toHaveLength(1);
    });

    test.each([
      ['empty', ''],
      ['blank', '   '],
      ['a space inside', 'v 2'],
      ['a leading dot', '.v2'],
      ['a leading dash', '-v2'],
      ['a slash', 'v2/3'],
      ['51 characters', 'v'.repeat(51)],
      ['non-ASCII', 'vé'],
    ])('a version with %s is BAD_USER_INPUT', async (_label, v) => {
      const r = await publish(app, { version: v, effectiveAt: new Date(Date.now() + DAY).toISOString() });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.fields).toEqual([{ field: 'version', message: expect.any(String) }]);
    });

    test('a version is trimmed; 50 characters are fine', async () => {
      const long = `${randomUUID().slice(0, 8)}${'x'.repeat(42)}`;
      const future = new Date(Date.now() + DAY).toISOString();
      expect((await publish(app, { version: `  ${long} `, effectiveAt: future })).data!.publishPolicyVersion.version).toBe(long);
      const dotted = `2026.${randomUUID().slice(0, 4)}_rc-1`;
      expect((await publish(app, { version: dotted, effectiveAt: future })).data!.publishPolicyVersion.version).toBe(dotted);
    });

    test.each([
      ['blank', '  '],
      ['2001 characters', 's'.repeat(2001)],
    ])('a summary that is %s is BAD_USER_INPUT', async (_label, summary) => {
      const r = await publish(app, { version: version(), summary, effectiveAt: new Date(Date.now() + DAY).toISOString() });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.fields).toEqual([{ field: 'summary', message: expect.any(String) }]);
    });

    test('a malformed effectiveAt is BAD_USER_INPUT, never a server error', async () => {
      const r = await publish(app, { version: version(), effectiveAt: 'next tuesday' });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
    });

    test('only an admin may publish', async () => {
      const id = await createAccountThroughApi(app);
      for (const principal of [service, userOf(id)]) {
        const v = version();
        const r = await publish(app, { version: v, effectiveAt: new Date(Date.now() + DAY).toISOString() }, principal);
        expect(codeOf(r)).toBe('FORBIDDEN');
        expect(await versionRow(app, v)).toBeNull();
      }
    });
  });

  describe('acceptPolicy', () => {
    test('a user accepts for its own account: recorded with time and actor, shown on the account, audited', async () => {
      const id = await createAccountThroughApi(app);
      const when = new Date(Math.floor(Date.now() / 1000) * 1000);
      const r = await at(app, when, () => app.exec(userOf(id), ACCEPT_POLICY, { id, v: ` ${INITIAL} ` }));
      expect(r.errors).toBeUndefined();
      expect(r.data!.acceptPolicy).toEqual({
        id,
        acceptedPolicyVersion: INITIAL,
        policyAcceptances: [{ version: INITIAL, acceptedAt: when.toISOString() }],
      });
      const rows = await app.dataSource.query('SELECT version, accepted_at, accepted_by FROM policy_acceptances WHERE account_id = $1', [
        id,
      ]);
      expect(rows).toEqual([{ version: INITIAL, accepted_at: when, accepted_by: id }]);
      const events = (await auditRowsOf(app, id)).filter((e) => e.action === 'policy.accept');
      expect(events).toEqual([
        expect.objectContaining({
          actor: id,
          actor_role: 'user',
          target_type: 'Account',
          before: { acceptedPolicyVersion: null },
          after: { acceptedPolicyVersion: INITIAL, accepted: { version: INITIAL, acceptedAt: when.toISOString(), acceptedBy: id } },
        }),
      ]);
    });

    test('service and admin may record an acceptance', async () => {
      for (const principal of [service, admin]) {
        const id = await createAccountThroughApi(app);
        const r = await app.exec(principal, ACCEPT_POLICY, { id, v: INITIAL });
        expect(r.errors).toBeUndefined();
        expect(r.data!.acceptPolicy.acceptedPolicyVersion).toBe(INITIAL);
      }
    });

    test('a user may not accept for another account', async () => {
      const mine = await createAccountThroughApi(app);
      const theirs = await createAccountThroughApi(app);
      expect(codeOf(await app.exec(userOf(mine), ACCEPT_POLICY, { id: theirs, v: INITIAL }))).toBe('FORBIDDEN');
      const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM policy_acceptances WHERE account_id = $1', [theirs]);
      expect(n).toBe(0);
    });

    test.each(['1999-01-01', '', '   ', "x' OR '1'='1"])('an unknown version %j is BAD_USER_INPUT and records nothing', async (v) => {
      const id = await createAccountThroughApi(app);
      const before = await auditCount(app);
      const r = await app.exec(userOf(id), ACCEPT_POLICY, { id, v });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toContain(v.trim());
      expect(r.errors![0].extensions!.fields).toEqual([{ field: 'version', message: expect.any(String) }]);
      expect(await auditCount(app)).toBe(before);
    });

    test('an unknown account is NOT_FOUND, a malformed id too', async () => {
      expect(codeOf(await app.exec(service, ACCEPT_POLICY, { id: randomUUID(), v: INITIAL }))).toBe('NOT_FOUND');
      expect(codeOf(await app.exec(admin, ACCEPT_POLICY, { id: 'not-an-id', v: INITIAL }))).toBe('NOT_FOUND');
    });

    test('history: every acceptance is kept, newest first; the latest accepted is by effective date; accepting again is a no-op', async () => {
      const t0 = new Date(Math.floor(Date.now() / 1000) * 1000);
      const scheduled = version();
      const minor = version();
      await at(app, t0, () =>
        publish(app, { version: scheduled, significant: true, effectiveAt: new Date(t0.getTime() + 45 * DAY).toISOString() }),
      );
      await at(app, t0, () => publish(app, { version: minor, effectiveAt: new Date(t0.getTime() + DAY).toISOString() }));
      const id = await createAccountThroughApi(app);
      const t = (n: number) => new Date(t0.getTime() + n * 60_000);

      // A scheduled version may be accepted before it takes effect.
      const first = await at(app, t(1), () => app.exec(userOf(id), ACCEPT_POLICY, { id, v: scheduled }));
      expect(first.data!.acceptPolicy.acceptedPolicyVersion).toBe(scheduled);
      await at(app, t(2), () => app.exec(userOf(id), ACCEPT_POLICY, { id, v: INITIAL }));
      const third = await at(app, t(3), () => app.exec(service, ACCEPT_POLICY, { id, v: minor }));
      const history = [
        { version: minor, acceptedAt: t(3).toISOString() },
        { version: INITIAL, acceptedAt: t(2).toISOString() },
        { version: scheduled, acceptedAt: t(1).toISOString() },
      ];
      expect(third.data!.acceptPolicy).toEqual({ id, acceptedPolicyVersion: scheduled, policyAcceptances: history });

      const eventsBefore = await auditRowsOf(app, id);
      const again = await at(app, t(4), () => app.exec(userOf(id), ACCEPT_POLICY, { id, v: INITIAL }));
      expect(again.errors).toBeUndefined();
      expect(again.data!.acceptPolicy).toEqual({ id, acceptedPolicyVersion: scheduled, policyAcceptances: history });
      expect(await auditRowsOf(app, id)).toEqual(eventsBefore);

      const accepts = eventsBefore.filter((e) => e.action === 'policy.accept');
      expect(accepts.map((e) => [e.before.acceptedPolicyVersion, e.after.acceptedPolicyVersion, e.after.accepted.version])).toEqual([
        [null, scheduled, scheduled],
        [scheduled, scheduled, INITIAL],
        [scheduled, scheduled, minor],
      ]);
      const me = await app.exec(userOf(id), '{ me { acceptedPolicyVersion policyAcceptances { version } } }');
      expect(me.data!.me).toEqual({
        acceptedPolicyVersion: scheduled,
        policyAcceptances: history.map(({ version: v }) => ({ version: v })),
      });
    });

    test('two acceptances in one operation: the second result shows both (per-request loaders are refreshed)', async () => {
      const id = await createAccountThroughApi(app);
      const v = version();
      await publish(app, { version: v, effectiveAt: new Date(Date.now() + DAY).toISOString() });
      const r = await app.exec(
        userOf(id),
        `mutation($id: ID!, $v: String!) {
        first: acceptPolicy(accountId: $id, version: "${INITIAL}") { acceptedPolicyVersion policyAcceptances { version } }
        second: acceptPolicy(accountId: $id, version: $v) { acceptedPolicyVersion policyAcceptances { version } }
      }`,
        { id, v },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data!.first).toEqual({ acceptedPolicyVersion: INITIAL, policyAcceptances: [{ version: INITIAL }] });
      expect(r.data!.second.acceptedPolicyVersion).toBe(v);
      expect(r.data!.second.policyAcceptances.map((a: { version: string }) => a.version).sort()).toEqual([INITIAL, v].sort());
    });

    test('concurrent acceptances of one version leave one row and one audit event', async () => {
      const id = await createAccountThroughApi(app);
      const results = await Promise.all(Array.from({ length: 10 }, () => app.exec(userOf(id), ACCEPT_POLICY, { id, v: INITIAL })));
      expect(results.every((r) => r.errors === undefined && r.data!.acceptPolicy.acceptedPolicyVersion === INITIAL)).toBe(true);
      const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM policy_acceptances WHERE account_id = $1', [id]);
      expect(n).toBe(1);
      expect((await auditRowsOf(app, id)).filter((e) => e.action === 'policy.accept')).toHaveLength(1);
    });
  });

  test('the audit hash chain is intact after all of the above', async () => {
    const r = await app.exec(admin, '{ verifyAuditLog { ok } }');
    expect(r.data!.verifyAuditLog.ok).toBe(true);
  });
});

describe('the notice period comes from POLICY_NOTICE_DAYS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ POLICY_NOTICE_DAYS: '7' });
  });
  afterAll(async () => {
    await app.close();
  });

  test('7 days: 1 ms short is refused, exactly 7 days is published', async () => {
    const now = new Date();
    const boundary = new Date(now.getTime() + 7 * DAY);
    const short = await at(app, now, () =>
      publish(app, { version: version(), significant: true, effectiveAt: new Date(boundary.getTime() - 1).toISOString() }),
    );
    expect(codeOf(short)).toBe('BAD_USER_INPUT');
    expect(short.errors![0].message).toBe(
      `A significant version needs 7 days of notice: effectiveAt must be ${boundary.toISOString()} or later`,
    );
    const ok = await at(app, now, () => publish(app, { version: version(), significant: true, effectiveAt: boundary.toISOString() }));
    expect(ok.errors).toBeUndefined();
  });
});

describe('policyVersionImpact', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  test('counts the accounts that have accepted neither the version nor a later one', async () => {
    const [a, b, c, d] = [
      await createAccountThroughApi(app),
      await createAccountThroughApi(app),
      await createAccountThroughApi(app),
      await createAccountThroughApi(app),
    ];
    const next = version();
    const later = version();
    const nextAt = new Date(Date.now() + 31 * DAY);
    await publish(app, { version: next, significant: true, effectiveAt: nextAt.toISOString() });
    await publish(app, { version: later, significant: true, effectiveAt: new Date(Date.now() + 60 * DAY).toISOString() });
    await app.exec(service, ACCEPT_POLICY, { id: a, v: next });
    await app.exec(service, ACCEPT_POLICY, { id: b, v: later });
    await app.exec(service, ACCEPT_POLICY, { id: c, v: INITIAL });

    const r = await app.exec(admin, POLICY_VERSION_IMPACT, { v: next });
    expect(r.errors).toBeUndefined();
    expect(r.data!.policyVersionImpact).toEqual({
      version: next,
      significant: true,
      effectiveAt: nextAt.toISOString(),
      affectedAccounts: 2,
      sampleAccountIds: [c, d],
    });
    const initial = await app.exec(admin, POLICY_VERSION_IMPACT, { v: INITIAL });
    expect(initial.data!.policyVersionImpact).toMatchObject({ affectedAccounts: 1, sampleAccountIds: [d] });

    // Accepting removes an account from the count.
    await app.exec(userOf(d), ACCEPT_POLICY, { id: d, v: next });
    expect((await app.exec(admin, POLICY_VERSION_IMPACT, { v: next })).data!.policyVersionImpact).toMatchObject({
      affectedAccounts: 1,
      sampleAccountIds: [c],
    });
  });

  test('the sample is at most 20 accounts, the count is all of them', async () => {
    const v = version();
    await publish(app, { version: v, significant: true, effectiveAt: new Date(Date.now() + 90 * DAY).toISOString() });
    const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM accounts');
    for (let i = 0; i < 21; i += 1) await createAccountThroughApi(app);
    const r = await app.exec(admin, POLICY_VERSION_IMPACT, { v });
    expect(r.data!.policyVersionImpact.affectedAccounts).toBe(n + 21);
    expect(r.data!.policyVersionImpact.sampleAccountIds).toHaveLength(20);
  });

  test('an unknown version is BAD_USER_INPUT; only an admin may ask', async () => {
    expect(codeOf(await app.exec(admin, POLICY_VERSION_IMPACT, { v: 'nope' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.exec(service, POLICY_VERSION_IMPACT, { v: INITIAL }))).toBe('FORBIDDEN');
  });
});
