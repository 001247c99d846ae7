// The screening evaluation's data and its two halves. A development (or
// held-out) set is a catalog CSV, title–performer pairs and ordinary prompts;
// the pairs are split so that a performer's songs, and every song of one
// title, land in one half only: thresholds are set on the tuning half, and the
// other half says whether they generalise to songs and performers not looked at.

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { hash32, nameKey } from './screening-eval-random';

export interface EvalSet {
  catalog: Array<{ kind: string; text: string }>;
  pairs: Pair[];
  prompts: string[];
}

export interface Pair {
  title: string;
  artist: string;
}

export function readEvalSet(paths: { catalog: string; pairs: string; prompts: string }): EvalSet {
  return {
    catalog: parse(readFileSync(paths.catalog), { columns: true, skip_empty_lines: true }),
    pairs: JSON.parse(readFileSync(paths.pairs, 'utf8')),
    prompts: JSON.parse(readFileSync(paths.prompts, 'utf8')),
  };
}

// A chart credit names several performers: split as the catalog was ("&", "featuring", "with", "x", "and", commas).
const CREDIT_SEPARATORS = /\s*(?:,|&|\bfeaturing\b|\bfeat\.?|\bft\.?|\bwith\b|\bx\b|\band\b|\/)\s*/i;

/** The performers of a credit ("Elvis Presley With The Jordanaires" → both). */
export function splitCredit(credit: string): string[] {
  return credit
    .split(CREDIT_SEPARATORS)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** A credit cut into performers and what lies between them, so each performer can be rewritten in place. */
export function creditParts(credit: string): Array<{ text: string; performer: boolean }> {
  const separators = new RegExp(CREDIT_SEPARATORS.source, 'gi');
  const out: Array<{ text: string; performer: boolean }> = [];
  let at = 0;
  for (const m of credit.matchAll(separators)) {
    if (m.index > at) out.push({ text: credit.slice(at, m.index), performer: true });
    if (m[0] !== '') out.push({ text: m[0], performer: false });
    at = m.index + m[0].length;
  }
  if (at < credit.length) out.push({ text: credit.slice(at), performer: true });
  return out;
}

/** Title–performer relations of the pairs, one per performer of each credit (the relation service's input). */
export function relationsOf(pairs: readonly Pair[]): Array<{ title: string; artist: string }> {
  const out: Array<{ title: string; artist: string }> = [];
  for (const { title, artist } of pairs) for (const performer of splitCredit(artist)) out.push({ title, artist: performer });
  return out;
}

export type Half = 'tune' | 'heldout';
export const HALVES: readonly Half[] = ['tune', 'heldout'];
/** Thresholds and rules may be set on this half only. */
export const TUNING_HALF: Half = 'tune';

/** The half a performer, a title or an ordinary prompt belongs to: a seeded hash of its comparison key. */
export function halfOf(kind: 'performer' | 'title' | 'prompt' | 'name' | 'word', text: string): Half {
  return (hash32(`${kind}\u0000${nameKey(text)}`) & 1) === 0 ? 'tune' : 'heldout';
}

export interface PairSplit {
  tune: Pair[];
  heldout: Pair[];
  /** Songs left out of both halves, and why. */
  setAside: {
    /** Credits whose performers fall in different halves (a collaboration across the split). */
    performersAcross: number;
    /** Songs of a title whose other songs are by performers of the other half (covers, common titles). */
    titleAcross: number;
  };
}

/**
 * Splits songs by performer and by title: a song goes to the half of its
 * performers when all of them hash to the same half; a title sung in both
 * halves stays only in the half its own hash picks. Everything else is set
 * aside, so no performer and no title appears in both halves.
 */
export function splitPairs(pairs: readonly Pair[]): PairSplit {
  let performersAcross = 0;
  const kept: Array<{ pair: Pair; half: Half }> = [];
  for (const pair of pairs) {
    const halves = new Set(splitCredit(pair.artist).map((p) => halfOf('performer', p)));
    if (halves.size !== 1) {
      performersAcross++;
      continue;
    }
    kept.push({ pair, half: [...halves][0] });
  }
  const titleHalves = new Map<string, Set<Half>>();
  for (const { pair, half } of kept) {
    const key = nameKey(pair.title);
    let set = titleHalves.get(key);
    if (set === undefined) titleHalves.set(key, (set = new Set()));
    set.add(half);
  }
  const split: PairSplit = { tune: [], heldout: [], setAside: { performersAcross, titleAcross: 0 } };
  for (const { pair, half } of kept) {
    if (titleHalves.get(nameKey(pair.title))!.size > 1 && halfOf('title', pair.title) !== half) {
      split.setAside.titleAcross++;
      continue;
    }
    split[half].push(pair);
  }
  return split;
}

/** Ordinary prompts of one half, each distinct string once. */
export function promptsOfHalf(prompts: readonly string[], half: Half): string[] {
  return [...new Set(prompts)].filter((p) => halfOf('prompt', p) === half);
}

/**
 * A small fixed part of a set (for the test run by `npm test`): `songs` pairs
 * and `prompts` ordinary prompts chosen by a seeded hash, so the same data
 * always gives the same sample; the catalog is kept whole, so ordinary
 * prompts meet every entry they would meet in the full run.
 */
export function sampleEvalSet(set: EvalSet, songs: number, prompts: number): EvalSet {
  const first = <T>(xs: readonly T[], key: (x: T) => string, n: number) =>
    xs
      .map((x) => ({ x, order: hash32(`sample\u0000${key(x)}`) }))
      .sort((a, b) => a.order - b.order)
      .slice(0, n)
      .map(({ x }) => x);
  return {
    catalog: set.catalog,
    pairs: first(set.pairs, (p) => `${p.title}\u0000${p.artist}`, songs),
    prompts: first(set.prompts, (p) => p, prompts),
  };
}
