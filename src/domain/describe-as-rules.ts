// What an admin may write as a catalog entry's description (`describeAs`):
// the words a blocked prompt's suggestion puts where the reference was
// ("glam rock with operatic vocals"). Shared by the API and the CSV import,
// so both refuse the same values; the database CHECK says the same.

import type { Reason } from './domain-error';
import { CatalogRowDraft, checkCatalogRow } from './screening/catalog-entry-rules';

export const DESCRIBE_AS_MAX = 200;

// C0 and C1 controls (line breaks, tabs, NUL), line and paragraph separators, and the bidi
// controls that could make the text display other than it reads.
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export type DescribeAsCheck =
  | { ok: true; value: string }
  | {
      ok: false;
      reason: Extract<Reason, 'TEXT_REQUIRED' | 'TEXT_TOO_LONG' | 'TEXT_CONTAINS_CONTROL' | 'INVALID_VALUE'>;
      message: string;
    };

/**
 * Checks one description: trimmed, 1 to {@link DESCRIBE_AS_MAX} characters
 * (code points, as PostgreSQL counts them), one line without control
 * characters, and at least one letter or digit.
 *
 * @param value - The description as given (null clears it: the caller's case, not this check's).
 * @returns The trimmed value, or the rule it breaks.
 */
export function checkDescribeAs(value: string): DescribeAsCheck {
  const trimmed = value.trim();
  if (trimmed === '') return { ok: false, reason: 'TEXT_REQUIRED', message: 'describeAs must not be empty (null clears it)' };
  if (CONTROL.test(trimmed)) {
    return {
      ok: false,
      reason: 'TEXT_CONTAINS_CONTROL',
      message: 'describeAs must be one line without control characters (line breaks, tabs, NUL, direction marks)',
    };
  }
  if ([...trimmed].length > DESCRIBE_AS_MAX) {
    return { ok: false, reason: 'TEXT_TOO_LONG', message: `describeAs must be at most ${DESCRIBE_AS_MAX} characters` };
  }
  if (!/[\p{L}\p{N}]/u.test(trimmed)) {
    return { ok: false, reason: 'INVALID_VALUE', message: 'describeAs must contain a letter or a digit' };
  }
  return { ok: true, value: trimmed };
}

/** A catalog row with the description it asks for. */
export interface DescribedRowDraft extends CatalogRowDraft {
  /** The description asked for; null when the row says nothing (a new entry then has none, an existing one keeps its own). */
  describeAs: string | null;
}

export type DescribedRowCheck =
  { ok: true; entry: DescribedRowDraft } | { ok: false; field: 'kind' | 'text' | 'override' | 'describeAs'; message: string };

/**
 * Validates a row as the bulk paths take it (the API's list of entries, the
 * CSV): the rules of {@link checkCatalogRow}, and a description, when given,
 * by {@link checkDescribeAs}. Null or blank says nothing, as for the override.
 */
export function checkDescribedRow(kind: string, text: string, override: string | null, describeAs: string | null): DescribedRowCheck {
  const row = checkCatalogRow(kind, text, override);
  if (!row.ok) return row;
  if (describeAs === null || describeAs.trim() === '') return { ok: true, entry: { ...row.entry, describeAs: null } };
  const described = checkDescribeAs(describeAs);
  if (!described.ok) return { ok: false, field: 'describeAs', message: described.message };
  return { ok: true, entry: { ...row.entry, describeAs: described.value } };
}
