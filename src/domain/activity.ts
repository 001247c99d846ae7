// Time predicates over the snapshot facts. Every function takes the instant as
// an argument so a decision is reproducible for any point in time. The
// *Window interfaces are the one shape of each time-bound record; the
// decision's *Fact types are these.

/** The validity window of a written authorization. */
export interface AuthorizationWindow {
  validFrom: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** The window of a suspension. */
export interface SuspensionWindow {
  startsAt: Date;
  endsAt: Date | null;
  liftedAt: Date | null;
}

/** A published policy version. */
export interface PolicyVersionWindow {
  version: string;
  effectiveAt: Date;
  significant: boolean;
}

/**
 * Whether an authorization is in force at `t`: validFrom <= t < expiresAt
 * (no expiry = open-ended) and not revoked at or before `t`.
 */
export function isAuthorizationActive(a: AuthorizationWindow, t: Date): boolean {
  const ms = t.getTime();
  if (a.validFrom.getTime() > ms) return false;
  if (a.expiresAt !== null && a.expiresAt.getTime() <= ms) return false;
  return a.revokedAt === null || a.revokedAt.getTime() > ms;
}

/**
 * Whether a suspension is in force at `t`: startsAt <= t < endsAt (no end =
 * indefinite) and not lifted at or before `t`.
 */
export function isSuspensionActive(s: SuspensionWindow, t: Date): boolean {
  const ms = t.getTime();
  if (s.startsAt.getTime() > ms) return false;
  if (s.endsAt !== null && s.endsAt.getTime() <= ms) return false;
  return s.liftedAt === null || s.liftedAt.getTime() > ms;
}

/** What orders policy versions. */
export type DatedVersion = Pick<PolicyVersionWindow, 'version' | 'effectiveAt'>;

/**
 * The one order of policy versions: later effective date first; on a tie the
 * greater version string (ordinal comparison). Positive when `a` is newer.
 */
export function compareVersions(a: DatedVersion, b: DatedVersion): number {
  const d = a.effectiveAt.getTime() - b.effectiveAt.getTime();
  if (d !== 0) return d;
  return a.version === b.version ? 0 : a.version > b.version ? 1 : -1;
}

export function isNewer(a: DatedVersion, b: DatedVersion): boolean {
  return compareVersions(a, b) > 0;
}

/** The newest of some versions by compareVersions, or null for none. */
export function latestVersion<V extends DatedVersion>(versions: readonly V[]): V | null {
  let best: V | null = null;
  for (const v of versions) if (best === null || isNewer(v, best)) best = v;
  return best;
}

/**
 * Whether accepting `accepted` satisfies a requirement to accept `required`:
 * it is that version, or one taking effect strictly later. (A version of the
 * same instant does not count, whatever its name.)
 */
export function satisfiesRequirement(accepted: DatedVersion, required: DatedVersion): boolean {
  return accepted.version === required.version || accepted.effectiveAt.getTime() > required.effectiveAt.getTime();
}

/** The newest version among those effective at or before `t`, or null. */
function latestInEffect<V extends PolicyVersionWindow>(versions: readonly V[], t: Date): V | null {
  const ms = t.getTime();
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveAt.getTime() > ms) continue;
    if (best === null || isNewer(v, best)) best = v;
  }
  return best;
}

/**
 * The version an account must have accepted (or superseded) at `t`: the latest
 * SIGNIFICANT version already in effect. Null when no significant version is in
 * effect, so nothing is required. Minor versions never create a requirement.
 */
export function requiredPolicyVersion<V extends PolicyVersionWindow>(versions: readonly V[], t: Date): V | null {
  return latestInEffect(
    versions.filter((v) => v.significant),
    t,
  );
}

/**
 * The version (significant or not) that governs a decision at `t`. Before any
 * version takes effect, the first one to take effect is reported, so the value
 * is never empty while versions exist; '' only when the list is empty.
 */
export function policyVersionInEffect(versions: readonly PolicyVersionWindow[], t: Date): string {
  const current = latestInEffect(versions, t);
  if (current !== null) return current.version;
  if (versions.length === 0) return '';
  // The version that will be in effect at the earliest effective date (the one order decides a tie).
  let earliest = Infinity;
  for (const v of versions) earliest = Math.min(earliest, v.effectiveAt.getTime());
  return latestInEffect(versions, new Date(earliest))!.version;
}
