import { DataSource } from 'typeorm';
import type { Revisions } from '../infrastructure/revisions';
import { preparedSql, Sql } from '../infrastructure/sql';
import type { Logger } from '../logger';
import { createDataSource } from './data-source';

/** Where a read was served, and why not by the replica. */
export type ReadOutcome = 'replica' | 'primary_replica_behind' | 'primary_replica_unavailable';
export type ReadKind = 'decision' | 'list';

/** The newest audit sequence a database has committed (a replica: replayed), in one cheap index read. */
export const REPLAYED_SEQUENCE_SQL = 'SELECT coalesce(max(sequence), 0)::bigint AS sequence FROM audit_events';

export interface ReplicaReadsOptions {
  url: string;
  poolSize: number;
  /** How long a known replay position is trusted to skip a replica that is behind, and reused for lists. */
  positionTtlMs?: number;
  /** After the replica failed: how long reads go straight to the primary before it is tried again. */
  retryMs?: number;
}

/**
 * Routes reads between the primary and an optional streaming replica. A read
 * needs a revision (an audit sequence): what this process knows committed,
 * or more when a caller asked `atLeast`; the replica serves it only when it
 * has replayed at least that far, otherwise the primary does. A replica that
 * fails is left out for a moment, and reads never fail because of it.
 */
export class ReplicaReads {
  private dataSource: DataSource | null = null;
  private replicaSql: Sql | null = null;
  /** The replica's replay position as last seen, and when (ms). */
  private position = { sequence: 0, at: -Infinity };
  private downUntil = 0;
  private down = false;
  private connecting: Promise<void> | null = null;
  private readonly positionTtlMs: number;
  private readonly retryMs: number;
  /** Reads by kind and outcome, since start (read by metrics and tests). */
  readonly counts: Record<ReadKind, Record<ReadOutcome, number>> = {
    decision: { replica: 0, primary_replica_behind: 0, primary_replica_unavailable: 0 },
    list: { replica: 0, primary_replica_behind: 0, primary_replica_unavailable: 0 },
  };

  constructor(
    private readonly options: ReplicaReadsOptions,
    private readonly revisions: Revisions,
    private readonly logger: Logger,
    /**
     * Whether this process hears other processes' changes. When it does not,
     * what it knows committed stops growing and is no bound on how far behind
     * the replica may be: then everything is read from the primary.
     */
    private readonly hearsChanges: () => boolean = () => true,
  ) {
    this.positionTtlMs = options.positionTtlMs ?? 50;
    this.retryMs = options.retryMs ?? 1000;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    await this.connecting;
    const dataSource = this.dataSource;
    this.dataSource = null;
    this.replicaSql = null;
    if (dataSource?.isInitialized) await dataSource.destroy();
  }

  /** The replica's pg-pool counts (absent while it is not connected). */
  poolStats(): { total: number; idle: number; waiting: number } | null {
    const pool = (this.dataSource?.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } })
      ?.master;
    return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
  }

  /**
   * A decision load needing `needed`: `onReplica` runs the statement on the
   * replica and reports, from the same snapshot, the sequence it has
   * replayed; when that is below `needed` (or the replica is known behind,
   * or failing), `onPrimary` answers instead.
   */
  async decision<T>(
    needed: number,
    onReplica: (sql: Sql) => Promise<{ value: T; replayed: number }>,
    onPrimary: () => Promise<T>,
  ): Promise<T> {
    const sql = this.usableSql();
    if (sql === null) return this.fromPrimary('decision', 'primary_replica_unavailable', onPrimary);
    if (!this.hearsChanges() || this.knownBehind(needed)) return this.fromPrimary('decision', 'primary_replica_behind', onPrimary);
    let read: { value: T; replayed: number };
    try {
      read = await onReplica(sql);
    } catch (error) {
      this.failed(error);
      return this.fromPrimary('decision', 'primary_replica_unavailable', onPrimary);
    }
    this.saw(read.replayed);
    if (read.replayed < needed) return this.fromPrimary('decision', 'primary_replica_behind', onPrimary);
    this.counts.decision.replica += 1;
    return read.value;
  }

  /**
   * A list read: on the replica when it has replayed everything this process
   * knows committed (checked by a cheap query, reused for a moment when it
   * suffices), else on the primary. `run` gets the DataSource to read.
   */
  async list<T>(primary: DataSource, run: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const needed = this.revisions.latestSequence;
    const replica = this.usableSql() === null ? null : this.dataSource;
    if (replica === null) return this.fromPrimary('list', 'primary_replica_unavailable', () => run(primary));
    if (!this.hearsChanges()) return this.fromPrimary('list', 'primary_replica_behind', () => run(primary));
    try {
      if (!this.knownCovers(needed)) {
        const [row] = await this.replicaSql!.query<{ sequence: string }>(REPLAYED_SEQUENCE_SQL);
        this.saw(Number(row.sequence));
        if (Number(row.sequence) < needed) return this.fromPrimary('list', 'primary_replica_behind', () => run(primary));
      }
      const value = await run(replica);
      this.counts.list.replica += 1;
      return value;
    } catch (error) {
      this.failed(error);
      return this.fromPrimary('list', 'primary_replica_unavailable', () => run(primary));
    }
  }

  private fromPrimary<T>(kind: ReadKind, outcome: ReadOutcome, read: () => Promise<T>): Promise<T> {
    this.counts[kind][outcome] += 1;
    return read();
  }

  private knownBehind(needed: number): boolean {
    return this.position.sequence < needed && performance.now() - this.position.at < this.positionTtlMs;
  }

  // Replay only moves forward: a position seen at least `needed` is trusted for as long as it is fresh.
  private knownCovers(needed: number): boolean {
    return this.position.sequence >= needed && performance.now() - this.position.at < this.positionTtlMs;
  }

  private saw(sequence: number): void {
    this.position = { sequence, at: performance.now() };
    if (this.down) {
      this.down = false;
      this.logger.info('database replica reachable again; reads use it when it has caught up');
    }
  }

  /** The replica's statements, or null while it is not connected or was just failing (then a reconnect may start). */
  private usableSql(): Sql | null {
    if (performance.now() < this.downUntil) return null;
    if (this.replicaSql === null) {
      void this.connect();
      return null;
    }
    return this.replicaSql;
  }

  private connect(): Promise<void> {
    if (this.replicaSql !== null) return Promise.resolve();
    this.connecting ??= (async () => {
      const dataSource = createDataSource({
        url: this.options.url,
        poolSize: this.options.poolSize,
        applicationName: 'entitlement-api-replica-reads',
        readOnly: true,
        // A replica that does not answer soon is not worth waiting for: the primary is there.
        connectionTimeoutMillis: 1000,
      });
      try {
        await dataSource.initialize();
        this.dataSource = dataSource;
        this.replicaSql = preparedSql(dataSource);
      } catch (error) {
        this.failed(error);
      }
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  // Logged once per outage; until retryMs has passed reads go to the primary without trying.
  private failed(error: unknown): void {
    this.downUntil = performance.now() + this.retryMs;
    this.position = { sequence: 0, at: -Infinity };
    if (this.down) return;
    this.down = true;
    this.logger.warn({ err: error }, 'database replica unavailable; reading from the primary');
  }
}
