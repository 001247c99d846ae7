import type { Clock } from '../../src/infrastructure/clock';

export interface FakeClock extends Clock {
  /** Moves time forward, running every timer that falls due on the way, at its own instant. */
  advance(ms: number): void;
  /** Moves time forward without running timers: a timer that is late. */
  skip(ms: number): void;
  /** Runs the timers already due. */
  runDue(): void;
  /** Timers set and not yet run or cancelled. */
  readonly pendingTimers: number;
}

interface Timer {
  at: number;
  fn: () => void;
}

/** One number for both scales (now and nowMs); time moves only when the test says so. */
export function fakeClock(start = Date.parse('2026-03-01T12:00:00.000Z')): FakeClock {
  let t = start;
  const timers = new Set<Timer>();
  const nextDue = (until: number): Timer | undefined => {
    let next: Timer | undefined;
    for (const timer of timers) if (timer.at <= until && (next === undefined || timer.at < next.at)) next = timer;
    return next;
  };
  const runUntil = (until: number) => {
    for (let timer = nextDue(until); timer !== undefined; timer = nextDue(until)) {
      timers.delete(timer);
      t = Math.max(t, timer.at);
      timer.fn();
    }
  };
  return {
    now: () => new Date(t),
    nowMs: () => t,
    setTimer(fn, delayMs) {
      const timer = { at: t + delayMs, fn };
      timers.add(timer);
      return () => timers.delete(timer);
    },
    advance(ms) {
      const target = t + ms;
      runUntil(target);
      t = target;
    },
    skip(ms) {
      t += ms;
    },
    runDue() {
      runUntil(t);
    },
    get pendingTimers() {
      return timers.size;
    },
  };
}
