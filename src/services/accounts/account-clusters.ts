import { SignalKind } from '../../domain/enums';
import { CLUSTER_SIGNAL_KINDS } from '../../domain/signals';

// Clusters of accounts linked by EMAIL, PAYMENT_FINGERPRINT or DEVICE_ID
// (9(n)), kept in account_clusters with their sizes in account_cluster_sizes
// (see migrations/1764000000100-account-clusters.ts for the triggers that keep
// sizes and free flags). Plain SQL over any client, so the service and the
// benchmark run the same statements.

/** Runs one statement and returns its rows: a TypeORM EntityManager's query() or a pg Client's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are typed by each caller
export type SqlRunner = <R = any>(text: string, params?: unknown[]) => Promise<R[]>;

/** Serializes cluster merges and rebuilds; must equal the lock in rebuild_account_clusters(). */
export const CLUSTER_LOCK = 7_311_009;

const KINDS = `ARRAY[${CLUSTER_SIGNAL_KINDS.map((k) => `'${k}'`).join(', ')}]::text[]`;

/**
 * Puts accounts that have just become linked into one cluster, inside the
 * caller's transaction. Merges take turns (CLUSTER_LOCK) and read the labels
 * only once they hold it, so concurrent merges never lose one another.
 * The largest cluster keeps its label, so a merge rewrites the fewest rows.
 */
export async function joinClusters(sql: SqlRunner, accountIds: readonly string[]): Promise<void> {
  const ids = [...new Set(accountIds)].sort();
  if (ids.length < 2) return;
  await sql('SELECT pg_advisory_xact_lock($1)', [CLUSTER_LOCK]);
  const clusters = await sql<{ cluster_id: string }>(
    `SELECT s.cluster_id
       FROM account_cluster_sizes s
      WHERE s.cluster_id IN (SELECT cluster_id FROM account_clusters WHERE account_id = ANY($1::uuid[]))
      ORDER BY s.members DESC, s.cluster_id`,
    [ids],
  );
  // A new cluster is named after its least member, as a rebuild would name it.
  const target = clusters[0]?.cluster_id ?? ids[0];
  const absorbed = clusters.slice(1).map((c) => c.cluster_id);
  if (absorbed.length > 0) {
    await sql('UPDATE account_clusters SET cluster_id = $1 WHERE cluster_id = ANY($2::uuid[])', [target, absorbed]);
  }
  // Read after taking the lock: a plan change waiting for it fixes the flag once this commits.
  await sql(
    `INSERT INTO account_clusters (account_id, cluster_id, free)
     SELECT a.id, $2::uuid, NOT p.commercial_use FROM accounts a JOIN plans p ON p.code = a.plan_code
      WHERE a.id = ANY($1::uuid[])
     ON CONFLICT (account_id) DO NOTHING`,
    [ids, target],
  );
}

/** Recomputes every cluster from account_signals, set-wise; returns how many clusters there are. */
export async function rebuildClusters(sql: SqlRunner): Promise<number> {
  const [row] = await sql<{ clusters: number }>('SELECT rebuild_account_clusters() AS clusters');
  return row.clusters;
}

export interface ClusterRow {
  accountIds: string[];
  sharedSignals: SignalKind[];
  freeAccounts: number;
}

// The ranking is an index scan of the maintained sizes that stops after
// `limit` rows; members and linking kinds are read for those clusters only.
// Two accounts sharing a value are always in one cluster, so a value held
// twice among a cluster's members is exactly a value that links them.
// Per-cluster LATERAL reads keep every step an index lookup.
const FREE_PLAN_CLUSTERS_SQL = `
WITH ranked AS (
  SELECT cluster_id, free_members, members
    FROM account_cluster_sizes
   WHERE free_members >= $1
   ORDER BY free_members DESC, members DESC, cluster_id
   LIMIT $2
)
SELECT r.cluster_id, r.free_members, ml.account_ids, kl.kinds
  FROM ranked r
 CROSS JOIN LATERAL (
   SELECT array_agg(m.account_id::text ORDER BY m.account_id) AS account_ids
     FROM account_clusters m WHERE m.cluster_id = r.cluster_id
 ) ml
 CROSS JOIN LATERAL (
   SELECT coalesce(array_agg(DISTINCT v.kind ORDER BY v.kind), '{}') AS kinds
     FROM (SELECT s.kind
             FROM account_clusters m
             JOIN account_signals s ON s.account_id = m.account_id AND s.kind = ANY(${KINDS})
            WHERE m.cluster_id = r.cluster_id
            GROUP BY s.kind, s.value_hash
           HAVING count(*) > 1) v
 ) kl
 ORDER BY r.free_members DESC, r.members DESC, r.cluster_id`;

/**
 * Clusters with at least `minSize` accounts on plans without commercial use,
 * most free accounts first (then most accounts). Every member is listed,
 * paid ones included; sharedSignals are the kinds whose values two members share.
 */
export async function findFreePlanClusters(sql: SqlRunner, minSize: number, limit: number): Promise<ClusterRow[]> {
  const rows = await sql<{ free_members: number; account_ids: string[]; kinds: SignalKind[] }>(FREE_PLAN_CLUSTERS_SQL, [minSize, limit]);
  return rows.map((r) => ({ accountIds: r.account_ids, sharedSignals: r.kinds, freeAccounts: r.free_members }));
}
