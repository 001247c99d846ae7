// What each half of the evaluation screens, and the screening of it: the
// command (screening-eval.ts) and the sample test share this, so both measure
// the same way. Pure apart from the screen function it is given.

import { EVASION_CLASSES, EvasionClass } from './screening-eval-evasion';
import { Reference, REFERENCE_FORMS, ReferenceForm, referencesOf, songsOf } from './screening-eval-forms';
import { evaluateOrdinary, evaluateReferences, OrdinaryReport, ReferenceReport, Screen } from './screening-eval-measure';
import { OrdinaryPrompt, userStylePrompts } from './screening-eval-ordinary';
import { ORDINARY_PHRASINGS, PHRASINGS } from './screening-eval-phrasings';
import { EVAL_SEED, nameKey, randomFor } from './screening-eval-random';
import { EvalSet, Half, HALVES, halfOf, Pair, PairSplit, promptsOfHalf, relationsOf, splitPairs, TUNING_HALF } from './screening-eval-set';
import { Vocabulary } from './screening-eval-vocabulary';

/** Whose title–performer relations the screener is given. */
export type RelationSource = 'tune' | 'all' | 'none';

export interface PlanOptions {
  /** Default 'tune': the held-out half's songs are measured without their own relations. */
  relations?: RelationSource;
  /** Distinct generated user-style prompts per family and half (default 600). */
  userPerFamily?: number;
  /** Replaces the generated user-style prompts (e.g. a held-out file); split between the halves by hash. */
  userPrompts?: readonly (string | OrdinaryPrompt)[];
  forms?: readonly ReferenceForm[];
  /** Also the phrasings outside the forms (screening-eval-phrasings.ts), measured apart. */
  phrasings?: boolean;
}

/** Ordinary prompts per phrasing template and half. */
const ORDINARY_PER_PHRASING = 600;

export interface HalfInputs {
  half: Half;
  songs: number;
  references: Reference[];
  /** Reference prompts dropped because the tuning half has the same string. */
  referencesInBoth: number;
  musicCaps: string[];
  userStyle: OrdinaryPrompt[];
  /** References in the phrasings outside the forms, and ordinary prompts with their glue words (empty unless planned). */
  phrasings: Reference[];
  phrasingOrdinary: OrdinaryPrompt[];
}

export interface EvalPlan {
  pairs: number;
  split: { tune: number; heldout: number; setAside: PairSplit['setAside'] };
  relationSource: RelationSource;
  relations: Array<{ title: string; artist: string }>;
  halves: Record<Half, HalfInputs>;
}

/** Splits the set and builds every prompt of both halves, each distinct string once and in one half only. */
export function planEvaluation(set: EvalSet, v: Vocabulary, options: PlanOptions = {}): EvalPlan {
  const relationSource = options.relations ?? 'tune';
  const catalogKeys = new Set(set.catalog.map((r) => nameKey(r.text)));
  const split = splitPairs(set.pairs);
  const relationPairs: Pair[] = relationSource === 'all' ? set.pairs : relationSource === 'tune' ? split[TUNING_HALF] : [];
  const perFamily = options.userPerFamily ?? 600;
  const halves = {} as Record<Half, HalfInputs>;
  const tuneReferences = new Set<string>();
  const tuneUser = new Set<string>();
  for (const half of [TUNING_HALF, ...HALVES.filter((h) => h !== TUNING_HALF)]) {
    const songs = songsOf(split[half], catalogKeys);
    const all = referencesOf(songs, v, options.forms ?? REFERENCE_FORMS);
    const references = half === TUNING_HALF ? all : all.filter((r) => !tuneReferences.has(r.prompt));
    if (half === TUNING_HALF) for (const r of all) tuneReferences.add(r.prompt);
    const userStyle =
      options.userPrompts !== undefined
        ? options.userPrompts
            .map((p) => (typeof p === 'string' ? { family: 'given', prompt: p } : p))
            .filter((p) => halfOf('prompt', p.prompt) === half)
        : userStylePrompts(v, half, catalogKeys, perFamily, tuneUser);
    if (half === TUNING_HALF) for (const p of userStyle) tuneUser.add(p.prompt);
    halves[half] = {
      half,
      songs: songs.length,
      references,
      referencesInBoth: all.length - references.length,
      musicCaps: promptsOfHalf(set.prompts, half),
      userStyle,
      phrasings: options.phrasings ? referencesOf(songs, v, PHRASINGS) : [],
      phrasingOrdinary: options.phrasings ? phrasingOrdinary(v, half, catalogKeys) : [],
    };
  }
  return {
    pairs: set.pairs.length,
    split: { tune: split.tune.length, heldout: split.heldout.length, setAside: split.setAside },
    relationSource,
    relations: relationsOf(relationPairs),
    halves,
  };
}

