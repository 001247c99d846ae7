import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

// The transactional outbox: written in the transaction of the change it
// describes. Ids are taken while the audit chain's lock is held, so their
// order is the commit order, which is the order of delivery per endpoint.
@Entity({ name: 'webhook_events' })
@Unique('webhook_events_message_id_key', ['messageId'])
// Replay of entitlement.changed from a cursor, for all accounts or one.
@Index('webhook_events_entitlement_idx', ['id'], { where: "type = 'entitlement.changed'" })
@Index('webhook_events_entitlement_account_idx', ['accountId', 'id'], { where: "type = 'entitlement.changed'" })
@Check(
  'webhook_events_type_check',
  `type IN ('account.created','account.plan_changed','organization.declared','authorization.granted','authorization.revoked','suspension.created','suspension.lifted','report.filed','report.resolved','appeal.filed','appeal.decided','policy.published','policy.accepted','entitlement.changed')`,
)
export class WebhookEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'webhook_events_pkey' })
  id: string;

  /** The webhook-id header: the same on every attempt and replay. */
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
