import { DataSource } from 'typeorm';
import { changedUses, earliestValidUntil, EntitlementState, stateOf, WebhookEventType } from '../../domain/change-feed';
import { decideEntitlement, EntitlementDecision } from '../../domain/decide-entitlement';
import { Use } from '../../domain/enums';
import { encodeRevision } from '../../domain/revision';
import { loadSnapshots } from '../entitlement/snapshot-loader';
import type { JobQueue } from '../../infrastructure/job-queue';
import { Outbox } from './outbox';
import { Clock, systemClock } from '../../infrastructure/clock';

/** Channel on which each committed entitlement.changed names its account and event: `accountId:eventId`. */
export const ENTITLEMENT_CHANGED_CHANNEL = 'entitlement_changed';

const RECOMPUTE_LOCK = 7_311_016;
const ALL_PAGE = 1000;
const USES = Object.values(Use);

/** What entitlement.changed carries for one use: the new decision, without the time it was made. */
export function decisionPayload(d: EntitlementDecision) {
  return {
    use: d.use,
    allowed: d.allowed,
    reasons: d.reasons.map((r) => ({
      code: r.code,
      clause: r.clause,
      message: r.message,
      remedy: r.remedy,
      authorization: r.authorization,
    })),
    policyVersion: d.policyVersion,
    validUntil: d.validUntil,
  };
}

/**
 * entitlement.changed: after every change that touches an account, and at the
 * next instant its decision can change by time alone (validUntil), the
 * account's decision for every use is recomputed and compared with the last
 * one announced; an event is written only when some use differs.
 */
export class EntitlementFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly jobs: JobQueue,
    private readonly clock: Clock = systemClock(),
  ) {}

  recompute(accountId: string, at: () => Date = () => this.clock.now()): Promise<boolean> {
    return this.dataSource.transaction(async (m) => {
      // One recompute per account at a time, so states and events follow each other.
      await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RECOMPUTE_LOCK, accountId]);
      // Read before the records, so every change up to it is in what is read next: the event's revision.
      const [{ sequence }] = await m.query('SELECT coalesce(max(sequence), 0)::text AS sequence FROM audit_events');
      const { snapshots, policyVersions } = await loadSnapshots(m, [accountId], { withPolicyVersions: true });
      const loaded = snapshots.get(accountId);
      if (!loaded) return false; // the account is gone
      const now = at();
      const decisions = USES.map((use) => decideEntitlement(loaded.snapshot, policyVersions ?? [], use, now));
      const state = stateOf(decisions);
      const [previous] = await m.query('SELECT decisions FROM entitlement_states WHERE account_id = $1', [accountId]);
      const changed = changedUses((previous?.decisions as EntitlementState | undefined) ?? null, state);
      const validUntil = earliestValidUntil(decisions);
      await m.query(
        `INSERT INTO entitlement_states (account_id, decisions, valid_until, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id) DO UPDATE SET decisions = EXCLUDED.decisions, valid_until = EXCLUDED.valid_until, updated_at = EXCLUDED.updated_at`,
        [accountId, JSON.stringify(state), validUntil, now],
      );
      if (changed.length > 0) {
        const [event] = await this.outbox.append(
          m,
          [
            {
              type: WebhookEventType.ENTITLEMENT_CHANGED,
              accountId,
              data: {
                accountId,
                changes: decisions.filter((d) => changed.includes(d.use)).map(decisionPayload),
                validUntil,
                revision: encodeRevision(Number(sequence)),
              },
            },
          ],
          now,
        );
        await m.query('SELECT pg_notify($1, $2)', [ENTITLEMENT_CHANGED_CHANNEL, `${accountId}:${event.id}`]);
      }
      if (validUntil !== null) await this.jobs.recompute(m, [accountId], validUntil);
      return changed.length > 0;
    });
  }

  /** Queues a recompute of every account, page by page (after a policy version is published). */
  async recomputeAll(): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM accounts WHERE id > $1 ORDER BY id LIMIT $2', [
        after,
        ALL_PAGE,
      ]);
      if (rows.length === 0) return;
      await this.jobs.recompute(
        this.dataSource,
        rows.map((r) => r.id),
      );
      after = rows[rows.length - 1].id;
    }
  }
}
