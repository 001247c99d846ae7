import type { Principal } from '../../src/auth/token-verifier';
import type { TestApp } from './test-app';

export interface RaceOutcome {
  data: Record<string, any> | null;
  code: string | undefined;
  reason: string | undefined;
}

/** Sends the same operation `count` times at once over real HTTP, each with its own token. */
export async function race(
  app: TestApp,
  principal: Principal,
  count: number,
  query: string,
  variables: Record<string, unknown>,
): Promise<RaceOutcome[]> {
  const token = await app.token(principal);
  const responses = await Promise.all(
    Array.from({ length: count }, () => app.http(query, variables, { authorization: `Bearer ${token}` })),
  );
  return responses.map(({ body }) => ({
    data: body.data ?? null,
    code: body.errors?.[0]?.extensions?.code,
    reason: body.errors?.[0]?.extensions?.reason,
  }));
}

/** The distinct reasons of the refused outcomes, sorted. */
export function reasonsOf(outcomes: RaceOutcome[]): string[] {
  return [...new Set(outcomes.filter((o) => o.code !== undefined).map((o) => String(o.reason)))].sort();
}

/** Tallies outcomes: { ok: n, CONFLICT: m, ... }. */
export function tally(outcomes: RaceOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.code ?? 'ok';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** @deprecated use auditEventsOf from audit.ts. */
export { auditEventsOf as auditOf } from './audit';
export type { AuditEventView as AuditRow } from './audit';

const TABLES = ['accounts', 'authorizations', 'suspensions', 'reports', 'appeals', 'audit_events'] as const;

/** Row counts and a fingerprint of every row of the enforcement tables, to show a failed mutation wrote nothing. */
export async function snapshot(app: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await app.dataSource.query(
      `SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') AS f FROM ${table} t`,
    );
    out[table] = row.f;
  }
  return out;
}
