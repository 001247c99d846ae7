import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EntitlementDecision } from '../domain/decide-entitlement';

/** What the gauges read when /metrics is scraped; absent parts read as zero. */
export interface MetricSources {
  snapshotCache(): { size: number; hits: number; misses: number } | null;
  listenerConnected(): boolean;
  screeningEntries(): number;
  pool(): { total: number; idle: number; waiting: number } | null;
  auditEventsWritten(): number;
  /** Decisions answered from cached records while degraded (counted by the entitlement service). */
  staleAnswers(): number;
  /** DATABASE_REPLICA_URL's pool; null without a replica. */
  replicaPool?(): { total: number; idle: number; waiting: number } | null;
  /** Decision loads and list pages by where they were served; null without a replica. */
  replicaReads?(): Record<string, Record<string, number>> | null;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

let processRegistry: Registry | null = null;

/** Node's default process metrics, registered once per process however many apps it runs (tests run several). */
export function processMetricsRegistry(): Registry {
  if (processRegistry === null) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The service's metrics. The hot path only bumps plain numbers (decisions,
 * reasons, stale answers) and observes one histogram per request; the
 * Prometheus counters and gauges are brought up to date when scraped.
 */
export class AppMetrics {
  readonly registry = new Registry();
  /** Filled by bind(); read by the collect callbacks below. */
  private readonly bound: { sources: MetricSources | null } = { sources: null };

  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly requestSeconds: Histogram<'operation'>;
  private readonly screeningSeconds: Histogram;
  /** Label children bound once per operation and outcome: the hot path hashes no labels. */
  private readonly byOperation = new Map<string, { seconds: { observe(v: number): void }; outcomes: Map<string, { inc(): void }> }>();

  /** Plain numbers bumped on the hot path. */
  private readonly tally = { allowed: 0, denied: 0, reasons: new Map<string, number>() };
  /** Quota points spent and requests refused per role, and leases by outcome (plain numbers on the hot path too). */
  private readonly quota = {
    points: new Map<string, number>(),
    refused: new Map<string, number>(),
    held: new Map<string, number>(),
    leases: new Map<string, number>(),
  };

