import { SignalKind } from '../../src/domain/enums';
import { DENYING_SIGNAL_KINDS, MAX_SIGNAL_VALUE_LENGTH, canonicalizeSignal, signalHash } from '../../src/domain/signals';
import { SNAPSHOT_SQL } from '../../src/services/entitlement/snapshot-loader';

const { EMAIL, PAYMENT_FINGERPRINT, DEVICE_ID, IP_ADDRESS } = SignalKind;

function canonical(kind: SignalKind, raw: string): string {
  const result = canonicalizeSignal(kind, raw);
  if (!result.ok) throw new Error(`${kind} ${JSON.stringify(raw)}: ${result.problem}`);
  return result.value;
}

describe('canonical emails', () => {
  test.each([
    ['  Ada@Example.COM ', 'ada@example.com'],
    ['ada+work@example.com', 'ada@example.com'],
    ['ada+a+b@example.com', 'ada@example.com'],
    ['a.da@example.com', 'a.da@example.com'], // dots matter outside Gmail
    ['A.x+promo@GoogleMail.com', 'ax@gmail.com'],
    ['a+x@gmail.com', 'a@gmail.com'],
    ['A.x@googlemail.com', 'ax@gmail.com'],
    ['a.d.a@gmail.com', 'ada@gmail.com'],
    ['ada@mail.gmail.com', 'ada@mail.gmail.com'], // only the two Gmail domains fold
    ['+ada@example.com', '+ada@example.com'], // nothing before "+": no tag to drop
    ['...@gmail.com', '...@gmail.com'], // nothing left without dots: kept
    ['Émile@exämple.com', 'émile@exämple.com'],
    ['E\u0301mile@example.com', '\u00e9mile@example.com'], // decomposed and composed forms are one value
  ])('%j -> %j', (raw, expected) => {
    expect(canonical(EMAIL, raw)).toBe(expected);
  });

  test.each([['ada'], ['ada@'], ['@example.com'], ['a@b@example.com'], ['ada lovelace@example.com'], ['ada@exa\tmple.com']])(
    '%j is not an email address',
    (raw) => {
      expect(canonicalizeSignal(EMAIL, raw)).toEqual({ ok: false, problem: 'value must be an email address (local@domain)' });
    },
  );
});

describe('canonical card fingerprints and device ids', () => {
  test.each([
    [PAYMENT_FINGERPRINT, '  Xt5EWLLDS7FJjR1c\n', 'xt5ewllds7fjjr1c'],
    [PAYMENT_FINGERPRINT, 'fp_123', 'fp_123'],
    [DEVICE_ID, 'DEVICE-ABC', 'device-abc'],
    [DEVICE_ID, ' 3F2504E0-4F89-11D3-9A0C-0305E82C3301 ', '3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
  ])('%s %j -> %j', (kind, raw, expected) => {
    expect(canonical(kind, raw)).toBe(expected);
  });
});

describe('canonical IP addresses', () => {
  test.each([
    [' 192.0.2.1 ', '192.0.2.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
    ['2001:db8:0:0:0:1:0:0', '2001:db8::1:0:0'], // longest run wins
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::ffff:192.0.2.1', '192.0.2.1'], // IPv4-mapped: the same client as its IPv4
    ['::FFFF:c000:0201', '192.0.2.1'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
  ])('%j -> %j', (raw, expected) => {
    expect(canonical(IP_ADDRESS, raw)).toBe(expected);
  });

  test.each([['01.2.3.4'], ['256.1.1.1'], ['1.2.3'], ['1:2:3:4:5:6:7:8:9'], ['example.com'], ['1.2.3.4/24'], ['::g']])(
    '%j is not an IP address',
    (raw) => {
      expect(canonicalizeSignal(IP_ADDRESS, raw)).toEqual({ ok: false, problem: 'value must be an IPv4 or IPv6 address' });
    },
  );
});

describe('validation common to every kind', () => {
  test.each(Object.values(SignalKind))('%s: empty, blank and over-long values are refused', (kind) => {
    expect(canonicalizeSignal(kind, '')).toEqual({ ok: false, problem: 'value must not be empty' });
    expect(canonicalizeSignal(kind, ' \t\n ')).toEqual({ ok: false, problem: 'value must not be empty' });
    const long = `${'a'.repeat(MAX_SIGNAL_VALUE_LENGTH - 12)}@example.com`;
    expect(long).toHaveLength(MAX_SIGNAL_VALUE_LENGTH);
    expect(canonicalizeSignal(kind, `x${long}`)).toEqual({
      ok: false,
      problem: `value must be at most ${MAX_SIGNAL_VALUE_LENGTH} characters`,
    });
  });

  test('length is counted in characters after trimming', () => {
    const value = `${'é'.repeat(MAX_SIGNAL_VALUE_LENGTH)}`;
    expect(canonicalizeSignal(DEVICE_ID, `  ${value}  `)).toEqual({ ok: true, value });
    expect(canonicalizeSignal(EMAIL, `  ${'a'.repeat(MAX_SIGNAL_VALUE_LENGTH - 12)}@example.com  `).ok).toBe(true);
  });
});

describe('hashing', () => {
  const key = 'k'.repeat(32);

  test('is HMAC-SHA-256 hex of kind and canonical value, stable for one key', () => {
    const h = signalHash(key, EMAIL, 'ada@example.com');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(signalHash(key, EMAIL, 'ada@example.com')).toBe(h);
    // Known answer, from `printf 'EMAIL:ada@example.com' | openssl dgst -sha256 -hmac kkk...k`.
    expect(h).toBe('b62c905599646a04b10c99796eb85d11b1666c1cea6470b2494d963fd8a1ca17');
  });

  test('differs by key and by kind, so one kind never matches another', () => {
    const h = signalHash(key, DEVICE_ID, 'abc');
    expect(signalHash('j'.repeat(32), DEVICE_ID, 'abc')).not.toBe(h);
    expect(signalHash(key, PAYMENT_FINGERPRINT, 'abc')).not.toBe(h);
  });

  test('variants of one mailbox hash alike once canonical', () => {
    const a = signalHash(key, EMAIL, canonical(EMAIL, 'a+x@gmail.com'));
    const b = signalHash(key, EMAIL, canonical(EMAIL, 'A.x@googlemail.com'));
    const c = signalHash(key, EMAIL, canonical(EMAIL, 'ax@gmail.com'));
    expect(b).toBe(c);
    expect(a).not.toBe(b); // "a" and "ax" are different mailboxes
    expect(signalHash(key, EMAIL, canonical(EMAIL, 'a.x+y@gmail.com'))).toBe(c);
  });
});

describe('the 9(n) kinds in the snapshot statement', () => {
  test('the statement links accounts by exactly DENYING_SIGNAL_KINDS', () => {
    const match = /mine\.kind IN \(([^)]*)\)/.exec(SNAPSHOT_SQL);
    expect(match).not.toBeNull();
    const kinds = match![1].split(',').map((k) => k.trim().replace(/^'|'$/g, ''));
    expect(kinds).toEqual([...DENYING_SIGNAL_KINDS]);
  });
});
