import { escapeLike } from './account-search';

/**
 * An industry typeahead's text: digits (and the dash of sector ranges such as
 * 31-33) are a NAICS code prefix; anything else is title words, each of which
 * must appear in the title (case and accents folded in SQL).
 */
export type IndustrySearch = { kind: 'code'; prefix: string } | { kind: 'words'; text: string; words: string[] };

export const MAX_INDUSTRY_SEARCH_LENGTH = 100;

export function parseIndustrySearch(search: string): IndustrySearch | null {
  const text = search.trim().replace(/\s+/g, ' ');
  if (text === '') return null;
  if (/^[0-9][0-9-]*$/.test(text)) return { kind: 'code', prefix: escapeLike(text) };
  // Punctuation is no part of a word here ("Motion Picture & Video" by "picture video").
  const words = text
    .split(/[\s,;:&/()]+/)
    .filter((w) => w !== '')
    .map(escapeLike);
  return words.length === 0 ? null : { kind: 'words', text, words };
}
