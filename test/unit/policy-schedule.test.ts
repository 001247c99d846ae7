import { PAST_TOLERANCE_MS, checkSchedule, latestVersion } from '../../src/domain/policy-schedule';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const at = (deltaMs: number) => new Date(NOW.getTime() + deltaMs);
const DAY = 86_400_000;

describe('checkSchedule', () => {
  test.each([
    ['significant, exactly 30 days later', true, 30, at(30 * DAY), true],
    ['significant, 1 ms short of 30 days', true, 30, at(30 * DAY - 1), false],
    ['significant, a year later', true, 30, at(365 * DAY), true],
    ['significant, now', true, 30, NOW, false],
    ['significant with no notice period, now', true, 0, NOW, true],
    ['significant with no notice period, 1 ms ago', true, 0, at(-1), false],
    ['minor, now', false, 30, NOW, true],
    ['minor, tomorrow', false, 30, at(DAY), true],
    ['minor, within clock skew', false, 30, at(-PAST_TOLERANCE_MS), true],
    ['minor, beyond clock skew', false, 30, at(-PAST_TOLERANCE_MS - 1), false],
    ['minor, last year', false, 30, at(-365 * DAY), false],
  ])('%s', (_label, significant, noticeDays, effectiveAt, ok) => {
    expect(checkSchedule({ publishedAt: NOW, effectiveAt, significant, noticeDays }).ok).toBe(ok);
  });

  test('a short notice names the earliest allowed instant', () => {
    expect(checkSchedule({ publishedAt: NOW, effectiveAt: at(DAY), significant: true, noticeDays: 30 })).toEqual({
      ok: false,
      reason: 'NOTICE_TOO_SHORT',
      earliest: at(30 * DAY),
    });
    expect(checkSchedule({ publishedAt: NOW, effectiveAt: at(-DAY), significant: false, noticeDays: 30 })).toEqual({
      ok: false,
      reason: 'IN_THE_PAST',
      earliest: NOW,
    });
  });

  test('a minor version dated within clock skew takes effect at publication, a later one as given', () => {
    expect(checkSchedule({ publishedAt: NOW, effectiveAt: at(-1000), significant: false, noticeDays: 30 })).toEqual({
      ok: true,
      effectiveAt: NOW,
    });
    expect(checkSchedule({ publishedAt: NOW, effectiveAt: at(1000), significant: false, noticeDays: 30 })).toEqual({
      ok: true,
      effectiveAt: at(1000),
    });
  });
});

describe('latestVersion', () => {
  const v = (version: string, iso: string) => ({ version, effectiveAt: new Date(iso) });
  test.each([
    ['none', [], null],
    ['one', [v('a', '2026-01-01')], 'a'],
    ['later effective date wins whatever the order given', [v('b', '2026-06-01'), v('a', '2026-01-01')], 'b'],
    ['later effective date wins over a greater name', [v('z', '2026-01-01'), v('a', '2026-06-01')], 'a'],
    [
      'a tie goes to the greater version string',
      [v('2026-b', '2026-01-01'), v('2026-c', '2026-01-01'), v('2026-a', '2026-01-01')],
      '2026-c',
    ],
  ])('%s', (_label, versions, expected) => {
    expect(latestVersion(versions)?.version ?? null).toBe(expected);
  });
});
