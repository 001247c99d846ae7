import type { Principal } from '../../auth/token-verifier';
import type { QuotaConfig } from '../../config';
import { BucketState, emissionIntervalMs, fullBucket, holdTurnMs, lease, retryAfterMs } from '../../domain/quota-bucket';
import type { CancelTimer, Clock } from '../../infrastructure/clock';
import type { Logger } from '../../logger';
import type { AppMetrics } from '../../metrics/metrics';
import { Budget, budgetOf } from './quota-budget';
import type { QuotaStore } from './quota-store';
import { QuotaSubject, quotaSubjectOf } from './quota-subject';

/** What one charge did: for the response's headers, `extensions.cost` and `rateLimit`. */
export interface QuotaAnswer {
  allowed: boolean;
  reason: 'QUOTA_EXCEEDED' | 'QUOTA_COST_OVER_BUDGET' | null;
  /** The operation's estimated cost. */
  requested: number;
  /** Points taken: the cost when allowed, 0 when refused. */
  charged: number;
  budget: Budget;
  remaining: number;
  /** Ms until the budget is full again. */
  resetMs: number;
  /** When refused: ms until the cost fits (Infinity when it never will). */
  retryAfterMs: number;
}

/** A principal's budget as this process holds it. */
interface Share {
  subject: QuotaSubject;
  budget: Budget | null;
  budgetUntil: number;
  /** Points leased from the shared bucket and not yet spent. */
  points: number;
  /** The shared bucket's debt (ms until full) when last seen, and when (this process's clock). */
  debtMs: number;
  seenAt: number;
  /** The shared bucket had too few points: refused here, without asking again, until then. */
  blockedUntil: number;
  /** The principal was refused and told to retry at this time: a request before it is held (see earlyAnswer). */
  holdUntil: number;
  /** Requests held now. */
  held: number;
  /** When the request held last is let go (held requests are let go one refill apart). */
  lastTurn: number;
  /** What the principal's last operation cost: one held request's refill is that many points. */
  lastCost: number;
  lastUsed: number;
  pending: Promise<void> | null;
  /** While the database cannot be reached, this process keeps the budget alone. */
  fallback: BucketState | null;
  evicted: boolean;
}

/** A shorter hold is not worth a timer (and a timer may fire a little before its time: no second hold). */
const MIN_HOLD_MS = 5;
/** How long a request waits for a lease before the process answers from its own bucket. */
const LEASE_WAIT_MS = 1_000;
/** After a failed lease, the store is not asked again for this long. */
const STORE_DOWN_MS = 2_000;

/**
 * Request budgets per principal, shared by every process through PostgreSQL
 * (QuotaStore). A process leases a slice of a principal's budget (a few
 * percent) in one atomic statement and spends it from memory, so the warm
 * path does no I/O; the next slice is leased once half of one is spent, and
 * unspent slices go back once idle. A principal the shared
 * bucket refuses is refused from memory until its retry time, so an abusive
 * principal costs one statement per retry window, not one per request.
 */
export class QuotaService {
  private readonly shares = new Map<string, Share>();
  // Verified tokens come back as the same Principal object: one lookup per request, no key built.
  private readonly byPrincipal = new WeakMap<Principal, Share>();
  private storeDownUntil = 0;
  private cancelSweep: CancelTimer | null = null;
  private stopped = false;

  constructor(
    private readonly store: QuotaStore,
    private readonly config: QuotaConfig,
    private readonly clock: Clock,
    private readonly metrics: AppMetrics,
    private readonly logger: Logger,
  ) {}

  get enabled(): boolean {
    return this.config.enabled;
  }

