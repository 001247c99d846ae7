// Revisions are opaque to integrators ("pass them back, compare them never").
// This client ships in the same repository as the server and is tested against
// its encoding (src/domain/revision.ts), so it may order them: `r` and the
// audit sequence in base 36. Anything else orders as unknown, and an unknown
// order never lets memory answer.

const TOKEN = /^r[0-9a-z]{1,11}$/;

/** The position a revision names, or null when it is not one this client can read. */
export function revisionPosition(token: string | null | undefined): number | null {
  if (token == null || !TOKEN.test(token)) return null;
  const position = parseInt(token.slice(1), 36);
  return Number.isSafeInteger(position) ? position : null;
}

/** The later of two revisions; an unreadable one wins (the server judges it). */
export function laterRevision(a: string | null, b: string | null): string | null {
  if (a == null) return b;
  if (b == null) return a;
  const pa = revisionPosition(a);
  const pb = revisionPosition(b);
  if (pa === null) return a;
  if (pb === null) return b;
  return pb > pa ? b : a;
}
