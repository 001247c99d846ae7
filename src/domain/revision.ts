// Consistency tokens: a revision names a point in the order of committed
// changes (the audit log's sequence, taken under the chain's lock and so in
// commit order). A caller passes one back as `atLeast` to be answered from
// state at least that new, on any server process. Opaque to callers: the
// encoding may change; only this module reads it.

const PREFIX = 'r';
const TOKEN = /^r[0-9a-z]{1,11}$/;

/** The token of audit sequence `sequence` (0: nothing committed yet). */
export function encodeRevision(sequence: number): string {
  return PREFIX + sequence.toString(36);
}

/**
 * The audit sequence a token names, or null when it is not a token of ours.
 *
 * @param token - What a caller passed as `atLeast`.
 */
export function decodeRevision(token: string): number | null {
  if (!TOKEN.test(token)) return null;
  const sequence = parseInt(token.slice(PREFIX.length), 36);
  return Number.isSafeInteger(sequence) ? sequence : null;
}

/** The payload of an account-change notification: `sequence:id,id,...` (ids may be empty). */
export function encodeAccountChange(sequence: number | null, accountIds: readonly string[]): string {
  return `${sequence ?? ''}:${accountIds.join(',')}`;
}

/** Reads {@link encodeAccountChange}; a payload without a sequence (no audited change) gives null. */
export function decodeAccountChange(payload: string): { sequence: number | null; accountIds: string[] } {
  const colon = payload.indexOf(':');
  const head = colon === -1 ? '' : payload.slice(0, colon);
  const ids = colon === -1 ? payload : payload.slice(colon + 1);
  const sequence = head === '' ? null : Number(head);
  return {
    sequence: sequence !== null && Number.isSafeInteger(sequence) ? sequence : null,
    accountIds: ids === '' ? [] : ids.split(','),
  };
}
