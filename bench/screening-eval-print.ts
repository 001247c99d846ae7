// The evaluation's readable summary; the JSON results file holds the same and more.

import { OrdinaryReport, ReferenceReport } from './screening-eval-measure';
import { PHRASINGS } from './screening-eval-phrasings';
import { EvalResults, HalfReport } from './screening-eval-run';
import { HALVES } from './screening-eval-set';

const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
const num = (n: number) => n.toLocaleString('en-US');

function printEntries(title: string, entries: OrdinaryReport['topBlocked'], log: (line: string) => void, shown: number): void {
  if (entries.length === 0) return;
  log(`    ${title}:`);
  for (const e of entries.slice(0, shown)) {
    log(`      ${String(e.count).padStart(4)}  ${e.entry}  [${e.evidence.join('; ')}]  e.g. ${JSON.stringify(e.example)}`);
  }
}

function printOrdinary(name: string, r: OrdinaryReport, log: (line: string) => void, shown: number): void {
  const row = (label: string, x: OrdinaryReport) =>
    log(
      `  ${label.padEnd(34)} ${num(x.prompts).padStart(7)}  block ${pct(x.blockRate).padStart(7)}  review ${pct(x.reviewRate).padStart(7)}`,
    );
  row(name, r);
  for (const [family, f] of Object.entries(r.families ?? {})) row(`  ${family}`, f);
  printEntries('top entries behind blocks', r.topBlocked, log, shown);
  printEntries('top entries behind reviews', r.topReviewed, log, shown);
}

export function printHalf(h: HalfReport, log: (line: string) => void, shownEntries = 10): void {
  log('');
  log(`== ${h.half} half${h.tuning ? ' (the tuning half: thresholds may be set on it only)' : ' (held out: not to be tuned on)'} ==`);
  log(`songs ${num(h.songs)}; reference prompts dropped as also in the tuning half: ${h.referencesInBoth}`);
  log('ordinary prompts (distinct)           prompts');
  printOrdinary('MusicCaps captions', h.ordinary.musicCaps, log, shownEntries);
  printOrdinary('user-style, generated', h.ordinary.userStyle, log, shownEntries);
  const r = h.references;
  const row = (label: string, t: { prompts: number; caught: number; reviewed: number; catchRate: number }) =>
    log(
      `  ${label.padEnd(40)} ${num(t.prompts).padStart(7)}  caught ${pct(t.catchRate).padStart(7)}  review only ${pct(t.reviewed / Math.max(t.prompts, 1)).padStart(7)}`,
    );
  log('references (distinct prompts)');
  row('all forms', r);
  row('cue forms', r.cue);
  row('no-cue forms', r.noCue);
  for (const [form, t] of Object.entries(r.byForm)) row(`  ${t.cue ? 'cue' : 'no-cue'}: ${form}`, t);
  log(
    `evasion: caught disguised / caught plain on the same prompts (goal >= 0.90)${r.evasionSample > 0 ? `, ${r.evasionSample} prompts per form` : ''}`,
  );
  for (const [name, e] of Object.entries(r.evasion)) {
    log(
      `  ${name.padEnd(18)} ${num(e.prompts).padStart(7)} prompts  plain ${num(e.plainCaught).padStart(7)}  disguised ${num(e.caught).padStart(7)}  ratio ${e.ratio.toFixed(3)}  (cue ${e.cue.ratio.toFixed(3)}, no-cue ${e.noCue.ratio.toFixed(3)})`,
    );
    if (e.missed.length > 0) log(`      missed: ${e.missed.map((m) => JSON.stringify(m)).join('  ')}`);
  }
  if (r.misses.length > 0) {
    log('references missed (the first of each form):');
    for (const m of r.misses) log(`  [${m.form}] ${m.prompt}`);
  }
  if (h.phrasings !== undefined) {
    log('phrasings outside the forms (never tuned on as a set; * the commonest)');
    const common = new Set(PHRASINGS.filter((p) => p.common).map((p) => p.name));
    const round = new Map(PHRASINGS.map((p) => [p.name, p.round]));
    for (const [form, t] of Object.entries(h.phrasings.references.byForm))
      row(`  ${common.has(form) ? '*' : ' '} ${round.get(form)}: ${form}`, t);
    printOrdinary('ordinary prompts, the same glue words', h.phrasings.ordinary, log, shownEntries);
  }
}

