import type { Sql } from '../../infrastructure/sql';
import type { AccountSnapshot, AuthorizationFact, PolicyVersionFact, SuspensionFact } from '../../domain/decide-entitlement';
import { AuthorizationKind, OrganizationKind, ProhibitedSector } from '../../domain/enums';
import { DENYING_SIGNAL_KINDS } from '../../domain/signals';

/** A snapshot plus what the cache needs to know to invalidate it. */
export interface LoadedSnapshot {
  snapshot: AccountSnapshot;
  /** Accounts linked by EMAIL or PAYMENT_FINGERPRINT: their suspensions are part of this decision. */
  linkedAccountIds: string[];
}

// The 9(n) kinds as SQL literals, fixed when the module loads: the statement
// text stays constant (it is prepared once) and the planner sees the values.
const DENYING_KINDS_SQL = DENYING_SIGNAL_KINDS.map((kind) => {
  if (!/^[A-Z_]+$/.test(kind)) throw new Error(`Unexpected signal kind ${kind}`);
  return `'${kind}'`;
}).join(', ');

// One statement for any number of accounts: the decision's inputs are a few
// index lookups per account, aggregated in PostgreSQL. The policy versions
// ride along on request, so a cold decision is one round trip.
export const SNAPSHOT_SQL = `
WITH versions AS (
  SELECT CASE WHEN $2::boolean THEN
           (SELECT coalesce(json_agg(json_build_array(v.version, v.effective_at, v.significant)), '[]') FROM policy_versions v)
         END AS list
)
SELECT versions.list AS policy_versions,
       a.id,
       a.plan_code,
       p.commercial_use,
       a.government_verified,
       o.kind AS org_kind,
       o.naics_code,
       i.prohibited_sector,
       i.government_sector,
       o.declared_sectors,
       o.performs_public_functions,
       (SELECT coalesce(json_agg(json_build_array(z.kind, z.valid_from, z.expires_at, z.revoked_at)), '[]')
          FROM authorizations z WHERE z.account_id = a.id) AS authorizations,
       (SELECT coalesce(json_agg(json_build_array(s.starts_at, s.ends_at, s.lifted_at)), '[]')
          FROM suspensions s WHERE s.account_id = a.id) AS suspensions,
       (SELECT coalesce(array_agg(pa.version), '{}') FROM policy_acceptances pa WHERE pa.account_id = a.id) AS accepted,
       linked.ids AS linked_ids,
       (SELECT coalesce(json_agg(json_build_array(ls.starts_at, ls.ends_at, ls.lifted_at)), '[]')
          FROM suspensions ls WHERE ls.account_id = ANY(linked.ids)) AS linked_suspensions
  FROM versions
  LEFT JOIN accounts a ON a.id = ANY($1::uuid[])
  LEFT JOIN plans p ON p.code = a.plan_code
  LEFT JOIN organizations o ON o.account_id = a.id
  LEFT JOIN industries i ON i.code = o.naics_code
  LEFT JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT other.account_id), '{}') AS ids
      FROM account_signals mine
      JOIN account_signals other ON other.kind = mine.kind AND other.value_hash = mine.value_hash
     WHERE mine.account_id = a.id AND other.account_id <> a.id
       AND mine.kind IN (${DENYING_KINDS_SQL})
  ) linked ON true`;

// On a replica: the same statement, and from the same snapshot the audit
// sequence it has replayed, so the caller knows whether it is new enough.
export const REPLICA_SNAPSHOT_SQL = `
SELECT snapshot.*, (SELECT coalesce(max(sequence), 0) FROM audit_events)::bigint AS replayed_sequence
  FROM (${SNAPSHOT_SQL}) snapshot`;

const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

interface Row {
  policy_versions: Array<[string, string, boolean]> | null;
  id: string | null;
  plan_code: string;
  commercial_use: boolean;
  government_verified: boolean | null;
  org_kind: OrganizationKind | null;
  naics_code: string | null;
  prohibited_sector: ProhibitedSector | null;
  government_sector: boolean | null;
  declared_sectors: ProhibitedSector[] | null;
  performs_public_functions: boolean | null;
  authorizations: Array<[AuthorizationKind, string, string | null, string | null]>;
  suspensions: Array<[string, string | null, string | null]>;
  accepted: string[];
  linked_ids: string[];
  linked_suspensions: Array<[string, string | null, string | null]>;
  /** Only in REPLICA_SNAPSHOT_SQL. */
  replayed_sequence?: string;
}

export interface SnapshotBatch {
  snapshots: Map<string, LoadedSnapshot>;
  /** Only when asked for. */
  policyVersions: PolicyVersionFact[] | null;
}

/** A batch read on a replica, with the audit sequence the replica had replayed when it was read. */
export interface ReplicaSnapshotBatch extends SnapshotBatch {
  replayed: number;
}

/**
 * Reads the decision inputs of any number of accounts in one statement,
 * and the policy versions with them when `withPolicyVersions` is set.
 */
export async function loadSnapshots(
  sql: Sql,
  ids: readonly string[],
  options: { withPolicyVersions?: boolean } = {},
): Promise<SnapshotBatch> {
  const rows = await sql.query<Row>(SNAPSHOT_SQL, [ids, options.withPolicyVersions === true]);
  return toBatch(rows);
}

/** loadSnapshots on a replica: also says up to which audit sequence what it read is current. */
export async function loadReplicaSnapshots(
  sql: Sql,
  ids: readonly string[],
  options: { withPolicyVersions?: boolean } = {},
): Promise<ReplicaSnapshotBatch> {
  const rows = await sql.query<Row>(REPLICA_SNAPSHOT_SQL, [ids, options.withPolicyVersions === true]);
  return { ...toBatch(rows), replayed: Number(rows[0]?.replayed_sequence ?? 0) };
}

function toBatch(rows: Row[]): SnapshotBatch {
  const snapshots = new Map<string, LoadedSnapshot>();
  for (const row of rows) {
    if (row.id !== null) snapshots.set(row.id, { snapshot: toSnapshot(row), linkedAccountIds: row.linked_ids });
  }
  const list = rows[0]?.policy_versions ?? null;
  return {
    snapshots,
    policyVersions:
      list === null
        ? null
        : list.map(([version, effectiveAt, significant]) => ({ version, effectiveAt: new Date(effectiveAt), significant })),
  };
}

const suspension = ([starts, ends, lifted]: [string, string | null, string | null]): SuspensionFact => ({
  startsAt: new Date(starts),
  endsAt: date(ends),
  liftedAt: date(lifted),
});

function toSnapshot(row: Row): AccountSnapshot {
  const authorizations: AuthorizationFact[] = row.authorizations.map(([kind, from, expires, revoked]) => ({
    kind,
    validFrom: new Date(from),
    expiresAt: date(expires),
    revokedAt: date(revoked),
  }));
  return {
    accountId: row.id as string,
    plan: { code: row.plan_code, commercialUse: row.commercial_use },
    organization:
      row.org_kind === null
        ? null
        : {
            kind: row.org_kind,
            industry:
              row.naics_code === null
                ? null
                : {
                    code: row.naics_code,
                    prohibitedSector: row.prohibited_sector,
                    governmentSector: row.government_sector === true,
                  },
            declaredSectors: row.declared_sectors ?? [],
            performsPublicFunctions: row.performs_public_functions === true,
          },
    governmentVerified: row.government_verified,
    authorizations,
    suspensions: row.suspensions.map(suspension),
    acceptedPolicyVersions: row.accepted,
    linkedSuspensions: row.linked_suspensions.map(suspension),
  };
}