  constructor() {
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'entitlement_graphql_requests_total',
      help: 'GraphQL requests by root field and outcome (ok, or the first error code)',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'entitlement_graphql_request_duration_seconds',
      help: 'GraphQL request latency by root field, from parsing to the response',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.screeningSeconds = new Histogram({
      name: 'entitlement_screening_duration_seconds',
      help: 'Time to screen one input against the catalog index',
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1],
      registers,
    });
    const tally = this.tally;
    const bound = this.bound;
    const quota = this.quota;
    const fromMap = (label: string, map: Map<string, number>) =>
      function collect(this: Counter<string>) {
        this.reset();
        for (const [value, n] of map) this.inc({ [label]: value }, n);
      };
    new Counter({
      name: 'entitlement_quota_points_spent_total',
      help: 'Quota points spent by allowed requests, by the principal role (admin, service, user, none)',
      labelNames: ['role'],
      registers,
      collect: fromMap('role', quota.points),
    });
    new Counter({
      name: 'entitlement_quota_refusals_total',
      help: 'Requests refused with RATE_LIMITED (HTTP 429), by the principal role',
      labelNames: ['role'],
      registers,
      collect: fromMap('role', quota.refused),
    });
    new Counter({
      name: 'entitlement_quota_held_total',
      help: 'Requests of a refused principal that came back before its Retry-After and were held until then, by the principal role',
      labelNames: ['role'],
      registers,
      collect: fromMap('role', quota.held),
    });
    new Counter({
      name: 'entitlement_quota_leases_total',
      help: 'Slices of shared budgets asked of the database, by outcome (granted, refused, local: answered by this process while the database was out of reach)',
      labelNames: ['outcome'],
      registers,
      collect: fromMap('outcome', quota.leases),
    });
    new Counter({
      name: 'entitlement_decisions_total',
      help: 'Entitlement decisions answered, by outcome',
      labelNames: ['allowed'],
      registers,
      collect() {
        this.reset();
        this.inc({ allowed: 'true' }, tally.allowed);
        this.inc({ allowed: 'false' }, tally.denied);
      },
    });
    new Counter({
      name: 'entitlement_decision_reasons_total',
      help: 'Reasons given in denied decisions, by reason code (a denial may give several)',
      labelNames: ['reason'],
      registers,
      collect() {
        this.reset();
        for (const [reason, n] of tally.reasons) this.inc({ reason }, n);
      },
    });
    new Counter({
      name: 'entitlement_stale_answers_total',
      help: 'Decisions answered from cached records while the cache could not be confirmed current (degraded mode)',
      registers,
      collect() {
        this.reset();
        this.inc(bound.sources?.staleAnswers() ?? 0);
      },
    });
    const cacheCounter = (name: string, help: string, read: (c: { hits: number; misses: number }) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          const cache = bound.sources?.snapshotCache();
          if (cache) this.inc(read(cache));
        },
      });
    cacheCounter('entitlement_snapshot_cache_hits_total', 'Decision snapshots found in the in-process cache', (c) => c.hits);
    cacheCounter(
      'entitlement_snapshot_cache_misses_total',
      'Decision snapshots not in the cache (loaded from the database)',
      (c) => c.misses,
    );
    new Gauge({
      name: 'entitlement_snapshot_cache_entries',
      help: 'Decision snapshots held in the in-process cache (with workers: summed, each caches for itself)',
      registers,
      collect() {
        this.set(bound.sources?.snapshotCache()?.size ?? 0);
      },
    });
    new Gauge({
      name: 'entitlement_change_listener_connected',
      help: '1 while the LISTEN connection that keeps caches current is up (with workers: how many are connected)',
      registers,
      collect() {
        this.set(bound.sources?.listenerConnected() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'entitlement_screening_index_entries',
      help: 'Catalog entries in the screening index (with workers: the smallest worker index)',
      // Every worker loads the same catalog: summing would count it once per worker; the
      // minimum shows a worker whose index is behind or empty.
      aggregator: 'min',
      registers,
      collect() {
        this.set(bound.sources?.screeningEntries() ?? 0);
      },
    });
    new Gauge({
      name: 'entitlement_db_pool_connections_in_use',
      help: 'Database pool connections checked out',
      registers,
      collect() {
        const pool = bound.sources?.pool();
        this.set(pool ? pool.total - pool.idle : 0);
      },
    });
    new Gauge({
      name: 'entitlement_db_pool_waiting_requests',
      help: 'Callers waiting for a free database pool connection',
      registers,
      collect() {
        this.set(bound.sources?.pool()?.waiting ?? 0);
      },
    });
    new Gauge({
      name: 'entitlement_db_replica_pool_connections_in_use',
      help: 'Replica (DATABASE_REPLICA_URL) pool connections checked out',
      registers,
      collect() {
        const pool = bound.sources?.replicaPool?.();
        this.set(pool ? pool.total - pool.idle : 0);
      },
    });
    new Counter({
      name: 'entitlement_db_reads_total',
      help: 'Decision loads and list pages with a replica configured, by where they were served (replica, or the primary because the replica was behind or unavailable)',
      labelNames: ['read', 'served_by'],
      registers,
      collect() {
        this.reset();
        const reads = bound.sources?.replicaReads?.();
        if (reads)
          for (const [read, byOutcome] of Object.entries(reads))
            for (const [servedBy, n] of Object.entries(byOutcome)) this.inc({ read, served_by: servedBy }, n);
      },
    });
    new Counter({
      name: 'entitlement_audit_events_written_total',
      help: 'Audit events committed',
      registers,
      collect() {
        this.reset();
        this.inc(bound.sources?.auditEventsWritten() ?? 0);
      },
    });
  }

  /** Tells the gauges where to read; called once the services exist. */
  bind(sources: MetricSources): void {
    this.bound.sources = sources;
  }

  countDecisions(decisions: readonly EntitlementDecision[]): void {
    for (const decision of decisions) {
      if (decision.allowed) this.tally.allowed += 1;
      else {
        this.tally.denied += 1;
        for (const reason of decision.reasons) this.tally.reasons.set(reason.code, (this.tally.reasons.get(reason.code) ?? 0) + 1);
      }
    }
  }

  countQuotaSpend(role: string, points: number): void {
    this.quota.points.set(role, (this.quota.points.get(role) ?? 0) + points);
  }

  countQuotaRefusal(role: string): void {
    this.quota.refused.set(role, (this.quota.refused.get(role) ?? 0) + 1);
  }

  countQuotaHeld(role: string): void {
    this.quota.held.set(role, (this.quota.held.get(role) ?? 0) + 1);
  }

  countQuotaLease(outcome: 'granted' | 'refused' | 'local'): void {
    this.quota.leases.set(outcome, (this.quota.leases.get(outcome) ?? 0) + 1);
  }

  /** operation is a root field name of the schema (bounded), outcome "ok" or an error code (bounded). */
  observeRequest(operation: string, outcome: string, seconds: number): void {
    let bound = this.byOperation.get(operation);
    if (bound === undefined) {
      bound = { seconds: this.requestSeconds.labels(operation), outcomes: new Map() };
      this.byOperation.set(operation, bound);
    }
    bound.seconds.observe(seconds);
    let counter = bound.outcomes.get(outcome);
    if (counter === undefined) {
      counter = this.requests.labels(operation, outcome);
      bound.outcomes.set(outcome, counter);
    }
    counter.inc();
  }

  /** A request refused before it was parsed (no token, bad token): counted, not timed. */
  countRequest(operation: string, outcome: string): void {
    this.requests.inc({ operation, outcome });
  }

  observeScreening(seconds: number): void {
    this.screeningSeconds.observe(seconds);
  }

  /** Prometheus text: this app's metrics plus the process's defaults. */
  async text(): Promise<string> {
    const [own, processMetrics] = await Promise.all([this.registry.metrics(), processMetricsRegistry().metrics()]);
    return `${own}\n${processMetrics}`;
  }
}
