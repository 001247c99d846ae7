import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

// Append-only: the migration's triggers (audit_events_no_update_delete,
// audit_events_no_truncate) refuse any rewrite of history. TypeORM has no
// notion of triggers, so the schema builder neither sees nor touches them.
@Entity({ name: 'audit_events' })
@Unique('audit_events_sequence_key', ['sequence'])
@Unique('audit_events_hash_key', ['hash'])
@Check('audit_events_sequence_check', `sequence > 0`)
// The index is (target_id, sequence DESC): @Index cannot say DESC, so the
// migration owns its definition and the schema builder leaves it alone.
@Index('audit_events_target_idx', { synchronize: false })
// auditLogConnection(action:), newest first (scanned backwards).
@Index('audit_events_action_idx', ['action', 'sequence'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', primaryKeyConstraintName: 'audit_events_pkey' })
  id: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'text' })
  actor: string;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;
}
