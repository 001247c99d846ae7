import { decodeAccountChange, decodeRevision, encodeAccountChange, encodeRevision } from '../../src/domain/revision';

describe('revision tokens', () => {
  test.each([0, 1, 35, 36, 1_000_000, Number.MAX_SAFE_INTEGER])('%d survives a round trip', (sequence) => {
    expect(decodeRevision(encodeRevision(sequence))).toBe(sequence);
  });

  test('tokens are opaque strings, not numbers a client could do arithmetic on', () => {
    expect(encodeRevision(42)).toMatch(/^r[0-9a-z]+$/);
  });

  test.each(['', 'r', '42', 'R1', 'r-1', 'r1.5', 'r 1', 'rzzzzzzzzzzzz', 'r1\n'])('%j is not a token', (token) => {
    expect(decodeRevision(token)).toBeNull();
  });
});

describe('account change notifications', () => {
  test.each([
    [12, ['a', 'b'], '12:a,b'],
    [12, [], '12:'],
    [null, ['a'], ':a'],
    [null, ['*'], ':*'],
  ] as const)('sequence %p with ids %p is %p and reads back', (sequence, ids, payload) => {
    expect(encodeAccountChange(sequence, ids)).toBe(payload);
    expect(decodeAccountChange(payload)).toEqual({ sequence, accountIds: [...ids] });
  });

  test('a payload from before sequences were announced is read as ids only', () => {
    expect(decodeAccountChange('a,b')).toEqual({ sequence: null, accountIds: ['a', 'b'] });
  });
});
