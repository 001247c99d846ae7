import { DataSource } from 'typeorm';
import { nextAttemptAt, RetryPolicy } from '../../domain/change-feed';
import type { Logger } from '../../logger';
import { JobQueue, TASK } from '../../infrastructure/job-queue';
import { WebhookSender } from './webhook-sender';
import { Clock, systemClock } from '../../infrastructure/clock';

// Namespace of the per-endpoint advisory lock (the key is hashtext(endpoint id)).
const DELIVERY_LOCK = 7_311_015;
// Deliveries per job run before yielding to other endpoints' jobs.
const PER_RUN = 100;
const BUSY_RETRY_MS = 1_000;

interface Head {
  delivery_id: string;
  attempts: number;
  next_attempt_at: Date;
  first_attempt_at: Date | null;
  message_id: string;
  type: string;
  payload: unknown;
  occurred_at: Date;
}

type Step = 'next' | 'done' | 'busy';

/** The body every endpoint receives: the Standard Webhooks envelope. */
export function webhookBody(type: string, occurredAt: Date, data: unknown): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}

/**
 * Delivers an endpoint's pending events one at a time, oldest first. The
 * head of the line is retried until delivered or dead before anything after
 * it is sent: order per endpoint holds. Each send runs in a transaction that
 * holds the endpoint's lock and records the attempt at commit; a process that
 * dies mid-send commits nothing, its lock goes with its connection, and the
 * event is sent again with the same webhook-id (at least once).
 */
export class WebhookDispatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: WebhookSender,
    private readonly retry: RetryPolicy,
    private readonly logger: Logger,
    private readonly jobs: JobQueue,
    private readonly clock: Clock = systemClock(),
  ) {}

  async drain(endpointId: string, signal: AbortSignal): Promise<void> {
    for (let i = 0; i < PER_RUN; i += 1) {
      if (signal.aborted) return;
      let step: Step;
      try {
        step = await this.step(endpointId, signal);
      } catch (error) {
        if (signal.aborted) return; // stopping: nothing was recorded; the next start sends it again
        throw error;
      }
      if (step === 'done') return;
      if (step === 'busy') {
        await this.jobs.deliver(this.dataSource, [endpointId], new Date(this.clock.now().getTime() + BUSY_RETRY_MS));
        return;
      }
    }
    await this.jobs.deliver(this.dataSource, [endpointId]); // more to send: continue in a fresh job
  }

  private step(endpointId: string, signal: AbortSignal): Promise<Step> {
    return this.dataSource.transaction(async (m): Promise<Step> => {
      const [{ locked }] = await m.query('SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS locked', [DELIVERY_LOCK, endpointId]);
      if (!locked) return 'busy';
      // The endpoint and the head of its line in one round trip.
      const [row] = await m.query(
        `SELECT ep.url, ep.enabled, ep.secret, ep.previous_secret, ep.previous_secret_expires_at > now() AS previous_valid,
                h.delivery_id, h.attempts, h.next_attempt_at, h.first_attempt_at, h.message_id, h.type, h.payload, h.occurred_at
           FROM webhook_endpoints ep
           LEFT JOIN LATERAL (
             SELECT d.id AS delivery_id, d.attempts, d.next_attempt_at, d.first_attempt_at, e.message_id, e.type, e.payload, e.occurred_at
               FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
              WHERE d.endpoint_id = ep.id AND d.status = 'PENDING'
              ORDER BY d.event_id LIMIT 1) h ON true
          WHERE ep.id = $1`,
        [endpointId],
      );
      const endpoint = row;
      const head: Head | null = row?.delivery_id ? row : null;
      if (!endpoint || !endpoint.enabled) return 'done';
      if (!head) return 'done';
      if (head.next_attempt_at.getTime() > this.clock.now().getTime()) {
        await this.jobs.deliver(m, [endpointId], head.next_attempt_at);
        return 'done';
      }
      const secrets = [endpoint.secret, ...(endpoint.previous_valid ? [endpoint.previous_secret] : [])];
      const result = await this.sender.send(
        { url: endpoint.url, messageId: head.message_id, body: webhookBody(head.type, head.occurred_at, head.payload), secrets },
        signal,
      );
      if (signal.aborted) throw new Error('stopping');
      const now = this.clock.now();
      const ok = result.status !== null && result.status >= 200 && result.status < 300;
      const firstAttemptAt = head.first_attempt_at ?? now;
      const attempts = head.attempts + 1;
      const retryAt = ok ? null : nextAttemptAt(this.retry, attempts, firstAttemptAt, now);
      const status = ok ? 'DELIVERED' : retryAt === null ? 'DEAD' : 'PENDING';
      await m.query(
        `WITH attempt AS (
           INSERT INTO webhook_attempts (delivery_id, attempted_at, duration_ms, response_status, error) VALUES ($1, $5, $10, $6, $7))
         UPDATE webhook_deliveries SET status = $2, attempts = $3, first_attempt_at = $4, last_attempt_at = $5,
                last_response_status = $6, last_error = $7, delivered_at = $8, next_attempt_at = $9
          WHERE id = $1`,
        [
          head.delivery_id,
          status,
          attempts,
          firstAttemptAt,
          now,
          result.status,
          result.error,
          ok ? now : null,
          retryAt ?? now,
          result.durationMs,
        ],
      );
      if (status === 'DEAD') this.logger.warn({ endpointId, messageId: head.message_id, attempts }, 'webhook delivery dead');
      if (status === 'PENDING') {
        await this.jobs.deliver(m, [endpointId], retryAt);
        return 'done';
      }
      return 'next';
    });
  }

  /** Closes kept-alive connections to receivers. */
  close(): void {
    this.sender.close();
  }

  /** Wakes every endpoint with a due delivery: after a crash, its job may be held by a dead worker. */
  async sweep(): Promise<void> {
    const due: Array<{ endpoint_id: string; run_at: Date }> = await this.dataSource.query(
      `SELECT d.endpoint_id, min(d.next_attempt_at) AS run_at
         FROM webhook_deliveries d JOIN webhook_endpoints ep ON ep.id = d.endpoint_id AND ep.enabled
        WHERE d.status = 'PENDING'
        GROUP BY d.endpoint_id`,
    );
    await this.jobs.add(
      this.dataSource,
      TASK.deliver,
      due.map((d) => d.endpoint_id),
      due.map((d) => d.run_at),
      'preserve_run_at',
    );
  }
}
