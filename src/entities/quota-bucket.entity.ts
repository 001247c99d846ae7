import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A principal's shared request budget as GCRA keeps it (src/domain/quota-bucket.ts).
 * Written only by the quota store's SQL; the table is UNLOGGED (see its migration).
 */
@Entity({ name: 'quota_buckets' })
export class QuotaBucketEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'quota_buckets_pkey' })
  principal: string;

  /** Theoretical arrival time, ms since the epoch on the database's clock. */
  @Column({ name: 'tat_ms', type: 'double precision' })
  tatMs: number;

  /** Points the last lease took. */
  @Column({ type: 'integer' })
  granted: number;

  /** The database's clock at the last lease, ms since the epoch. */
  @Column({ name: 'seen_ms', type: 'double precision' })
  seenMs: number;
}
