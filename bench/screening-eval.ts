// npm run eval:screening [-- --data DIR] [--catalog F --pairs F --prompts F] [--half odd|even] [--no-relations] [--misses N]
//
// Measures screening on real data through the real path: a fresh embedded
// PostgreSQL, the catalog CSV through the import service, the title–artist
// relations through the relation service, the index built by the screening
// service from the database. Then every ordinary prompt is screened (a false
// positive is any BLOCK) and prompts generated from the pairs in many
// phrasings (a reference is caught when a BLOCK names its title or artist).
// Paths may also come from SCREENING_EVAL_DIR / _CATALOG / _PAIRS / _PROMPTS,
// so a held-out set runs with the same command. --half odd|even keeps every
// other prompt and pair: rates measured on the half not looked at while
// tuning tell whether the rules generalise.
import 'reflect-metadata';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { normalizeText } from '../src/domain/screening/normalize';
import { SYSTEM_ACTOR } from '../src/services/shared/actor';
import { MAX_RELATIONS_PER_CALL } from '../src/services/catalog/catalog-relation.service';
import { importCatalogCsv } from '../src/services/catalog/catalog-import';
import { startBenchServices } from './bench-services';
import { evaluate, printReport, readEvalSet, referencesOf, relationsOf } from './screening-eval-set';

function args(): Map<string, string> {
  const out = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument ${argv[i]}`);
    const key = argv[i].slice(2);
    if (key === 'no-relations') out.set(key, 'true');
    else out.set(key, argv[++i] ?? '');
  }
  return out;
}

async function main(): Promise<void> {
  const a = args();
  const dir = a.get('data') ?? process.env.SCREENING_EVAL_DIR ?? join(__dirname, '..', '..', 'data', 'screening-eval');
  const paths = {
    catalog: a.get('catalog') ?? process.env.SCREENING_EVAL_CATALOG ?? join(dir, 'catalog-dev.csv'),
    pairs: a.get('pairs') ?? process.env.SCREENING_EVAL_PAIRS ?? join(dir, 'pairs-dev.json'),
    prompts: a.get('prompts') ?? process.env.SCREENING_EVAL_PROMPTS ?? join(dir, 'prompts-dev.json'),
  };
  const half = a.get('half');
  if (half !== undefined && half !== 'odd' && half !== 'even') throw new Error('--half must be odd or even');
  const keep = <T>(xs: T[]): T[] => (half === undefined ? xs : xs.filter((_, i) => i % 2 === (half === 'odd' ? 1 : 0)));
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const set = readEvalSet(paths);
  log(
    `catalog ${paths.catalog} (${set.catalog.length} rows), pairs ${paths.pairs} (${set.pairs.length}), prompts ${paths.prompts} (${set.prompts.length})${half ? `, ${half} half` : ''}`,
  );

  const { services, stop } = await startBenchServices('screening_eval');
  try {
    let started = performance.now();
    const imported = await importCatalogCsv(services.catalog, SYSTEM_ACTOR, createReadStream(paths.catalog));
    log(
      `imported: ${imported.added} entries added, ${imported.duplicates} duplicates, ${imported.invalid} bad rows (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (!a.has('no-relations')) {
      const relations = relationsOf(set.pairs).map(({ a: title, b: artist }) => ({ title, artist }));
      let added = 0;
      for (let i = 0; i < relations.length; i += MAX_RELATIONS_PER_CALL) {
        added += await services.catalogRelations.add(SYSTEM_ACTOR, relations.slice(i, i + MAX_RELATIONS_PER_CALL));
      }
      log(`relations: ${added} title–performer pairs added`);
    }
    started = performance.now();
    await services.start?.();
    log(
      `index built from the database in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(services.screening.status)}`,
    );

    const catalogTexts = new Set(set.catalog.map((r) => normalizeText(r.text)));
    started = performance.now();
    const report = evaluate(
      (text) => services.screening.screen(text),
      { prompts: keep(set.prompts) },
      referencesOf(keep(set.pairs), catalogTexts),
    );
    log(`screened ${report.prompts + report.references} prompts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    printReport(report, log, Number(a.get('misses') ?? 40));
    const resultsDir = join(__dirname, '..', '..', 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(
      join(resultsDir, `screening-eval${half ? `-${half}` : ''}.json`),
      `${JSON.stringify(
        {
          when: new Date().toISOString(),
          paths,
          half: half ?? null,
          ordinaryPrompts: report.prompts,
          blocked: report.blockedPrompts,
          falsePositiveRate: report.blockedPrompts / report.prompts,
          references: report.references,
          caught: report.caught,
          catchRate: report.caught / report.references,
          caughtByForm: report.caughtByForm,
          falsePositivesByEntry: report.falsePositivesByEntry,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? String(error)}\n`);
  process.exit(1);
});
