// What makes a catalog entry acceptable, and when two entries are the same.
// Shared by the API and the CSV import, so both refuse exactly the same rows.

import { createHash } from 'node:crypto';
import { CatalogKind, ScreeningOverride } from '../enums';
import { normalizeText } from './normalize';

export const CATALOG_TEXT_MAX = 20_000;
export const CATALOG_KINDS: ReadonlySet<string> = new Set(Object.values(CatalogKind));
export const SCREENING_OVERRIDES: ReadonlySet<string> = new Set(Object.values(ScreeningOverride));

/** An entry ready to store: trimmed text and its identity key. */
export interface CatalogEntryDraft {
  kind: CatalogKind;
  text: string;
  /** SHA-256 (hex) of the normalized text; see {@link catalogTextKey}. */
  key: string;
}

export type CatalogEntryCheck = { ok: true; entry: CatalogEntryDraft } | { ok: false; field: 'kind' | 'text'; message: string };

/** A draft with what a bulk write also stores: the normalized text and the override asked for. */
export interface CatalogRowDraft extends CatalogEntryDraft {
  /** {@link normalizeText} of the text: what the catalog search matches against. */
  normalized: string;
  /** The override asked for; null when the row says nothing (a new entry is then AUTO, an existing one keeps its own). */
  override: ScreeningOverride | null;
}

export type CatalogRowCheck = { ok: true; entry: CatalogRowDraft } | { ok: false; field: 'kind' | 'text' | 'override'; message: string };

/**
 * Characters as PostgreSQL's length() counts them (code points), so the limit
 * here and the CHECK in the database agree on text with emoji.
 *
 * @param text - Any string.
 * @returns Its number of Unicode code points.
 */
export function characterCount(text: string): number {
  if (text.length <= 1) return text.length;
  let surrogatePairs = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        surrogatePairs++;
        i++;
      }
    }
  }
  return text.length - surrogatePairs;
}

/**
 * The identity of a catalog text: two entries of one kind are duplicates when
 * their texts normalize alike ("Ana Lux", "ana  lux", "ANA LUX!"), because
 * screening cannot tell them apart. A hash, since a unique btree index cannot
 * hold a 20,000-character lyric.
 *
 * @param text - Catalog text as given.
 * @returns 64 hex characters.
 */
export function catalogTextKey(text: string): string {
  return keyOfNormalized(normalizeText(text));
}

function keyOfNormalized(normalized: string): string {
  return createHash('sha256').update(normalized, 'utf8').digest('hex');
}

/**
 * Validates one entry: a known kind, 1 to {@link CATALOG_TEXT_MAX} characters
 * after trimming, and at least one letter or digit (anything else could never
 * match a prompt).
 *
 * @param kind - Kind as given (any string, from the API or a CSV row).
 * @param text - Text as given.
 * @returns The draft to store, or the first problem found.
 */
export function checkCatalogEntry(kind: string, text: string): CatalogEntryCheck {
  const check = checkCatalogRow(kind, text, null);
  if (!check.ok) return check as CatalogEntryCheck;
  const { entry } = check;
  return { ok: true, entry: { kind: entry.kind, text: entry.text, key: entry.key } };
}

/**
 * Validates an entry with its optional override, the way both the API and
 * the CSV import take them: the rules of {@link checkCatalogEntry}, and an
 * override, when given, is one of ALWAYS, AUTO, NEVER (exactly, like kinds).
 *
 * @param kind - Kind as given.
 * @param text - Text as given.
 * @param override - Override as given; null or empty (after trimming) says nothing.
 * @returns The row to store, or the first problem found.
 */
export function checkCatalogRow(kind: string, text: string, override: string | null): CatalogRowCheck {
  if (!CATALOG_KINDS.has(kind)) {
    return { ok: false, field: 'kind', message: `kind must be one of ${[...CATALOG_KINDS].join(', ')}` };
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, field: 'text', message: 'text must not be empty' };
  // PostgreSQL text cannot hold U+0000: refused here so an import skips the row instead of failing its batch.
  if (trimmed.includes('\u0000')) return { ok: false, field: 'text', message: 'text must not contain NUL characters' };
  if (characterCount(trimmed) > CATALOG_TEXT_MAX) {
    return { ok: false, field: 'text', message: `text must be at most ${CATALOG_TEXT_MAX} characters` };
  }
  const normalized = normalizeText(trimmed);
  if (normalized === '') return { ok: false, field: 'text', message: 'text must contain a letter or a digit' };
  const asked = override === null ? '' : override.trim();
  if (asked !== '' && !SCREENING_OVERRIDES.has(asked)) {
    return { ok: false, field: 'override', message: `override must be one of ${[...SCREENING_OVERRIDES].join(', ')}` };
  }
  return {
    ok: true,
    entry: {
      kind: kind as CatalogKind,
      text: trimmed,
      key: keyOfNormalized(normalized),
      normalized,
      override: asked === '' ? null : (asked as ScreeningOverride),
    },
  };
}
