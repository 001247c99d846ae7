import { refuse } from '../../errors';

// A position in the entitlement.changed stream: the outbox id of an event,
// opaque to clients. The version prefix lets the format change later while
// old cursors are still recognised (or refused clearly).
const PREFIX = 'ec1:';
const MAX_ID = 2n ** 63n - 1n;

/** The cursor of the event with this outbox id. */
export function encodeEntitlementCursor(id: bigint | string): string {
  return Buffer.from(`${PREFIX}${String(id)}`, 'utf8').toString('base64url');
}

/** The outbox id a cursor names; BAD_USER_INPUT INVALID_CURSOR when it is not one of ours. */
export function decodeEntitlementCursor(cursor: string): bigint {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^ec1:(\d{1,19})$/.exec(text);
  const id = match ? BigInt(match[1]) : 0n;
  if (id < 1n || id > MAX_ID) throw invalidEntitlementCursor();
  return id;
}

export function invalidEntitlementCursor() {
  return refuse('INVALID_CURSOR', 'The cursor is not a cursor of this stream', { field: 'after' });
}
