import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Members and free-plan members of a cluster, kept by triggers on account_clusters; freePlanClusters ranks by it. */
@Entity({ name: 'account_cluster_sizes' })
@Check('account_cluster_sizes_members_check', `members >= 0`)
@Check('account_cluster_sizes_check', `free_members >= 0 AND free_members <= members`)
// (free_members DESC, members DESC, cluster_id): @Index cannot say DESC, so the
// migration owns it and the schema builder leaves it alone.
@Index('account_cluster_sizes_rank_idx', { synchronize: false })
export class AccountClusterSizeEntity {
  @PrimaryColumn({ name: 'cluster_id', type: 'uuid', primaryKeyConstraintName: 'account_cluster_sizes_pkey' })
  clusterId: string;

  @Column({ type: 'integer' })
  members: number;

  @Column({ name: 'free_members', type: 'integer' })
  freeMembers: number;
}
