/**
 * What an admin's account search means, decided from its text alone:
 * - a UUID: that account's id, exactly;
 * - text with an "@": an email, exact or prefix (emails are stored lower-cased);
 * - anything else: an email prefix, or a substring of the display name or the
 *   organization's legal name, case- and accent-insensitively. Substrings need
 *   at least NAME_MIN_LENGTH characters: trigram indexes cannot narrow a
 *   shorter one, and it would match nearly everything.
 */
export type AccountSearch =
  { kind: 'id'; id: string } | { kind: 'email'; emailPrefix: string } | { kind: 'text'; emailPrefix: string; name: string | null };

export const NAME_MIN_LENGTH = 3;
export const MAX_SEARCH_LENGTH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Escapes LIKE's wildcards (%, _) and its escape character, so the text matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** null when there is nothing to search for (no text, or only spaces). */
export function parseAccountSearch(search: string | null | undefined): AccountSearch | null {
  const text = (search ?? '').trim();
  if (text === '') return null;
  if (UUID.test(text)) return { kind: 'id', id: text.toLowerCase() };
  const emailPrefix = escapeLike(text.toLowerCase());
  if (text.includes('@')) return { kind: 'email', emailPrefix };
  // Folding (case, accents) happens in SQL with the same function the indexes use.
  return { kind: 'text', emailPrefix, name: [...text].length >= NAME_MIN_LENGTH ? escapeLike(text) : null };
}
