import { Webhook } from 'standardwebhooks';
import {
  changedUses,
  checkEndpointUrl,
  DEFAULT_RETRY_POLICY,
  isPublicAddress,
  nextAttemptAt,
  retrySchedule,
  stateOf,
} from '../../src/domain/change-feed';
import { AccountSnapshot, decideEntitlement } from '../../src/domain/decide-entitlement';
import { OrganizationKind, Use } from '../../src/domain/enums';
import { newWebhookSecret, signatureHeader } from '../../src/services/feed/webhook-sender';

describe('isPublicAddress', () => {
  test.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['2606:4700:4700::1111', true],
    ['93.184.216.34', true],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['::1', false],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['172.16.5.4', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['100.64.0.1', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['not-an-ip', false],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('checkEndpointUrl', () => {
  test.each([
    // url, production, ok
    ['https://hooks.example.com/in', true, true],
    ['https://203.0.113.9/in', true, false], // TEST-NET-3: documentation range, not routable
    ['https://8.8.8.8/in', true, true],
    ['http://hooks.example.com/in', true, false],
    ['https://127.0.0.1/in', true, false],
    ['https://[::1]/in', true, false],
    ['https://localhost/in', true, false],
    ['https://svc.internal/in', true, false],
    ['https://intranet/in', true, false],
    ['http://127.0.0.1:8080/in', false, true],
    ['http://localhost:8080/in', false, true],
    ['ftp://example.com/', false, false],
    ['https://user:pw@example.com/', false, false],
    ['not a url', false, false],
  ])('%s (production: %s) -> ok %s', (url, production, ok) => {
    expect(checkEndpointUrl(url, production).ok).toBe(ok);
  });
});

describe('retry schedule', () => {
  test('exponential from the base, capped, for at least three days, then dead', () => {
    const waits = retrySchedule(DEFAULT_RETRY_POLICY);
    expect(waits.slice(0, 5)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(Math.max(...waits)).toBe(6 * 3_600_000);
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect(total).toBeLessThan(3 * 86_400_000 + 6 * 3_600_000);
    expect(waits.length + 1).toBeLessThan(30); // attempts in all
  });

  test.each([
    [1, 0, 5_000],
    [2, 60_000, 10_000],
    [12, 3_600_000, 10_240_000],
    [14, 3_600_000, 6 * 3_600_000],
  ])('after %i failures, %i ms after the first attempt: wait %i ms', (failed, elapsed, wait) => {
    const first = new Date(0);
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, failed, first, new Date(elapsed))!.getTime() - elapsed).toBe(wait);
  });

  test('dead once the window has passed', () => {
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 20, new Date(0), new Date(3 * 86_400_000))).toBeNull();
  });
});

describe('entitlement state changes', () => {
  const snapshot: AccountSnapshot = {
    accountId: 'a',
    plan: { code: 'pro', commercialUse: true },
    organization: { kind: OrganizationKind.INDIVIDUAL, industry: null, declaredSectors: [], performsPublicFunctions: false },
    governmentVerified: null,
    authorizations: [],
    suspensions: [],
    acceptedPolicyVersions: ['v1'],
    linkedSuspensions: [],
  };
  const versions = [{ version: 'v1', effectiveAt: new Date(0), significant: true }];
  const at = new Date('2026-06-01T00:00:00Z');
  const decide = (s: AccountSnapshot) => Object.values(Use).map((u) => decideEntitlement(s, versions, u, at));

  test('no previous state: every use is new', () => {
    expect(changedUses(null, stateOf(decide(snapshot)))).toEqual(Object.values(Use));
  });

  test('the same records: nothing changed', () => {
    expect(changedUses(stateOf(decide(snapshot)), stateOf(decide(snapshot)))).toEqual([]);
  });

  test('a suspension changes every use (a reason is added even where already denied)', () => {
    const suspended: AccountSnapshot = { ...snapshot, suspensions: [{ startsAt: new Date(0), endsAt: null, liftedAt: null }] };
    expect(changedUses(stateOf(decide(snapshot)), stateOf(decide(suspended)))).toEqual(Object.values(Use));
  });

  test('a free plan differs only on the commercial uses', () => {
    const free = { ...snapshot, plan: { code: 'free', commercialUse: false } };
    expect(changedUses(stateOf(decide(snapshot)), stateOf(decide(free)))).toEqual(['COMMERCIAL', 'RESALE']);
  });
});

describe('Standard Webhooks signatures', () => {
  test('verified by the standardwebhooks package; with two secrets, either verifies', () => {
    const [a, b] = [newWebhookSecret(), newWebhookSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const at = new Date();
    const body = JSON.stringify({ type: 'suspension.created', timestamp: at.toISOString(), data: { accountId: 'x' } });
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatureHeader([a, b], 'msg_1', at, body),
    };
    expect(new Webhook(a).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(b).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(a).verify(body.replace('x', 'y'), headers)).toThrow();
  });
});
