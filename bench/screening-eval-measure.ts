// Screens the evaluation's prompts and counts. Ordinary prompts: how many are
// blocked, how many only sent to review, and which catalog entries are behind
// them. References: a reference is caught when a BLOCK names one of the names
// it was written with; per form, cue forms against no-cue forms, and per
// evasion class against the same prompts written plainly.
// Only the screener's answer shape is assumed here, so the ruler does not
// change when the screener's code moves.

import { EvasionClass } from './screening-eval-evasion';
import { FORM_BY_NAME, Reference, renderReference } from './screening-eval-forms';
import { OrdinaryPrompt } from './screening-eval-ordinary';
import { hash32, nameKey, randomFor } from './screening-eval-random';
import { Vocabulary } from './screening-eval-vocabulary';

export interface ScreenedMatch {
  kind: string;
  entryText: string;
  verdict: string;
  evidence: string[];
}

export type Screen = (text: string) => { allowed: boolean; matches: readonly ScreenedMatch[] };

const BLOCK = 'BLOCK';
const REVIEW = 'REVIEW';

export interface EntryCount {
  /** Kind and text of the catalog entry. */
  entry: string;
  /** Prompts it blocked (or sent to review). */
  count: number;
  example: string;
  evidence: string[];
}

export interface OrdinaryReport {
  prompts: number;
  blocked: number;
  /** Sent to review and not blocked. */
  reviewed: number;
  blockRate: number;
  reviewRate: number;
  topBlocked: EntryCount[];
  topReviewed: EntryCount[];
  families?: Record<string, OrdinaryReport>;
}

const rate = (n: number, d: number) => (d === 0 ? 0 : n / d);

function countEntry(counts: Map<string, EntryCount>, m: ScreenedMatch, prompt: string): void {
  const entry = `${m.kind} ${m.entryText}`;
  const seen = counts.get(entry);
  if (seen === undefined) counts.set(entry, { entry, count: 1, example: prompt, evidence: m.evidence });
  else seen.count++;
}

const top = (counts: Map<string, EntryCount>, n: number) =>
  [...counts.values()].sort((a, b) => b.count - a.count || (a.entry < b.entry ? -1 : 1)).slice(0, n);

function ordinaryOf(screen: Screen, prompts: readonly string[], topN: number): OrdinaryReport {
  let blocked = 0;
  let reviewed = 0;
  const blocks = new Map<string, EntryCount>();
  const reviews = new Map<string, EntryCount>();
  for (const prompt of prompts) {
    const { allowed, matches } = screen(prompt);
    const once = new Set<string>();
    const firstOnly = (m: ScreenedMatch) => {
      const key = `${m.verdict} ${m.kind} ${m.entryText}`;
      if (once.has(key)) return false;
      once.add(key);
      return true;
    };
    if (!allowed) {
      blocked++;
      for (const m of matches) if (m.verdict === BLOCK && firstOnly(m)) countEntry(blocks, m, prompt);
    } else if (matches.some((m) => m.verdict === REVIEW)) {
      reviewed++;
      for (const m of matches) if (m.verdict === REVIEW && firstOnly(m)) countEntry(reviews, m, prompt);
    }
  }
  return {
    prompts: prompts.length,
    blocked,
    reviewed,
    blockRate: rate(blocked, prompts.length),
    reviewRate: rate(reviewed, prompts.length),
    topBlocked: top(blocks, topN),
    topReviewed: top(reviews, topN),
  };
}

/** Screens ordinary prompts (distinct strings); with families, also one report per family. */
export function evaluateOrdinary(screen: Screen, prompts: readonly (string | OrdinaryPrompt)[], topN = 15): OrdinaryReport {
  const items = prompts.map((p) => (typeof p === 'string' ? { family: '', prompt: p } : p));
  const distinct = [...new Map(items.map((p) => [p.prompt, p])).values()];
  const report = ordinaryOf(
    screen,
    distinct.map((p) => p.prompt),
    topN,
  );
  const families = [...new Set(distinct.map((p) => p.family))].filter((f) => f !== '');
  if (families.length > 0) {
    report.families = Object.fromEntries(
      families.map((f) => [
        f,
        ordinaryOf(
          screen,
          distinct.filter((p) => p.family === f).map((p) => p.prompt),
          topN,
        ),
      ]),
    );
  }
  return report;
}

export interface Tally {
  prompts: number;
  caught: number;
  /** Not caught, but a REVIEW names one of its names. */
  reviewed: number;
  catchRate: number;
}