  /** Spends `cost` points of the principal's budget, or refuses; from memory when its slice covers it. */
  charge(principal: Principal, cost: number): QuotaAnswer | Promise<QuotaAnswer> {
    const share = this.shareOf(principal);
    const now = this.clock.nowMs();
    const budget = share.budget;
    share.lastCost = cost;
    if (budget !== null) {
      // A budget read a while ago is read again in the background; this request spends from it meanwhile.
      if (now >= share.budgetUntil) this.refreshBudget(share, now);
      if (cost > budget.limit.points) return this.refuse(share, budget, cost, 'QUOTA_COST_OVER_BUDGET', Infinity, now);
      if (share.points >= cost) return this.spend(share, budget, cost, now);
      if (now < share.blockedUntil) return this.refuse(share, budget, cost, 'QUOTA_EXCEEDED', share.blockedUntil - now, now);
    }
    return this.chargeSlowly(share, cost);
  }

  /**
   * What the HTTP layer may answer before parsing anything, from memory: null
   * when the principal may have points (the request goes on), the refusal a
   * principal refused moments ago gets again (its excess costs next to
   * nothing), or `{ holdMs }` when it was refused and told to retry later but
   * came back before then (see holdMs in QuotaConfig): the caller holds the
   * request that long, calls {@link released}, and answers it as new, with
   * `mayHold` false (a request is held once, whatever refusals came meanwhile).
   */
  earlyAnswer(principal: Principal, cost: number, mayHold = true): QuotaAnswer | { holdMs: number } | null {
    const share = this.byPrincipal.get(principal);
    if (share === undefined || share.evicted || share.budget === null) return null;
    const now = this.clock.nowMs();
    if (now >= share.blockedUntil || now >= share.budgetUntil || share.points >= cost) return null;
    if (mayHold && share.holdUntil - now >= MIN_HOLD_MS && share.held < this.config.holdMax) {
      const spacing = share.lastCost * emissionIntervalMs(share.budget.limit);
      const turn = holdTurnMs(share.holdUntil, share.lastTurn, spacing, now + this.config.holdMs);
      share.lastTurn = Math.max(share.lastTurn, turn);
      share.held += 1;
      share.lastUsed = now;
      this.metrics.countQuotaHeld(share.subject.role);
      return { holdMs: turn - now };
    }
    return this.refuse(share, share.budget, cost, 'QUOTA_EXCEEDED', share.blockedUntil - now, now);
  }

  /** A request earlyAnswer held is answered, or its client went away. */
  released(principal: Principal): void {
    const share = this.byPrincipal.get(principal);
    if (share !== undefined && share.held > 0) share.held -= 1;
  }

  private async chargeSlowly(share: Share, cost: number): Promise<QuotaAnswer> {
    for (let attempt = 0; ; attempt += 1) {
      await this.refill(share, cost);
      const now = this.clock.nowMs();
      const budget = share.budget!;
      if (cost > budget.limit.points) return this.refuse(share, budget, cost, 'QUOTA_COST_OVER_BUDGET', Infinity, now);
      if (share.points >= cost) return this.spend(share, budget, cost, now);
      if (now < share.blockedUntil) return this.refuse(share, budget, cost, 'QUOTA_EXCEEDED', share.blockedUntil - now, now);
      // Concurrent requests took the slice this one waited for: lease again, a few times at most.
      if (attempt >= 3) return this.refuse(share, budget, cost, 'QUOTA_EXCEEDED', emissionIntervalMs(budget.limit) * cost, now);
    }
  }

  private spend(share: Share, budget: Budget, cost: number, now: number): QuotaAnswer {
    share.points -= cost;
    share.lastUsed = now;
    // Half the slice spent: the next one is leased now, in the background, so that a principal
    // within its budget never waits for the database (whose latency would be its tail latency).
    // Not for a slice of less than two such requests: points leased ahead of need would sit
    // in one process while another needs them, so so small a budget is spent lease by lease.
    const slice = Math.ceil((budget.limit.points * this.config.leasePercent) / 100);
    if (slice >= 2 * cost && share.points < slice / 2 && share.pending === null && now >= share.blockedUntil) {
      this.refill(share, share.points + slice).catch((error) => this.logger.warn({ err: error }, 'quota lease ahead failed'));
    }
    this.metrics.countQuotaSpend(share.subject.role, cost);
    return this.answer(share, budget, cost, cost, null, 0, now);
  }