/** Caught share of the phrasings of one round (all rounds when null), the commonest only if asked. */
export function phrasingRate(r: ReferenceReport, round: number | null, commonOnly = false): number {
  let prompts = 0;
  let caught = 0;
  for (const p of PHRASINGS) {
    const t = r.byForm[p.name];
    if (t === undefined || (round !== null && p.round !== round) || (commonOnly && !p.common)) continue;
    prompts += t.prompts;
    caught += t.caught;
  }
  return prompts === 0 ? 0 : caught / prompts;
}

/** Both halves side by side: the figures to compare. */
export function printComparison(results: EvalResults, log: (line: string) => void): void {
  const halves = HALVES.filter((h) => results.halves[h] !== undefined);
  if (halves.length === 0) return;
  const cells = (f: (h: HalfReport) => string) => halves.map((h) => f(results.halves[h]!).padStart(12)).join('');
  log('');
  log(`${'summary'.padEnd(44)}${halves.map((h) => (h === results.tuningHalf ? `${h} (tuning)` : h).padStart(12)).join('')}`);
  const line = (label: string, f: (h: HalfReport) => string) => log(`  ${label.padEnd(42)}${cells(f)}`);
  line('MusicCaps block', (h) => pct(h.ordinary.musicCaps.blockRate));
  line('MusicCaps review', (h) => pct(h.ordinary.musicCaps.reviewRate));
  line('user-style block', (h) => pct(h.ordinary.userStyle.blockRate));
  line('user-style review', (h) => pct(h.ordinary.userStyle.reviewRate));
  for (const family of Object.keys(results.halves[halves[0]]!.ordinary.userStyle.families ?? {})) {
    line(`  ${family} block`, (h) => pct(h.ordinary.userStyle.families?.[family]?.blockRate ?? 0));
  }
  line('references caught', (h) => pct(h.references.catchRate));
  line('  cue forms', (h) => pct(h.references.cue.catchRate));
  line('  no-cue forms', (h) => pct(h.references.noCue.catchRate));
  for (const name of Object.keys(results.halves[halves[0]]!.references.evasion)) {
    line(`  evasion ratio: ${name}`, (h) => h.references.evasion[name].ratio.toFixed(3));
  }
  if (halves.every((h) => results.halves[h]!.phrasings !== undefined)) {
    const phrasings = (h: HalfReport) => h.phrasings!;
    line('phrasings outside the forms caught', (h) => pct(phrasings(h).references.catchRate));
    line('  the commonest', (h) => pct(phrasingRate(phrasings(h).references, null, true)));
    for (const round of [...new Set(PHRASINGS.map((p) => p.round))]) {
      line(`  round ${round}`, (h) => pct(phrasingRate(phrasings(h).references, round)));
    }
    line('  ordinary, same glue words, block', (h) => pct(phrasings(h).ordinary.blockRate));
    line('  ordinary, same glue words, review', (h) => pct(phrasings(h).ordinary.reviewRate));
  }
}

export function printResults(results: EvalResults, log: (line: string) => void): void {
  log(
    `split of ${num(results.pairs)} songs by performer and title (seed ${results.seed}): tune ${num(results.split.tune)}, heldout ${num(results.split.heldout)}, set aside ${num(results.split.setAside.performersAcross)} (performers in both halves) + ${num(results.split.setAside.titleAcross)} (title in both halves)`,
  );
  log(`title–performer relations given to the screener: ${results.relations.source} (${num(results.relations.count)})`);
  log('evasion classes apply to:');
  for (const [name, rule] of Object.entries(results.evasionRules)) log(`  ${name}: ${rule}`);
  for (const half of HALVES) if (results.halves[half]) printHalf(results.halves[half]!, log);
  printComparison(results, log);
}
