import { randomUUID } from 'node:crypto';
import { AUDIT_CHAIN_LOCK } from '../audit/audit.service';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { FeedEvent } from './event-map';
import type { JobQueue } from '../../infrastructure/job-queue';
import type { Sql } from '../../infrastructure/sql';

export interface StoredEvent {
  id: string;
  messageId: string;
}

/**
 * The transactional outbox: events are written in the caller's transaction,
 * with one delivery per subscribed endpoint and a job to wake its delivery.
 * Ids are taken under the audit chain's lock, held to commit, so the id order
 * is the commit order, which per-endpoint delivery relies on.
 */
export class Outbox {
  constructor(
    private readonly jobs: JobQueue,
    private readonly clock: Clock = systemClock(),
  ) {}

  async append(q: Sql, events: readonly FeedEvent[], at: Date = this.clock.now()): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    await q.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const rows: Array<{ id: string; message_id: string }> = await q.query(
      `INSERT INTO webhook_events (message_id, type, account_id, payload, occurred_at)
       SELECT m, t, a, p, $5 FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::jsonb[]) AS x(m, t, a, p)
       RETURNING id, message_id`,
      [
        events.map(() => randomUUID()),
        events.map((e) => e.type),
        events.map((e) => e.accountId),
        events.map((e) => JSON.stringify(e.data)),
        at,
      ],
    );
    const ids = rows.map((r) => r.id);
    const endpoints: Array<{ endpoint_id: string }> = await q.query(
      `WITH d AS (
         INSERT INTO webhook_deliveries (endpoint_id, event_id)
         SELECT ep.id, ev.id FROM webhook_events ev JOIN webhook_endpoints ep ON ep.enabled AND ev.type = ANY (ep.event_types)
          WHERE ev.id = ANY ($1::bigint[])
         ON CONFLICT DO NOTHING RETURNING endpoint_id)
       SELECT DISTINCT endpoint_id FROM d`,
      [ids],
    );
    await this.jobs.deliver(
      q,
      endpoints.map((e) => e.endpoint_id),
    );
    return rows.map((r) => ({ id: String(r.id), messageId: r.message_id }));
  }
}
