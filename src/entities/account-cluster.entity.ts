import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The connected component (9(n) links by EMAIL, PAYMENT_FINGERPRINT or
 * DEVICE_ID) an account belongs to; accounts linked to nobody have no row.
 * Maintained by the signal service and database triggers, rebuilt by
 * rebuild_account_clusters().
 */
@Entity({ name: 'account_clusters' })
@Index('account_clusters_cluster_idx', ['clusterId', 'accountId'])
export class AccountClusterEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'account_clusters_pkey' })
  accountId: string;

  /** An opaque label: the id of one of the cluster's accounts. */
  @Column({ name: 'cluster_id', type: 'uuid' })
  clusterId: string;

  /** The account's plan has no commercial use; follows plan changes by trigger. */
  @Column({ type: 'boolean' })
  free: boolean;
}
