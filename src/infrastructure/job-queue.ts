import type { EntityManager } from 'typeorm';

/** Anything that runs SQL: an EntityManager inside a transaction, or the DataSource. */
export type Queryable = Pick<EntityManager, 'query'>;

/** Task names of the job queue (graphile-worker). */
export const TASK = {
  deliver: 'webhook_deliver',
  recompute: 'entitlement_recompute',
  recomputeAll: 'entitlement_recompute_all',
} as const;

// Jobs are added with SQL so that they commit with the caller's transaction.
// One job key per endpoint and per account: a burst of changes queues one job.
// 'preserve_run_at' keeps an earlier schedule; when the keyed job is running,
// graphile-worker queues a new one, so nothing that happens meanwhile is missed.

/** Wakes the delivery of these endpoints at runAt (default: now). */
export async function scheduleDelivery(q: Queryable, endpointIds: readonly string[], runAt: Date | null = null): Promise<void> {
  if (endpointIds.length === 0) return;
  await q.query(
    `SELECT graphile_worker.add_job($1, json_build_object('endpointId', e), run_at => coalesce($3::timestamptz, now()),
            max_attempts => 1000, job_key => 'webhook:' || e, job_key_mode => 'preserve_run_at')
       FROM unnest($2::text[]) e`,
    [TASK.deliver, endpointIds, runAt],
  );
}

/** Recomputes these accounts' entitlement state at runAt (default: now, replacing a later schedule). */
export async function scheduleRecompute(q: Queryable, accountIds: readonly string[], runAt: Date | null = null): Promise<void> {
  if (accountIds.length === 0) return;
  await q.query(
    `SELECT graphile_worker.add_job($1, json_build_object('accountId', a), run_at => coalesce($3::timestamptz, now()),
            max_attempts => 1000, job_key => 'entitlement:' || a, job_key_mode => $4)
       FROM unnest($2::text[]) a`,
    [TASK.recompute, accountIds, runAt, runAt === null ? 'replace' : 'preserve_run_at'],
  );
}

/** Every account's state, after a change that can touch all of them (a policy version). */
export async function scheduleRecomputeAll(q: Queryable): Promise<void> {
  await q.query(`SELECT graphile_worker.add_job($1, '{}'::json, job_key => 'entitlement:*', job_key_mode => 'replace')`, [
    TASK.recomputeAll,
  ]);
}
