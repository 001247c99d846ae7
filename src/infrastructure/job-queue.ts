import { runMigrations, Logger as WorkerLogger } from 'graphile-worker';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import type { Logger } from '../logger';
import type { Sql } from './sql';

/** Task names of the job queue (graphile-worker). */
export const TASK = {
  deliver: 'webhook_deliver',
  recompute: 'entitlement_recompute',
  recomputeAll: 'entitlement_recompute_all',
} as const;

type Task = (typeof TASK)[keyof typeof TASK];

/** How each task is keyed: one job per endpoint and per account, so a burst of changes queues one job. */
const KEYS: Record<Task, { prefix: string; payload: string }> = {
  [TASK.deliver]: { prefix: 'webhook:', payload: 'endpointId' },
  [TASK.recompute]: { prefix: 'entitlement:', payload: 'accountId' },
  [TASK.recomputeAll]: { prefix: 'entitlement:', payload: 'all' },
};

/**
 * The job queue on the same PostgreSQL. Jobs are added with SQL so that they
 * commit with the caller's transaction; 'preserve_run_at' keeps an earlier
 * schedule, and while a keyed job runs graphile-worker queues a new one, so
 * nothing that happens meanwhile is missed. Its schema is installed by start()
 * in every process; until then adding jobs is skipped (the worker's start-up
 * sweep and recomputes catch up on what was skipped).
 */
export class JobQueue {
  private installed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /** Installs or upgrades the queue's schema; jobs are added from then on. */
  async start(): Promise<void> {
    const pgPool = (this.dataSource.driver as PostgresDriver).master as Pool;
    await runMigrations({ pgPool, logger: this.workerLogger() });
    this.installed = true;
  }

  async stop(): Promise<void> {
    this.installed = false;
  }

  /** Wakes the delivery of these endpoints at runAt (default: now). */
  deliver(q: Sql, endpointIds: readonly string[], runAt: Date | null = null): Promise<void> {
    return this.add(q, TASK.deliver, endpointIds, runAt, 'preserve_run_at');
  }

  /** Recomputes these accounts' entitlement state at runAt (default: now, replacing a later schedule). */
  recompute(q: Sql, accountIds: readonly string[], runAt: Date | null = null): Promise<void> {
    return this.add(q, TASK.recompute, accountIds, runAt, runAt === null ? 'replace' : 'preserve_run_at');
  }

  /** Every account's state, after a change that can touch all of them (a policy version). */
  recomputeAll(q: Sql): Promise<void> {
    return this.add(q, TASK.recomputeAll, ['*'], null, 'replace');
  }

  /** Adds one keyed job per id; runAt is one time for all or one per id. */
  async add(
    q: Sql,
    task: Task,
    ids: readonly string[],
    runAt: Date | null | ReadonlyArray<Date | null>,
    mode: 'replace' | 'preserve_run_at',
  ): Promise<void> {
    if (ids.length === 0 || !this.installed) return;
    const runAts = Array.isArray(runAt) ? runAt : ids.map(() => runAt);
    const { prefix, payload } = KEYS[task];
    await q.query(
      `SELECT graphile_worker.add_job($1, json_build_object($4::text, k), run_at => coalesce(r, now()),
              max_attempts => 1000, job_key => $5 || k, job_key_mode => $6)
         FROM unnest($2::text[], $3::timestamptz[]) AS j(k, r)`,
      [task, ids, runAts, payload, prefix, mode],
    );
  }

  /** graphile-worker's log lines through the service's logger. */
  workerLogger(): WorkerLogger {
    return new WorkerLogger(() => (level, message, meta) => {
      if (level === 'error') this.logger.error({ meta }, message);
      else if (level === 'warning') this.logger.warn({ meta }, message);
      else this.logger.debug({ meta }, message);
    });
  }
}