export interface EvasionTally {
  rule: string;
  /** Prompts whose names all take the disguise (the others are left out of this class). */
  prompts: number;
  /** Of those prompts, caught when written plainly and when disguised. */
  plainCaught: number;
  caught: number;
  /** caught / plainCaught; the goal is at least 0.9. */
  ratio: number;
  cue: { prompts: number; plainCaught: number; caught: number; ratio: number };
  noCue: { prompts: number; plainCaught: number; caught: number; ratio: number };
  /** A few disguised prompts caught plainly but missed. */
  missed: string[];
}

export interface ReferenceReport extends Tally {
  cue: Tally;
  noCue: Tally;
  byForm: Record<string, Tally & { cue: boolean }>;
  evasion: Record<string, EvasionTally>;
  /** Bases per form the evasion classes were applied to (0 = all). */
  evasionSample: number;
  /** The first few missed prompts of each form. */
  misses: Array<{ form: string; prompt: string }>;
}

type Outcome = 'caught' | 'reviewed' | 'missed';

function outcome(screen: Screen, prompt: string, expected: ReadonlySet<string>): Outcome {
  const { matches } = screen(prompt);
  let reviewed = false;
  for (const m of matches) {
    if (!expected.has(nameKey(m.entryText))) continue;
    if (m.verdict === BLOCK) return 'caught';
    reviewed = true;
  }
  return reviewed ? 'reviewed' : 'missed';
}

function tally(): Tally {
  return { prompts: 0, caught: 0, reviewed: 0, catchRate: 0 };
}

function add(t: Tally, o: Outcome): void {
  t.prompts++;
  if (o === 'caught') t.caught++;
  else if (o === 'reviewed') t.reviewed++;
  t.catchRate = rate(t.caught, t.prompts);
}

/** The bases each evasion class is applied to: all, or `sample` per form chosen by a seeded hash. */
function evasionBases(references: readonly Reference[], sample: number): Reference[] {
  if (sample <= 0) return [...references];
  const byForm = new Map<string, Reference[]>();
  for (const ref of references) {
    let list = byForm.get(ref.form);
    if (list === undefined) byForm.set(ref.form, (list = []));
    list.push(ref);
  }
  return [...byForm.values()].flatMap((list) =>
    list
      .map((ref) => ({ ref, order: hash32(`evasion-sample\u0000${ref.prompt}`) }))
      .sort((a, b) => a.order - b.order)
      .slice(0, sample)
      .map(({ ref }) => ref),
  );
}

export function evaluateReferences(
  screen: Screen,
  references: readonly Reference[],
  v: Vocabulary,
  classes: readonly EvasionClass[],
  options: { evasionSample?: number; /** Missed prompts kept per form. */ shownMisses?: number } = {},
): ReferenceReport {
  const evasionSample = options.evasionSample ?? 0;
  const missesPerForm = options.shownMisses ?? 3;
  const report: ReferenceReport = { ...tally(), cue: tally(), noCue: tally(), byForm: {}, evasion: {}, evasionSample, misses: [] };
  const plain = new Map<Reference, Outcome>();
  for (const ref of references) {
    const o = outcome(screen, ref.prompt, new Set(ref.expected.map(nameKey)));
    plain.set(ref, o);
    add(report, o);
    add(ref.cue ? report.cue : report.noCue, o);
    const form = (report.byForm[ref.form] ??= { ...tally(), cue: ref.cue });
    add(form, o);
    if (o !== 'caught' && form.prompts - form.caught <= missesPerForm) report.misses.push({ form: ref.form, prompt: ref.prompt });
  }
  const bases = evasionBases(references, evasionSample);
  for (const cls of classes) {
    const part = () => ({ prompts: 0, plainCaught: 0, caught: 0, ratio: 0 });
    const t: EvasionTally = { rule: cls.rule, prompts: 0, plainCaught: 0, caught: 0, ratio: 0, cue: part(), noCue: part(), missed: [] };
    for (const ref of bases) {
      const r = randomFor('evasion', cls.name, ref.prompt);
      const disguised = renderReference(FORM_BY_NAME.get(ref.form)!, ref.song, v, (name) => cls.disguise(name, r));
      if (disguised === null || disguised === ref.prompt) continue;
      const wasCaught = plain.get(ref) === 'caught';
      const isCaught = outcome(screen, disguised, new Set(ref.expected.map(nameKey))) === 'caught';
      for (const p of [t, ref.cue ? t.cue : t.noCue]) {
        p.prompts++;
        if (wasCaught) p.plainCaught++;
        if (isCaught) p.caught++;
        p.ratio = rate(p.caught, p.plainCaught);
      }
      if (wasCaught && !isCaught && t.missed.length < 5) t.missed.push(disguised);
    }
    report.evasion[cls.name] = t;
  }
  return report;
}