function phrasingOrdinary(v: Vocabulary, half: Half, catalogKeys: ReadonlySet<string>): OrdinaryPrompt[] {
  const out: OrdinaryPrompt[] = [];
  for (const t of ORDINARY_PHRASINGS) {
    const seen = new Set<string>();
    for (let i = 0; seen.size < ORDINARY_PER_PHRASING && i < ORDINARY_PER_PHRASING * 20; i++) {
      const prompt = t.make(randomFor('phrasing', half, t.name, String(i)), v, catalogKeys);
      if (prompt !== null) seen.add(prompt);
    }
    for (const prompt of seen) out.push({ family: t.name, prompt });
  }
  return out;
}

export interface HalfReport {
  half: Half;
  /** Thresholds may be set on this half only. */
  tuning: boolean;
  songs: number;
  referencesInBoth: number;
  references: ReferenceReport;
  ordinary: { musicCaps: OrdinaryReport; userStyle: OrdinaryReport };
  /** Phrasings outside the forms, when planned: references and ordinary prompts. */
  phrasings?: { references: ReferenceReport; ordinary: OrdinaryReport };
}

export interface RunOptions {
  evasionClasses?: readonly EvasionClass[];
  /** Bases per form each evasion class is applied to (0 = all). */
  evasionSample?: number;
  topEntries?: number;
  shownMisses?: number;
}

export function evaluateHalf(screen: Screen, inputs: HalfInputs, v: Vocabulary, options: RunOptions = {}): HalfReport {
  return {
    half: inputs.half,
    tuning: inputs.half === TUNING_HALF,
    songs: inputs.songs,
    referencesInBoth: inputs.referencesInBoth,
    references: evaluateReferences(screen, inputs.references, v, options.evasionClasses ?? EVASION_CLASSES, {
      evasionSample: options.evasionSample,
      shownMisses: options.shownMisses,
    }),
    ordinary: {
      musicCaps: evaluateOrdinary(screen, inputs.musicCaps, options.topEntries),
      userStyle: evaluateOrdinary(screen, inputs.userStyle, options.topEntries),
    },
    ...(inputs.phrasings.length === 0
      ? {}
      : {
          phrasings: {
            references: evaluateReferences(screen, inputs.phrasings, v, [], { shownMisses: options.shownMisses }),
            ordinary: evaluateOrdinary(screen, inputs.phrasingOrdinary, options.topEntries),
          },
        }),
  };
}

/** The results file's shape: what was measured, how, and both halves. */
export interface EvalResults {
  when: string;
  seed: number;
  tuningHalf: Half;
  paths: Record<string, string>;
  pairs: number;
  split: EvalPlan['split'];
  relations: { source: RelationSource; count: number };
  evasionRules: Record<string, string>;
  halves: Partial<Record<Half, HalfReport>>;
}

export function resultsOf(
  plan: EvalPlan,
  reports: readonly HalfReport[],
  paths: Record<string, string>,
  when: string,
  classes: readonly EvasionClass[] = EVASION_CLASSES,
): EvalResults {
  return {
    when,
    seed: EVAL_SEED,
    tuningHalf: TUNING_HALF,
    paths,
    pairs: plan.pairs,
    split: plan.split,
    relations: { source: plan.relationSource, count: plan.relations.length },
    evasionRules: Object.fromEntries(classes.map((c) => [c.name, c.rule])),
    halves: Object.fromEntries(reports.map((r) => [r.half, r])),
  };
}
