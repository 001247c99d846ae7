/**
 * Opaque keyset cursors: the sort key of the last row seen, as base64url of a
 * JSON array of strings. Pure: no database, no GraphQL.
 */

export type KeyType = 'timestamptz' | 'uuid' | 'int' | 'text';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT = /^-?\d{1,18}$/;
const MAX_CURSOR_LENGTH = 1024;

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function valid(type: KeyType, value: string): boolean {
  switch (type) {
    // Round-tripped to the second, so that no impossible date (February 30) reaches the database.
    case 'timestamptz':
      return (
        ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 19) === value.slice(0, 19)
      );
    case 'uuid':
      return UUID.test(value);
    case 'int':
      return INT.test(value);
    case 'text':
      return value.length <= 512 && !value.includes('\u0000');
  }
}

/**
 * The key values of a cursor made by encodeCursor for the same key shape, or
 * null when it is anything else (not base64url, not JSON, wrong arity or type).
 */
export function decodeCursor(cursor: string, types: readonly KeyType[]): string[] | null {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length) return null;
  if (!parsed.every((v, i) => typeof v === 'string' && valid(types[i], v))) return null;
  return parsed as string[];
}

export const MAX_PAGE_SIZE = 200;

/** `first` of a connection: 1..MAX_PAGE_SIZE. */
export function isValidPageSize(first: number): boolean {
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE;
}
