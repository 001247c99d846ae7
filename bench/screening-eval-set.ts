// The screening evaluation, apart from where the catalog lives: reads a
// development (or held-out) set, generates prompts that reference its songs in
// many phrasings, screens everything and counts. Used by screening-eval.ts.

import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MatchVerdict } from '../src/domain/enums';
import { normalizeText } from '../src/domain/screening/normalize';
import type { CatalogRelation, ScreeningResult } from '../src/domain/screening/screening-index';

export interface EvalSet {
  catalog: Array<{ kind: string; text: string }>;
  pairs: Array<{ title: string; artist: string }>;
  prompts: string[];
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

/** Title–performer relations of the pairs, one per performer of each credit. */
export function relationsOf(pairs: EvalSet['pairs']): CatalogRelation[] {
  const out: CatalogRelation[] = [];
  for (const { title, artist } of pairs) for (const performer of splitCredit(artist)) out.push({ a: title, b: performer });
  return out;
}

/** A prompt that references a song; caught when some BLOCK names one of `expected`. */
export interface Reference {
  form: string;
  prompt: string;
  expected: string[];
}

const dropAccents = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');

/** Phrasings of a reference to one song (title, its main performer, the full credit). */
export const FORMS: Record<string, (t: string, p: string, credit: string) => string> = {
  'title by artist': (t, _p, credit) => `${t} by ${credit}`,
  'in the style of artist': (_t, p) => `Write a song in the style of ${p}, with a warm bass line`,
  'quoted title': (t) => `A slow acoustic version of "${t}" with soft vocals`,
  'a song called title': (t) => `Make a song called ${t} for a summer road trip`,
  'all lower case': (t, p) => `an upbeat track like ${t.toLowerCase()} by ${p.toLowerCase()}`,
  'accents dropped': (t, _p, credit) => dropAccents(`${t} - ${credit}, but as a lofi beat`),
  'extra punctuation': (t, p) => `sounds like... "${t}"!!! (${p}???)`,
  'artist alone, lower case': (_t, p) => `give me a beat that sounds like ${p.toLowerCase()}`,
};

export function referencesOf(pairs: EvalSet['pairs'], catalogTexts: ReadonlySet<string>): Reference[] {
  const out: Reference[] = [];
  for (const { title, artist } of pairs) {
    const performers = splitCredit(artist).filter((p) => catalogTexts.has(normalizeText(p)));
    const performer = performers[0] ?? artist;
    const expected = [title, ...performers];
    for (const [form, make] of Object.entries(FORMS)) out.push({ form, prompt: make(title, performer, artist), expected });
  }
  return out;
}

export interface EvalReport {
  prompts: number;
  blockedPrompts: number;
  reviewedPrompts: number;
  falsePositivesByEntry: Array<[string, number]>;
  references: number;
  caught: number;
  caughtByForm: Record<string, [caught: number, total: number]>;
  misses: Reference[];
}

export function evaluate(screen: (text: string) => ScreeningResult, set: Pick<EvalSet, 'prompts'>, references: Reference[]): EvalReport {
  let blockedPrompts = 0;
  let reviewedPrompts = 0;
  const byEntry = new Map<string, number>();
  for (const prompt of set.prompts) {
    const { allowed, matches } = screen(prompt);
    if (!allowed) blockedPrompts++;
    else if (matches.length > 0) reviewedPrompts++;
    for (const m of matches) {
      if (m.verdict !== MatchVerdict.BLOCK) continue;
      const key = `${m.kind} ${m.entryText} [${m.evidence.join('; ')}]`;
      byEntry.set(key, (byEntry.get(key) ?? 0) + 1);
    }
  }
  let caught = 0;
  const caughtByForm: EvalReport['caughtByForm'] = {};
  const misses: Reference[] = [];
  for (const ref of references) {
    const expected = new Set(ref.expected.map(normalizeText));
    const { matches } = screen(ref.prompt);
    const hit = matches.some((m) => m.verdict === MatchVerdict.BLOCK && expected.has(normalizeText(m.entryText)));
    const counts = (caughtByForm[ref.form] ??= [0, 0]);
    counts[1]++;
    if (hit) {
      caught++;
      counts[0]++;
    } else misses.push(ref);
  }
  return {
    prompts: set.prompts.length,
    blockedPrompts,
    reviewedPrompts,
    falsePositivesByEntry: [...byEntry].sort((a, b) => b[1] - a[1]),
    references: references.length,
    caught,
    caughtByForm,
    misses,
  };
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(d, 1)).toFixed(2)}%`;

export function printReport(r: EvalReport, log: (line: string) => void, shownMisses = 40): void {
  log(
    `ordinary prompts: ${r.prompts}, blocked ${r.blockedPrompts} (${pct(r.blockedPrompts, r.prompts)}), review only ${r.reviewedPrompts}`,
  );
  log(`references: ${r.references}, caught ${r.caught} (${pct(r.caught, r.references)})`);
  for (const [form, [c, t]] of Object.entries(r.caughtByForm)) log(`  ${form.padEnd(26)} ${pct(c, t).padStart(8)}  (${c}/${t})`);
  log(`false positives by entry (${r.falsePositivesByEntry.length} entries):`);
  for (const [entry, n] of r.falsePositivesByEntry.slice(0, 60)) log(`  ${String(n).padStart(4)}  ${entry}`);
  log(`misses (${r.misses.length}, first ${Math.min(shownMisses, r.misses.length)}):`);
  for (const m of r.misses.slice(0, shownMisses)) log(`  [${m.form}] ${m.prompt}`);
}
