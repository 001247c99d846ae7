/** Stops a timer set with Clock.setTimer; harmless once it has run. */
export type CancelTimer = () => void;

/** The time source of rules that compare against "now"; tests replace `now` to hit exact boundaries. */
export interface Clock {
  now(): Date;
  /**
   * Milliseconds on a steady scale (close to the epoch, never stepped back),
   * for ages and windows. Tests that move `now` leave it alone, so moving
   * "now" for a rule does not expire caches or stale windows.
   */
  nowMs(): number;
  /** Runs `fn` once after `delayMs` (on the nowMs scale); the timer never keeps the process alive. */
  setTimer(fn: () => void, delayMs: number): CancelTimer;
}

/**
 * The wall clock. createServices makes one per process and hands it to every
 * service and resolver, so a test moves "now" for all of them at once
 * (jest.spyOn(app.services.clock, 'now')) and two test apps never share one.
 */
export function systemClock(): Clock {
  return {
    now: () => new Date(),
    nowMs: () => performance.timeOrigin + performance.now(),
    setTimer(fn, delayMs) {
      const timer = setTimeout(fn, delayMs);
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}