  private refuse(share: Share, budget: Budget, cost: number, reason: QuotaAnswer['reason'], wait: number, now: number): QuotaAnswer {
    share.lastUsed = now;
    // Retry-After says whole seconds: a request before that time is held until it (never past holdMs).
    if (wait !== Infinity)
      share.holdUntil = Math.max(share.holdUntil, now + Math.min(Math.ceil(Math.max(1, wait) / 1000) * 1000, this.config.holdMs));
    this.metrics.countQuotaRefusal(share.subject.role);
    return this.answer(share, budget, cost, 0, reason, Math.max(1, wait), now);
  }

  private answer(
    share: Share,
    budget: Budget,
    requested: number,
    charged: number,
    reason: QuotaAnswer['reason'],
    wait: number,
    now: number,
  ): QuotaAnswer {
    const { limit } = budget;
    const perPoint = emissionIntervalMs(limit);
    // The shared bucket refilled since it was seen, plus this process's unspent slice.
    const debt = Math.max(0, share.debtMs - (now - share.seenAt));
    const held = Math.min(limit.points, limit.points - debt / perPoint + share.points);
    return {
      allowed: reason === null,
      reason,
      requested,
      charged,
      budget,
      remaining: Math.max(0, Math.floor(held + 1e-6)),
      resetMs: Math.max(0, (limit.points - held) * perPoint),
      retryAfterMs: wait,
    };
  }

  /** Makes sure the share has a current budget and, when it can, at least `need` points. Concurrent callers share one trip. */
  private refill(share: Share, need: number): Promise<void> {
    share.pending ??= this.leaseFor(share, need).finally(() => {
      share.pending = null;
    });
    return share.pending;
  }

  private refreshBudget(share: Share, now: number): void {
    share.budgetUntil = now + this.config.policyTtlMs;
    void this.loadBudget(share);
  }

  /** Reads the principal's budget (override, plan); without the database, keeps what it had or takes the role's. */
  private async loadBudget(share: Share): Promise<void> {
    const { subject } = share;
    try {
      if (this.clock.nowMs() < this.storeDownUntil) throw new Error('quota store unavailable');
      const facts = await this.store.budgetFacts(subject.key, subject.accountId);
      share.budget = budgetOf(subject, facts, this.config);
      share.budgetUntil = this.clock.nowMs() + this.config.policyTtlMs;
    } catch (error) {
      this.storeFailed(error);
      share.budget ??= budgetOf(subject, { override: null, plan: null }, this.config);
      share.budgetUntil = this.clock.nowMs() + STORE_DOWN_MS;
    }
  }

  private async leaseFor(share: Share, need: number): Promise<void> {
    const { subject } = share;
    if (share.budget === null) await this.loadBudget(share);
    const { limit } = share.budget!;
    const missing = need - share.points;
    if (missing <= 0 || need > limit.points) return;
    const want = Math.max(missing, Math.ceil((limit.points * this.config.leasePercent) / 100));
    const perPoint = emissionIntervalMs(limit);
    if (this.clock.nowMs() >= this.storeDownUntil) {
      let answered = false;
      const leased = this.store.lease(subject.key, perPoint, limit.points, want, missing).then(
        (row) => {
          // Applied even when late: the points were taken from the shared bucket.
          const now = this.clock.nowMs();
          share.points += row.granted;
          share.debtMs = Math.max(0, row.tatMs - row.nowMs);
          share.seenAt = now;
          share.fallback = null;
          if (row.granted === 0 && !answered) {
            share.blockedUntil = now + retryAfterMs({ tatMs: row.tatMs }, row.nowMs, missing, limit);
          }
          this.metrics.countQuotaLease(row.granted > 0 ? 'granted' : 'refused');
          return true;
        },
        (error) => {
          this.storeFailed(error);
          return false;
        },
      );
      let cancel: CancelTimer = () => undefined;
      const timedOut = new Promise<false>((resolve) => {
        cancel = this.clock.setTimer(() => resolve(false), LEASE_WAIT_MS);
      });
      const ok = await Promise.race([leased, timedOut]);
      cancel();
      answered = true;
      if (ok) return;
    }
    // The database is out of reach: this process keeps the budget alone (each process
    // grants the whole budget then), as decisions are answered from memory meanwhile.
    const now = this.clock.nowMs();
    const local = lease(share.fallback ?? fullBucket(now), now, want, missing, limit);
    share.fallback = local.state;
    share.points += local.granted;
    share.debtMs = local.resetMs;
    share.seenAt = now;
    if (local.granted === 0) share.blockedUntil = now + retryAfterMs(local.state, now, missing, limit);
    this.metrics.countQuotaLease('local');
  }

