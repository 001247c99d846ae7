import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Members and free-plan members of a cluster, kept by triggers on account_clusters; freePlanClusters ranks by it. */
@Entity({ name: 'account_cluster_sizes' })
export class AccountClusterSizeEntity {
  @PrimaryColumn({ name: 'cluster_id', type: 'uuid' })
  clusterId: string;

  @Column({ type: 'integer' })
  members: number;

  @Column({ name: 'free_members', type: 'integer' })
  freeMembers: number;
}
