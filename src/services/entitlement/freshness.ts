import type { CancelTimer, Clock } from '../../infrastructure/clock';
import type { Logger } from '../../logger';

/**
 * trusted: changes are heard, memory is current.
 * degraded: changes can no longer be heard (since a moment); memory is kept as of then.
 * untrusted: nothing is answered from or kept in memory; everything is read from the database.
 */
export type FreshnessState = 'trusted' | 'degraded' | 'untrusted';

/** How answers may be read from memory right now. */
export type MemoryUse = 'fresh' | 'stale' | 'none';

/**
 * What is kept in memory under an age bound (snapshots, policy versions) is
 * read again in the background once asked for in this last share of its
 * bound, and served meanwhile: a hot entry never expires under load.
 */
export const REFRESH_AHEAD_SHARE = 1 / 6;

export interface FreshnessOptions {
  /** False (ENTITLEMENT_CACHE=false): memory is never trusted. */
  cacheEnabled: boolean;
  /** How long after changes stop being heard memory is still answered, flagged stale; 0 fails closed at once. */
  staleMaxMs: number;
  logger?: Logger;
  /** For the log line on entering degraded mode. */
  cachedAccounts?: () => number;
}

/**
 * How current the decision path's memory is: the one owner of its time and
 * timers. State changes only through the transition methods (changesHeard,
 * changesLost, tick); the queries change nothing, so a query made after the
 * window ran out but before its timer fired already fails closed.
 */
export class Freshness {
  private current: FreshnessState = 'untrusted'; // until the listener is in place
  private lostAtMs = 0;
  private lostAt: Date | null = null;
  private timer: CancelTimer | null = null;
  private readonly listeners: Array<(state: FreshnessState) => void> = [];
  /** Answers given from memory while degraded, since start (read by metrics). */
  private staleCount = 0;

  constructor(
    private readonly clock: Clock,
    private readonly options: FreshnessOptions,
  ) {}

  /** The state the last transition left. */
  get state(): FreshnessState {
    return this.current;
  }

  /** Trusted: fresh; degraded within the window: stale; otherwise none. */
  memory(): MemoryUse {
    if (this.current === 'trusted') return 'fresh';
    if (this.current === 'untrusted') return 'none';
    return this.clock.nowMs() - this.lostAtMs <= this.options.staleMaxMs ? 'stale' : 'none';
  }

  /** While memory answers stale: the instant changes stopped being heard (what stale answers are current as of). */
  staleAsOf(): Date | null {
    return this.memory() === 'stale' ? this.lostAt : null;
  }

  /** While degraded: when changes stopped being heard, on the nowMs scale. */
  get degradedSinceMs(): number {
    return this.lostAtMs;
  }

  /** The clock the caches measure their entries' ages on. */
  nowMs(): number {
    return this.clock.nowMs();
  }

  get staleAnswers(): number {
    return this.staleCount;
  }

  countStale(answers: number): void {
    this.staleCount += answers;
  }

  /** Called on every transition, and on every reconnect (when memory is flushed). */
  subscribe(listener: (state: FreshnessState) => void): void {
    this.listeners.push(listener);
  }

  /** The listener is in place (first time or after a reconnect): whatever it may have missed is dropped. */
  changesHeard(): void {
    this.leaveDegraded('reconnected');
    this.enter(this.options.cacheEnabled ? 'trusted' : 'untrusted');
  }

  /**
   * The listener is lost (always so when the database goes down). Trusted
   * memory is kept, as of now, for the stale window; with a window of 0 it is
   * dropped at once. A second loss does not restart the window.
   */
  changesLost(): void {
    if (this.current !== 'trusted') return;
    if (this.options.staleMaxMs <= 0) {
      this.enter('untrusted');
      return;
    }
    this.lostAtMs = this.clock.nowMs();
    this.lostAt = this.clock.now();
    this.enter('degraded');
    this.armTimer(this.options.staleMaxMs + 1);
    this.options.logger?.warn(
      {
        staleMaxS: this.options.staleMaxMs / 1000,
        recordsAsOf: this.lostAt.toISOString(),
        cachedAccounts: this.options.cachedAccounts?.() ?? 0,
      },
      'entitlement degraded mode entered: answering cached decisions, flagged stale, until changes can be heard again',
    );
  }

  /** Ends the window once it has passed (the timer calls it; a timer that fired early re-arms). */
  tick(): void {
    if (this.current !== 'degraded') return;
    const overdueMs = this.clock.nowMs() - this.lostAtMs - this.options.staleMaxMs;
    if (overdueMs <= 0) {
      this.armTimer(1 - overdueMs);
      return;
    }
    this.leaveDegraded('stale window over; failing closed until changes can be heard');
    this.enter('untrusted');
  }

  private enter(state: FreshnessState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  private leaveDegraded(reason: string): void {
    if (this.current !== 'degraded') return;
    this.cancelTimer();
    this.lostAt = null;
    this.options.logger?.info(
      { reason, durationMs: this.clock.nowMs() - this.lostAtMs, staleAnswers: this.staleCount },
      'entitlement degraded mode left',
    );
  }

  private armTimer(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.tick();
    }, delayMs);
  }

  private cancelTimer(): void {
    this.timer?.();
    this.timer = null;
  }
}