  private storeFailed(error: unknown): void {
    const now = this.clock.nowMs();
    if (now >= this.storeDownUntil) this.logger.warn({ err: error }, 'quota store unavailable; budgets kept per process for now');
    this.storeDownUntil = now + STORE_DOWN_MS;
  }

  private shareOf(principal: Principal): Share {
    const known = this.byPrincipal.get(principal);
    if (known !== undefined && !known.evicted) return known;
    const subject = quotaSubjectOf(principal);
    let share = this.shares.get(subject.key);
    if (share === undefined) {
      share = {
        subject,
        budget: null,
        budgetUntil: 0,
        points: 0,
        debtMs: 0,
        seenAt: 0,
        blockedUntil: 0,
        holdUntil: 0,
        held: 0,
        lastTurn: -Infinity,
        lastCost: 1,
        lastUsed: this.clock.nowMs(),
        pending: null,
        fallback: null,
        evicted: false,
      };
      this.shares.set(subject.key, share);
    }
    this.byPrincipal.set(principal, share);
    return share;
  }

  /** Points this process holds for the principal (leased, unspent). */
  heldPoints(key: string): number {
    return this.shares.get(key)?.points ?? 0;
  }

  /** Reads a principal's budget again now (an admin changed it); its slice stays. */
  async reloadBudget(key: string): Promise<void> {
    const share = this.shares.get(key);
    if (share) {
      share.blockedUntil = 0;
      await this.loadBudget(share);
    }
  }

  /** Gives idle slices back and forgets principals long idle; runs until stop(). */
  async start(): Promise<void> {
    if (!this.config.enabled) return;
    this.stopped = false;
    const every = Math.max(50, Math.floor(this.config.leaseIdleMs / 2));
    const tick = () => {
      void this.sweep(false)
        .catch((error) => this.logger.warn({ err: error }, 'quota sweep failed'))
        .finally(() => {
          if (!this.stopped) this.cancelSweep = this.clock.setTimer(tick, every);
        });
    };
    this.cancelSweep = this.clock.setTimer(tick, every);
  }

  /** Gives every unspent slice back. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelSweep?.();
    await this.sweep(true).catch((error) => this.logger.warn({ err: error }, 'quota slices not given back'));
  }

  private async sweep(all: boolean): Promise<void> {
    const now = this.clock.nowMs();
    const returns: { principal: string; ms: number }[] = [];
    const forgetAfter = 2 * Math.max(this.config.leaseIdleMs, this.config.policyTtlMs, 60_000);
    for (const [key, share] of this.shares) {
      if (share.pending !== null) continue;
      const idle = now - share.lastUsed;
      // Slices taken while the database was out of reach were never taken from it.
      if (share.points > 0 && share.budget !== null && (all || idle >= this.config.leaseIdleMs)) {
        if (share.fallback === null) returns.push({ principal: key, ms: share.points * emissionIntervalMs(share.budget.limit) });
        share.points = 0;
      }
      if (share.points === 0 && idle >= forgetAfter) {
        share.evicted = true;
        this.shares.delete(key);
      }
    }
    if (returns.length > 0 && now >= this.storeDownUntil) await this.store.giveBack(returns);
  }
}
