import { MigrationInterface, QueryRunner } from 'typeorm';

// Connected components of accounts linked by EMAIL, PAYMENT_FINGERPRINT or
// DEVICE_ID signals (9(n)), kept as a label per linked account so that
// freePlanClusters is one GROUP BY over linked accounts only, not a graph
// walk over every signal. Accounts linked to nobody have no row. The service
// merges labels in the transaction that records a linking signal;
// rebuild_account_clusters() recomputes them all from account_signals, set-wise
// (for rows written by SQL, such as benchmark seeds, or after deletions).
//
// 7311009 is the cluster maintenance lock; it must equal CLUSTER_LOCK in
// src/services/account-clusters.ts.
const REBUILD = `
CREATE FUNCTION rebuild_account_clusters() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  changed integer;
  jumped integer;
BEGIN
  PERFORM pg_advisory_xact_lock(7311009);
  DROP TABLE IF EXISTS pg_temp.cluster_edges, pg_temp.cluster_labels;
  -- One row per account and value held by two or more accounts: only those link anything.
  CREATE TEMP TABLE cluster_edges ON COMMIT DROP AS
    SELECT s.account_id, g.gid
      FROM (SELECT kind, value_hash, row_number() OVER () AS gid
              FROM account_signals
             WHERE kind IN ('EMAIL', 'PAYMENT_FINGERPRINT', 'DEVICE_ID')
             GROUP BY kind, value_hash
            HAVING count(*) > 1) g
      JOIN account_signals s ON s.kind = g.kind AND s.value_hash = g.value_hash;
  CREATE TEMP TABLE cluster_labels ON COMMIT DROP AS
    SELECT account_id, n, n AS label
      FROM (SELECT account_id, row_number() OVER (ORDER BY account_id) AS n
              FROM (SELECT DISTINCT account_id FROM cluster_edges) d) a;
  ALTER TABLE cluster_labels ADD PRIMARY KEY (account_id);
  CREATE UNIQUE INDEX ON cluster_labels (n);
  CREATE INDEX ON cluster_edges (gid);
  ANALYZE cluster_edges;
  ANALYZE cluster_labels;
  -- Label propagation (each account takes the least label among the values it shares)
  -- with pointer jumping (a label takes its own label's label), until nothing changes.
  LOOP
    WITH g AS (SELECT e.gid, min(l.label) AS label FROM cluster_edges e JOIN cluster_labels l USING (account_id) GROUP BY e.gid),
         m AS (SELECT e.account_id, min(g.label) AS label FROM cluster_edges e JOIN g USING (gid) GROUP BY e.account_id)
    UPDATE cluster_labels l SET label = m.label FROM m WHERE l.account_id = m.account_id AND m.label < l.label;
    GET DIAGNOSTICS changed = ROW_COUNT;
    UPDATE cluster_labels l SET label = r.label FROM cluster_labels r WHERE r.n = l.label AND r.label < l.label;
    GET DIAGNOSTICS jumped = ROW_COUNT;
    EXIT WHEN changed = 0 AND jumped = 0;
  END LOOP;
  DELETE FROM account_clusters;
  -- A cluster is named after its least member.
  INSERT INTO account_clusters (account_id, cluster_id)
    SELECT l.account_id, r.account_id FROM cluster_labels l JOIN cluster_labels r ON r.n = l.label;
  RETURN (SELECT count(DISTINCT label)::integer FROM cluster_labels);
END $$`;

export class AccountClusters1764000000100 implements MigrationInterface {
  name = 'AccountClusters1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_clusters (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        cluster_id uuid NOT NULL
      )`);
    await q.query(`CREATE INDEX account_clusters_cluster_idx ON account_clusters (cluster_id, account_id)`);
    await q.query(REBUILD);
    // Signals recorded before this migration (none are expected) get their clusters now.
    await q.query(`SELECT rebuild_account_clusters()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS rebuild_account_clusters()`);
    await q.query(`DROP TABLE IF EXISTS account_clusters`);
  }
}
