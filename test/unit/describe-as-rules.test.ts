import { checkDescribeAs, DESCRIBE_AS_MAX } from '../../src/domain/describe-as-rules';

describe('checkDescribeAs', () => {
  test.each([
    ['glam rock with operatic vocals', 'glam rock with operatic vocals'],
    ['  airy dream pop  ', 'airy dream pop'],
    ['x'.repeat(DESCRIBE_AS_MAX), 'x'.repeat(DESCRIBE_AS_MAX)],
    // counted in characters, as PostgreSQL does: 200 emoji-bearing code points fit
    [`${'é'.repeat(DESCRIBE_AS_MAX - 1)}🎸`, `${'é'.repeat(DESCRIBE_AS_MAX - 1)}🎸`],
    ['80s synth-pop', '80s synth-pop'],
  ])('%j is accepted as %j', (given, stored) => {
    expect(checkDescribeAs(given)).toEqual({ ok: true, value: stored });
  });

  test.each([
    ['', 'TEXT_REQUIRED'],
    ['   ', 'TEXT_REQUIRED'],
    ['x'.repeat(DESCRIBE_AS_MAX + 1), 'TEXT_TOO_LONG'],
    ['two\nlines', 'TEXT_CONTAINS_CONTROL'],
    ['tab\there', 'TEXT_CONTAINS_CONTROL'],
    ['nul\u0000here', 'TEXT_CONTAINS_CONTROL'],
    ['c1\u0085here', 'TEXT_CONTAINS_CONTROL'],
    ['line\u2028separator', 'TEXT_CONTAINS_CONTROL'],
    ['bidi \u202eesrever', 'TEXT_CONTAINS_CONTROL'],
    ['—…!', 'INVALID_VALUE'],
  ])('%j is refused: %s', (given, reason) => {
    const check = checkDescribeAs(given);
    expect(check).toMatchObject({ ok: false, reason });
    if (!check.ok) expect(check.message).toMatch(/^describeAs /);
  });
});
