import { refuse } from '../../errors';

/**
 * Trims a required free-text argument and checks its length, so that a value of
 * only spaces counts as empty. Throws BAD_USER_INPUT naming the field.
 */
export function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0) throw refuse('TEXT_REQUIRED', `${field} is required`, { field });
  // PostgreSQL text cannot hold U+0000.
  if (text.includes('\u0000')) throw refuse('TEXT_CONTAINS_NUL', `${field} must not contain NUL characters`, { field });
  // Counted in characters (code points), as PostgreSQL's length() does.
  if ([...text].length > max) throw refuse('TEXT_TOO_LONG', `${field} must be at most ${max} characters`, { field });
  return text;
}

/** Like requireText for optional arguments: absent or blank becomes null. */
export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return requireText(value, field, max);
}
