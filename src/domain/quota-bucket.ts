// A request budget as GCRA (the generic cell rate algorithm): a bucket of
// `points` refilled continuously over `windowS` seconds, kept as one number,
// the theoretical arrival time (TAT). The bucket is full when TAT <= now, and
// each point spent moves TAT one emission interval (windowS / points) later.
// One number per principal is what lets PostgreSQL hold the shared state and
// move it with one atomic UPDATE (src/services/quota/quota-store.ts computes
// the same `lease` in SQL).
//
// Times are milliseconds on one clock; a clock that steps back refills
// nothing (TAT never moves back on its own), so a skewed "now" can neither
// bank points nor take more than the bucket holds.

/** What a principal may spend: `points` per `windowS`, all of them at once at most. */
export interface QuotaLimit {
  points: number;
  windowS: number;
}

/** The bucket as stored: the theoretical arrival time, in ms. */
export interface BucketState {
  tatMs: number;
}

export interface SpendResult {
  allowed: boolean;
  /** The state after the spend (unchanged when refused). */
  state: BucketState;
  /** Whole points left after the spend. */
  remaining: number;
  /** When refused: ms until the cost fits; 0 when allowed. */
  retryAfterMs: number;
  /** Ms until the bucket is full again. */
  resetMs: number;
}

export interface LeaseResult {
  /** Points taken from the bucket (0 when fewer than `min` were there). */
  granted: number;
  state: BucketState;
  remaining: number;
  resetMs: number;
}

// Points are compared after float arithmetic: 1e-6 of a point absorbs rounding.
const EPSILON = 1e-6;

/** Ms it takes to refill one point. */
export function emissionIntervalMs(limit: QuotaLimit): number {
  return (limit.windowS * 1000) / limit.points;
}

/** A bucket nobody has spent from: full at `nowMs`. */
export function fullBucket(nowMs: number): BucketState {
  return { tatMs: nowMs };
}

function debtMs(state: BucketState, nowMs: number): number {
  return Math.max(0, state.tatMs - nowMs);
}

/** Whole points the bucket holds at `nowMs`. */
export function remainingPoints(state: BucketState, nowMs: number, limit: QuotaLimit): number {
  const available = limit.points - debtMs(state, nowMs) / emissionIntervalMs(limit);
  return Math.max(0, Math.floor(available + EPSILON));
}

/** Ms until the bucket is full. */
export function resetMs(state: BucketState, nowMs: number): number {
  return debtMs(state, nowMs);
}

/** Ms until `cost` points fit (0 when they fit now; Infinity when the bucket can never hold them). */
export function retryAfterMs(state: BucketState, nowMs: number, cost: number, limit: QuotaLimit): number {
  if (cost > limit.points + EPSILON) return Infinity;
  const t = emissionIntervalMs(limit);
  const wait = debtMs(state, nowMs) + cost * t - limit.points * t;
  return wait <= EPSILON * t ? 0 : wait;
}

/** Spends `cost` points if the bucket holds them; all or nothing. */
export function spend(state: BucketState, nowMs: number, cost: number, limit: QuotaLimit): SpendResult {
  const wait = retryAfterMs(state, nowMs, cost, limit);
  if (wait > 0) {
    return { allowed: false, state, remaining: remainingPoints(state, nowMs, limit), retryAfterMs: wait, resetMs: resetMs(state, nowMs) };
  }
  const next = { tatMs: Math.max(state.tatMs, nowMs) + cost * emissionIntervalMs(limit) };
  return { allowed: true, state: next, remaining: remainingPoints(next, nowMs, limit), retryAfterMs: 0, resetMs: resetMs(next, nowMs) };
}

/**
 * Takes up to `want` points (whole ones) at once, for a process to spend
 * locally; nothing unless at least `min` are there. The SQL in the store is
 * this function.
 */
export function lease(state: BucketState, nowMs: number, want: number, min: number, limit: QuotaLimit): LeaseResult {
  const available = remainingPoints(state, nowMs, limit);
  const granted = available >= min ? Math.min(want, available) : 0;
  const next = granted === 0 ? state : { tatMs: Math.max(state.tatMs, nowMs) + granted * emissionIntervalMs(limit) };
  return { granted, state: next, remaining: remainingPoints(next, nowMs, limit), resetMs: resetMs(next, nowMs) };
}

/** Gives back points leased and not spent. */
export function giveBack(state: BucketState, points: number, limit: QuotaLimit): BucketState {
  return { tatMs: state.tatMs - points * emissionIntervalMs(limit) };
}

/**
 * When a request held until its principal's retry time is let go: at that
 * time, or one request's refill (`spacingMs`) after the one let go before it,
 * whichever is later, so that held requests come back spread at the rate the
 * budget refills instead of all at the same instant (a burst that would delay
 * every other principal's requests behind it); never later than `latestMs`.
 */
export function holdTurnMs(retryAtMs: number, lastTurnMs: number, spacingMs: number, latestMs: number): number {
  return Math.min(Math.max(retryAtMs, lastTurnMs + spacingMs), latestMs);
}
