import {
  BucketState,
  emissionIntervalMs,
  fullBucket,
  holdTurnMs,
  giveBack,
  lease,
  QuotaLimit,
  remainingPoints,
  resetMs,
  retryAfterMs,
  spend,
} from '../../src/domain/quota-bucket';

// 600 points a minute: one point every 100 ms, 600 at once at most.
const LIMIT: QuotaLimit = { points: 600, windowS: 60 };
const T0 = 1_800_000_000_000;
const at = (ms: number) => T0 + ms;
/** A bucket with `points` spent at T0. */
const spent = (points: number): BucketState => ({ tatMs: T0 + points * 100 });

describe('emission interval', () => {
  test.each<[QuotaLimit, number]>([
    [{ points: 600, windowS: 60 }, 100],
    [{ points: 5000, windowS: 3600 }, 720],
    [{ points: 3, windowS: 1 }, 1000 / 3],
  ])('%j refills a point every %d ms', (limit, ms) => {
    expect(emissionIntervalMs(limit)).toBeCloseTo(ms, 9);
  });
});

describe('refill', () => {
  test.each<[string, BucketState, number, number]>([
    ['a new bucket is full', fullBucket(T0), at(0), 600],
    ['a long-idle bucket holds no more than its points', { tatMs: T0 - 3_600_000 }, at(0), 600],
    ['all spent, nothing yet refilled', spent(600), at(0), 0],
    ['all spent, 99 ms later', spent(600), at(99), 0],
    ['all spent, 100 ms later: one point', spent(600), at(100), 1],
    ['all spent, half a window later: half', spent(600), at(30_000), 300],
    ['all spent, a window later: full', spent(600), at(60_000), 600],
    ['all spent, two windows later: still full, not double', spent(600), at(120_000), 600],
  ])('%s', (_, state, now, remaining) => {
    expect(remainingPoints(state, now, LIMIT)).toBe(remaining);
  });

  test.each<[string, BucketState, number, number]>([
    ['full', fullBucket(T0), at(0), 0],
    ['10 spent', spent(10), at(0), 1000],
    ['all spent', spent(600), at(0), 60_000],
    ['all spent, 10 s on', spent(600), at(10_000), 50_000],
  ])('reset: %s', (_, state, now, ms) => {
    expect(resetMs(state, now)).toBe(ms);
  });
});

describe('spend and burst', () => {
  test('the whole bucket can go at once (a burst of its points), then nothing', () => {
    const first = spend(fullBucket(T0), at(0), 600, LIMIT);
    expect(first).toMatchObject({ allowed: true, remaining: 0, retryAfterMs: 0, resetMs: 60_000 });
    const second = spend(first.state, at(0), 1, LIMIT);
    expect(second).toMatchObject({ allowed: false, remaining: 0, retryAfterMs: 100 });
    expect(second.state).toEqual(first.state);
  });

  test.each<[string, BucketState, number, number, boolean, number, number]>([
    // name, state, now, cost, allowed, remaining after, retry-after ms
    ['a cheap call on a full bucket', fullBucket(T0), at(0), 15, true, 585, 0],
    ['exactly what is left', spent(585), at(0), 15, true, 0, 0],
    ['one point more than is left', spent(586), at(0), 15, false, 14, 100],
    ['nothing left, cost 15', spent(600), at(0), 15, false, 0, 1500],
    ['nothing left, cost 15, 1 s later', spent(600), at(1000), 15, false, 10, 500],
    ['nothing left, cost 15, 1.5 s later', spent(600), at(1500), 15, true, 0, 0],
    ['a cost larger than the bucket never fits', fullBucket(T0), at(0), 601, false, 600, Infinity],
    ['a zero cost always passes', spent(600), at(0), 0, true, 0, 0],
  ])('%s', (_, state, now, cost, allowed, remaining, retry) => {
    const result = spend(state, now, cost, LIMIT);
    expect(result.allowed).toBe(allowed);
    expect(result.remaining).toBe(remaining);
    expect(result.retryAfterMs).toBe(retry);
  });

  test('a steady rate at the refill rate is always allowed; any faster is refused once the burst is gone', () => {
    let state = fullBucket(T0);
    let allowed = 0;
    // Twice the rate (a point every 50 ms) for 2 windows: the burst (600) plus the refill (1,200) pass.
    for (let ms = 0; ms <= 120_000; ms += 50) {
      const r = spend(state, at(ms), 1, LIMIT);
      state = r.state;
      if (r.allowed) allowed += 1;
    }
    expect(allowed).toBe(600 + 1200);
  });

  test('retry-after is exact: refused 1 ms before it, allowed at it', () => {
    const state = spent(600);
    const wait = retryAfterMs(state, at(0), 25, LIMIT);
    expect(wait).toBe(2500);
    expect(spend(state, at(wait - 1), 25, LIMIT).allowed).toBe(false);
    expect(spend(state, at(wait), 25, LIMIT).allowed).toBe(true);
  });
});

