import { DataSource } from 'typeorm';
import type { AccountSnapshot, AuthorizationFact, SuspensionFact } from '../../domain/decide-entitlement';
import { AuthorizationKind, OrganizationKind, ProhibitedSector } from '../../domain/enums';

/** A snapshot plus what the cache needs to know to invalidate it. */
export interface LoadedSnapshot {
  snapshot: AccountSnapshot;
  /** Accounts linked by EMAIL or PAYMENT_FINGERPRINT: their suspensions are part of this decision. */
  linkedAccountIds: string[];
}

// One statement for any number of accounts: the decision's inputs are a few
// index lookups per account, aggregated in PostgreSQL.
const SNAPSHOT_SQL = `
SELECT a.id,
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
       (SELECT coalesce(array_agg(DISTINCT other.account_id), '{}')
          FROM account_signals mine
          JOIN account_signals other ON other.kind = mine.kind AND other.value_hash = mine.value_hash
         WHERE mine.account_id = a.id AND other.account_id <> a.id
           AND mine.kind IN ('EMAIL', 'PAYMENT_FINGERPRINT')) AS linked_ids
  FROM accounts a
  JOIN plans p ON p.code = a.plan_code
  LEFT JOIN organizations o ON o.account_id = a.id
  LEFT JOIN industries i ON i.code = o.naics_code
 WHERE a.id = ANY($1::uuid[])`;

const LINKED_SUSPENSIONS_SQL = `
SELECT s.account_id, s.starts_at, s.ends_at, s.lifted_at
  FROM suspensions s
 WHERE s.account_id = ANY($1::uuid[])`;

const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

interface Row {
  id: string;
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
}

/**
 * Reads the decision inputs of many accounts in at most two statements,
 * whatever their number: one for the accounts, one for the suspensions of
 * the accounts they are linked to (only when there are links).
 */
export async function loadSnapshots(dataSource: DataSource, ids: readonly string[]): Promise<Map<string, LoadedSnapshot>> {
  const result = new Map<string, LoadedSnapshot>();
  if (ids.length === 0) return result;
  const rows: Row[] = await dataSource.query(SNAPSHOT_SQL, [ids]);
  const linked = new Set<string>();
  for (const row of rows) for (const id of row.linked_ids) linked.add(id);
  const linkedSuspensions = new Map<string, SuspensionFact[]>();
  if (linked.size > 0) {
    const suspensionRows: Array<{ account_id: string; starts_at: Date; ends_at: Date | null; lifted_at: Date | null }> =
      await dataSource.query(LINKED_SUSPENSIONS_SQL, [[...linked]]);
    for (const s of suspensionRows) {
      const list = linkedSuspensions.get(s.account_id) ?? [];
      list.push({ startsAt: s.starts_at, endsAt: s.ends_at, liftedAt: s.lifted_at });
      linkedSuspensions.set(s.account_id, list);
    }
  }
  for (const row of rows) {
    result.set(row.id, { snapshot: toSnapshot(row, linkedSuspensions), linkedAccountIds: row.linked_ids });
  }
  return result;
}

function toSnapshot(row: Row, linkedSuspensions: Map<string, SuspensionFact[]>): AccountSnapshot {
  const authorizations: AuthorizationFact[] = row.authorizations.map(([kind, from, expires, revoked]) => ({
    kind, validFrom: new Date(from), expiresAt: date(expires), revokedAt: date(revoked),
  }));
  const suspensions: SuspensionFact[] = row.suspensions.map(([starts, ends, lifted]) => ({
    startsAt: new Date(starts), endsAt: date(ends), liftedAt: date(lifted),
  }));
  return {
    accountId: row.id,
    plan: { code: row.plan_code, commercialUse: row.commercial_use },
    organization: row.org_kind === null ? null : {
      kind: row.org_kind,
      industry: row.naics_code === null ? null : {
        code: row.naics_code,
        prohibitedSector: row.prohibited_sector,
        governmentSector: row.government_sector === true,
      },
      declaredSectors: row.declared_sectors ?? [],
      performsPublicFunctions: row.performs_public_functions === true,
    },
    governmentVerified: row.government_verified,
    authorizations,
    suspensions,
    acceptedPolicyVersions: row.accepted,
    linkedSuspensions: row.linked_ids.flatMap((id) => linkedSuspensions.get(id) ?? []),
  };
}
