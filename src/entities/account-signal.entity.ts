import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SignalKind } from '../domain/enums';

@Entity({ name: 'account_signals' })
export class AccountSignalEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ type: 'text' })
  kind: SignalKind;

  /** HMAC-SHA-256 of the canonical value; the value itself is never stored. */
  @PrimaryColumn({ name: 'value_hash', type: 'text' })
  valueHash: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;
}
