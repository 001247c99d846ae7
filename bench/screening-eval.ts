// npm run eval:screening [-- --half tune|heldout] [--data DIR] [--catalog F --pairs F --prompts F --descriptors F]
//                           [--user-prompts F] [--relations tune|all|none] [--evasion-sample N] [--misses N] [--out F]
//
// Measures screening on real data through the real path: a fresh embedded
// PostgreSQL, the catalog CSV through the import service, title–performer
// relations through the relation service, the index built by the screening
// service from the database. The songs are split by performer and by title
// into a tuning half and a held-out half (a performer's songs, and a title's,
// all in one half); each half is measured on its own:
// - ordinary prompts: MusicCaps captions and user-style prompts generated
//   from public vocabularies: BLOCK and REVIEW rates, the entries behind them;
// - references to its songs in cue and no-cue phrasings: caught rate overall,
//   per form, cue against no-cue, and per evasion class against the plain prompts;
// - phrasings outside the forms (screening-eval-phrasings.ts), reported apart.
// Every prompt is counted once (distinct strings). By default the screener is
// given the relations of the tuning half only, so the held-out songs are
// measured as songs it was told nothing about beyond their catalog entries.
// Paths may also come from SCREENING_EVAL_DIR / _CATALOG / _PAIRS / _PROMPTS /
// _DESCRIPTORS / _USER_PROMPTS / _OUT, so a held-out set runs with the same command.
import 'reflect-metadata';
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBenchServices } from './bench-services';
import { buildScreeningIndex, loadCatalog } from './screening-eval-load';
import { printResults } from './screening-eval-print';
import { evaluateHalf, HalfReport, planEvaluation, RelationSource, resultsOf } from './screening-eval-run';
import { Half, HALVES, readEvalSet } from './screening-eval-set';
import { loadVocabulary } from './screening-eval-vocabulary';

function args(): Map<string, string> {
  const out = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    const key = argv[i].slice(2);
    if (key === 'no-relations') out.set('relations', 'none');
    else out.set(key, argv[++i] ?? '');
  }
  return out;
}

async function main(): Promise<void> {
  const a = args();
  const env = process.env;
  const dir = a.get('data') ?? env.SCREENING_EVAL_DIR ?? join(__dirname, '..', '..', 'data', 'screening-eval');
  const paths: Record<string, string> = {
    catalog: a.get('catalog') ?? env.SCREENING_EVAL_CATALOG ?? join(dir, 'catalog-dev.csv'),
    pairs: a.get('pairs') ?? env.SCREENING_EVAL_PAIRS ?? join(dir, 'pairs-dev.json'),
    prompts: a.get('prompts') ?? env.SCREENING_EVAL_PROMPTS ?? join(dir, 'prompts-dev.json'),
    descriptors: a.get('descriptors') ?? env.SCREENING_EVAL_DESCRIPTORS ?? join(dir, 'descriptors.json'),
  };
  const userPromptsPath = a.get('user-prompts') ?? env.SCREENING_EVAL_USER_PROMPTS;
  if (userPromptsPath) paths.userPrompts = userPromptsPath;
  const half = a.get('half');
  if (half !== undefined && !HALVES.includes(half as Half)) throw new Error(`--half must be one of ${HALVES.join(', ')}`);
  const relations = (a.get('relations') ?? 'tune') as RelationSource;
  if (!['tune', 'all', 'none'].includes(relations)) throw new Error('--relations must be tune, all or none');
  const evasionSample = Number(a.get('evasion-sample') ?? 0);
  const out =
    a.get('out') ??
    env.SCREENING_EVAL_OUT ??
    join(__dirname, '..', '..', 'bench', 'results', `screening-eval${half ? `-${half}` : ''}.json`);
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const set = readEvalSet(paths as { catalog: string; pairs: string; prompts: string });
  const vocabulary = await loadVocabulary(paths.descriptors);
  let started = performance.now();
  const plan = planEvaluation(set, vocabulary, {
    relations,
    userPrompts: userPromptsPath ? JSON.parse(readFileSync(userPromptsPath, 'utf8')) : undefined,
    phrasings: true,
  });
  log(
    `catalog ${paths.catalog} (${set.catalog.length} rows), pairs ${paths.pairs} (${set.pairs.length}), prompts ${paths.prompts} (${set.prompts.length}); prompts built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const { services, stop } = await startBenchServices('screening_eval');
  try {
    started = performance.now();
    const loaded = await loadCatalog(services, createReadStream(paths.catalog), plan.relations);
    log(
      `imported: ${loaded.imported.added} entries added, ${loaded.imported.duplicates} duplicates, ${loaded.imported.invalid} bad rows; ${loaded.relationsAdded} relations (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    started = performance.now();
    await buildScreeningIndex(services);
    log(
      `index built from the database in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(services.screening.status)}`,
    );

    const screen = (text: string) => services.screening.screen(text);
    const reports: HalfReport[] = [];
    for (const h of HALVES) {
      if (half !== undefined && h !== half) continue;
      started = performance.now();
      reports.push(evaluateHalf(screen, plan.halves[h], vocabulary, { evasionSample, shownMisses: Number(a.get('misses') ?? 3) }));
      log(`${h} half screened in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const results = resultsOf(plan, reports, paths, new Date().toISOString());
    printResults(results, log);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    log(`\nresults: ${out}`);
  } finally {
    await stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? String(error)}\n`);
  process.exit(1);
});
