import { MigrationInterface, QueryRunner } from 'typeorm';

// Connected components of accounts linked by EMAIL, PAYMENT_FINGERPRINT or
// DEVICE_ID signals (9(n)), maintained so that freePlanClusters reads an index
// of cluster sizes instead of walking a graph of every signal:
//
// - account_clusters: one row per linked account (accounts linked to nobody
//   have none) with its cluster label and whether its plan is free. The
//   signal service merges labels in the transaction that records a linking
//   signal; rebuild_account_clusters() recomputes everything set-wise (for
//   rows written by plain SQL, such as benchmark seeds).
// - account_cluster_sizes: members and free members per cluster, kept by
//   statement triggers on account_clusters; the ranking is an index scan.
// - a plan change (accounts.plan_code, plans.commercial_use) updates the free flag by trigger,
//   whatever code path makes it.
//
// Every write to account_clusters holds the cluster lock (advisory 7311009,
// CLUSTER_LOCK in src/services/account-clusters.ts), so merges, rebuilds and
// plan changes take turns. account_clusters has no foreign key on purpose:
// its check would lock the account row while the cluster lock is held, and a
// plan change holds that row while it waits for the cluster lock (deadlock).
// A trigger removes the row of a deleted account instead.
const LOCK = 7311009;

const SIZES_FOLLOW = `
CREATE FUNCTION account_cluster_sizes_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE account_cluster_sizes s
       SET members = s.members - d.members, free_members = s.free_members - d.free_members
      FROM (SELECT cluster_id, count(*)::int AS members, (count(*) FILTER (WHERE free))::int AS free_members
              FROM old_rows GROUP BY cluster_id) d
     WHERE s.cluster_id = d.cluster_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO account_cluster_sizes AS s (cluster_id, members, free_members)
    SELECT cluster_id, count(*)::int, (count(*) FILTER (WHERE free))::int FROM new_rows GROUP BY cluster_id
    ON CONFLICT (cluster_id) DO UPDATE
      SET members = s.members + EXCLUDED.members, free_members = s.free_members + EXCLUDED.free_members;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM account_cluster_sizes s USING (SELECT DISTINCT cluster_id FROM old_rows) d
     WHERE s.cluster_id = d.cluster_id AND s.members = 0;
  END IF;
  RETURN NULL;
END $$`;

const FOLLOW_ACCOUNT_PLAN = `
CREATE FUNCTION account_clusters_follow_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT commercial_use FROM plans WHERE code = OLD.plan_code) IS NOT DISTINCT FROM
     (SELECT commercial_use FROM plans WHERE code = NEW.plan_code) THEN
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(${LOCK});
  UPDATE account_clusters c SET free = NOT p.commercial_use
    FROM plans p
   WHERE p.code = NEW.plan_code AND c.account_id = NEW.id AND c.free IS DISTINCT FROM NOT p.commercial_use;
  RETURN NULL;
END $$`;

const FOLLOW_PLANS = `
CREATE FUNCTION account_clusters_follow_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(${LOCK});
  UPDATE account_clusters c SET free = NOT NEW.commercial_use
    FROM accounts a
   WHERE a.plan_code = NEW.code AND c.account_id = a.id AND c.free IS DISTINCT FROM NOT NEW.commercial_use;
  RETURN NULL;
END $$`;

const FORGET_ACCOUNT = `
CREATE FUNCTION account_clusters_forget_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(${LOCK});
  DELETE FROM account_clusters WHERE account_id = OLD.id;
  RETURN NULL;
END $$`;

const REBUILD = `
CREATE FUNCTION rebuild_account_clusters() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  changed integer;
  jumped integer;
BEGIN
  PERFORM pg_advisory_xact_lock(${LOCK});
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
  DELETE FROM account_cluster_sizes;
  -- A cluster is named after its least member.
  INSERT INTO account_clusters (account_id, cluster_id, free)
    SELECT l.account_id, r.account_id, NOT p.commercial_use
      FROM cluster_labels l
      JOIN cluster_labels r ON r.n = l.label
      JOIN accounts a ON a.id = l.account_id
      JOIN plans p ON p.code = a.plan_code;
  RETURN (SELECT count(*)::integer FROM account_cluster_sizes);
END $$`;

export class AccountClusters1764000000100 implements MigrationInterface {
  name = 'AccountClusters1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE account_clusters (
        account_id uuid PRIMARY KEY,
        cluster_id uuid NOT NULL,
        free boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX account_clusters_cluster_idx ON account_clusters (cluster_id, account_id)`);
    await q.query(`
      CREATE TABLE account_cluster_sizes (
        cluster_id uuid PRIMARY KEY,
        members integer NOT NULL CHECK (members >= 0),
        free_members integer NOT NULL CHECK (free_members >= 0 AND free_members <= members)
      )`);
    await q.query(`CREATE INDEX account_cluster_sizes_rank_idx ON account_cluster_sizes (free_members DESC, members DESC, cluster_id)`);

    await q.query(SIZES_FOLLOW);
    // Transition tables need one trigger per event.
    await q.query(`CREATE TRIGGER account_clusters_sizes_insert AFTER INSERT ON account_clusters
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_cluster_sizes_follow()`);
    await q.query(`CREATE TRIGGER account_clusters_sizes_update AFTER UPDATE ON account_clusters
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION account_cluster_sizes_follow()`);
    await q.query(`CREATE TRIGGER account_clusters_sizes_delete AFTER DELETE ON account_clusters
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION account_cluster_sizes_follow()`);

    await q.query(FOLLOW_ACCOUNT_PLAN);
    await q.query(`CREATE TRIGGER accounts_plan_follow_clusters AFTER UPDATE OF plan_code ON accounts
      FOR EACH ROW WHEN (OLD.plan_code IS DISTINCT FROM NEW.plan_code) EXECUTE FUNCTION account_clusters_follow_plan()`);
    await q.query(FOLLOW_PLANS);
    await q.query(`CREATE TRIGGER plans_commercial_use_follow_clusters AFTER UPDATE OF commercial_use ON plans
      FOR EACH ROW WHEN (OLD.commercial_use IS DISTINCT FROM NEW.commercial_use) EXECUTE FUNCTION account_clusters_follow_plans()`);
    await q.query(FORGET_ACCOUNT);
    await q.query(`CREATE TRIGGER accounts_delete_forget_clusters AFTER DELETE ON accounts
      FOR EACH ROW EXECUTE FUNCTION account_clusters_forget_account()`);

    await q.query(REBUILD);
    // Signals recorded before this migration (none are expected) get their clusters now.
    await q.query(`SELECT rebuild_account_clusters()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS accounts_delete_forget_clusters ON accounts`);
    await q.query(`DROP TRIGGER IF EXISTS plans_commercial_use_follow_clusters ON plans`);
    await q.query(`DROP TRIGGER IF EXISTS accounts_plan_follow_clusters ON accounts`);
    await q.query(`DROP FUNCTION IF EXISTS rebuild_account_clusters()`);
    await q.query(`DROP FUNCTION IF EXISTS account_clusters_forget_account()`);
    await q.query(`DROP FUNCTION IF EXISTS account_clusters_follow_plans()`);
    await q.query(`DROP FUNCTION IF EXISTS account_clusters_follow_plan()`);
    await q.query(`DROP TABLE IF EXISTS account_cluster_sizes`);
    await q.query(`DROP TABLE IF EXISTS account_clusters`);
    await q.query(`DROP FUNCTION IF EXISTS account_cluster_sizes_follow()`);
  }
}
