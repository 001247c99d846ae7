import { ConfigError, loadConfig } from '../../src/config';
import { DomainError } from '../../src/errors';
import { decodeEntitlementCursor, encodeEntitlementCursor } from '../../src/services/feed/entitlement-cursor';

describe('entitlement change cursors', () => {
  test.each([1n, 42n, 2n ** 53n + 1n, 2n ** 63n - 1n])('%s round-trips, as an opaque URL-safe string', (id) => {
    const cursor = encodeEntitlementCursor(id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeEntitlementCursor(cursor)).toBe(id);
  });

  test.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['no version', Buffer.from('12').toString('base64url')],
    ['another version', Buffer.from('ec2:12').toString('base64url')],
    ['zero', Buffer.from('ec1:0').toString('base64url')],
    ['past bigint', Buffer.from(`ec1:${2n ** 63n}`).toString('base64url')],
    ['trailing text', Buffer.from('ec1:12 ').toString('base64url')],
    ['too long', 'A'.repeat(65)],
  ])('%s is INVALID_CURSOR', (_what, cursor) => {
    let error: unknown;
    try {
      decodeEntitlementCursor(cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' });
  });
});

describe('ENTITLEMENT_CHANGES_RETENTION_H', () => {
  test('defaults to 72 h', () => {
    expect(loadConfig({}).feed.changesRetentionMs).toBe(72 * 3_600_000);
    expect(loadConfig({ ENTITLEMENT_CHANGES_RETENTION_H: '1' }).feed.changesRetentionMs).toBe(3_600_000);
  });

  test.each(['0', '8761', '1.5', 'a day'])('%s stops start-up, naming the variable', (value) => {
    expect(() => loadConfig({ ENTITLEMENT_CHANGES_RETENTION_H: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ENTITLEMENT_CHANGES_RETENTION_H: value })).toThrow(/^ENTITLEMENT_CHANGES_RETENTION_H must be/);
  });
});