describe('clock skew', () => {
  test('a clock that steps back refills nothing and grants nothing beyond the bucket', () => {
    const afterBurst = spend(fullBucket(T0), at(0), 600, LIMIT).state;
    // Another node whose clock is 30 s behind sees a bucket further from full, not fuller.
    const behind = spend(afterBurst, at(-30_000), 1, LIMIT);
    expect(behind.allowed).toBe(false);
    expect(behind.remaining).toBe(0);
    expect(behind.retryAfterMs).toBe(30_000 + 100);
  });

  test('a clock ahead refills at most the bucket, once: it cannot bank points', () => {
    const drained = spend(fullBucket(T0), at(0), 600, LIMIT).state;
    // A node a whole hour ahead sees a full bucket, never more than 600.
    const ahead = lease(drained, at(3_600_000), 10_000, 1, LIMIT);
    expect(ahead.granted).toBe(600);
    // Back on the true clock, the bucket owes the hour: nothing more for a long time.
    expect(remainingPoints(ahead.state, at(1000), LIMIT)).toBe(0);
  });

  test.each([-3_600_000, -60_000, -1, 0, 1, 60_000, 3_600_000])('retry-after and reset are never negative, %d ms off', (skew) => {
    for (const state of [fullBucket(T0), spent(300), spent(600)]) {
      expect(retryAfterMs(state, at(skew), 1, LIMIT)).toBeGreaterThanOrEqual(0);
      expect(resetMs(state, at(skew))).toBeGreaterThanOrEqual(0);
      expect(remainingPoints(state, at(skew), LIMIT)).toBeGreaterThanOrEqual(0);
      expect(remainingPoints(state, at(skew), LIMIT)).toBeLessThanOrEqual(600);
    }
  });
});

describe('lease and give back', () => {
  test.each<[string, BucketState, number, number, number]>([
    // name, state, want, min, granted
    ['a slice of a full bucket', fullBucket(T0), 30, 1, 30],
    ['more than is left: what is left', spent(590), 30, 1, 10],
    ['less than the minimum left: nothing', spent(590), 30, 15, 0],
    ['an empty bucket: nothing', spent(600), 30, 1, 0],
  ])('%s', (_, state, want, min, granted) => {
    const r = lease(state, at(0), want, min, LIMIT);
    expect(r.granted).toBe(granted);
    expect(r.remaining).toBe(remainingPoints(state, at(0), LIMIT) - granted);
  });

  test('leased points given back are spendable again', () => {
    const leased = lease(fullBucket(T0), at(0), 600, 1, LIMIT);
    expect(leased.granted).toBe(600);
    const back = giveBack(leased.state, 200, LIMIT);
    expect(remainingPoints(back, at(0), LIMIT)).toBe(200);
  });

  test('many small leases never grant more than the bucket plus its refill', () => {
    let state = fullBucket(T0);
    let granted = 0;
    for (let ms = 0; ms <= 60_000; ms += 10) {
      const r = lease(state, at(ms), 7, 1, LIMIT);
      state = r.state;
      granted += r.granted;
    }
    expect(granted).toBeLessThanOrEqual(600 + 600);
    expect(granted).toBeGreaterThanOrEqual(600 + 600 - 7);
  });
});

describe('held requests are let go one refill apart', () => {
  // A principal told to retry at 1,000; its requests cost 15 points of 1 ms each; no hold past 1,500.
  test.each<[string, number, number, number]>([
    ['the first is let go at the retry time', -Infinity, 15, 1_000],
    ['the next one refill later', 1_000, 15, 1_015],
    ['and so on', 1_015, 15, 1_030],
    ['a turn long past counts from the retry time', 200, 15, 1_000],
    ['never later than the longest hold', 1_490, 15, 1_500],
    ['a budget that refills at once lets all go at the retry time', 1_000, 0, 1_000],
  ])('%s', (_name, lastTurn, spacing, turn) => {
    expect(holdTurnMs(1_000, lastTurn, spacing, 1_500)).toBe(turn);
  });
});
