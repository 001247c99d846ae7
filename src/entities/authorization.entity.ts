import { Check, Column, CreateDateColumn, Entity, Exclusion, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AuthorizationKind } from '../domain/enums';
import { AccountEntity } from './account.entity';
import { AUTH_KINDS } from './check-lists';

@Entity({ name: 'authorizations' })
@Check('authorizations_kind_check', `kind IN (${AUTH_KINDS})`)
@Check('authorizations_reference_check', `length(reference) BETWEEN 1 AND 200`)
@Check('authorizations_note_check', `length(note) <= 2000`)
@Check('authorizations_interval', `expires_at IS NULL OR expires_at > valid_from`)
@Check('authorizations_revocation_complete', `(revoked_at IS NULL) = (revoked_by IS NULL)`)
// Two unrevoked authorizations of one kind may not overlap in time (needs btree_gist).
@Exclusion(
  'authorizations_no_overlap',
  `USING gist (account_id WITH =, kind WITH =, tstzrange(valid_from, expires_at, '[)') WITH &&) WHERE (revoked_at IS NULL)`,
)
@Index('authorizations_account_idx', ['accountId'])
export class AuthorizationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'authorizations_pkey' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'authorizations_account_id_fkey' })
  account?: AccountEntity;

  @Column({ type: 'text' })
  kind: AuthorizationKind;

  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'text', nullable: true })
  revokedBy: string | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason: string | null;

  @Column({ name: 'granted_by', type: 'text' })
  grantedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
