// The screening evaluation (npm run eval:screening) on a small fixed sample,
// through the real services: the dev catalog through the import service,
// the tuning half's relations through the relation service, the index built
// by the screening service from the database. Fails when a rate regresses
// past the bounds below: they are the rates measured on this sample, loosened
// by a small margin; tighten them as the screener improves.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { createLogger } from '../../src/logger';
import { createServices, Services } from '../../src/services';
import { EVASION_BY_NAME } from '../../bench/screening-eval-evasion';
import { buildScreeningIndex, loadCatalog } from '../../bench/screening-eval-load';
import { Screen } from '../../bench/screening-eval-measure';
import { ORDINARY_PHRASINGS, PHRASINGS } from '../../bench/screening-eval-phrasings';
import { evaluateHalf, EvalPlan, HalfReport, planEvaluation } from '../../bench/screening-eval-run';
import { Half, HALVES, halfOf, readEvalSet, sampleEvalSet, splitCredit, TUNING_HALF } from '../../bench/screening-eval-set';
import { nameKey } from '../../bench/screening-eval-random';
import { loadVocabulary, Vocabulary } from '../../bench/screening-eval-vocabulary';
import { TEST_JWT_SECRET, TEST_SIGNAL_KEY } from '../support/test-app';
import { createTestDatabase, TestDatabase } from '../support/test-db';

const DATA = join(__dirname, '..', '..', 'data', 'screening-eval');
const SAMPLE_SONGS = 80;
const SAMPLE_CAPTIONS = 300;
const USER_PER_FAMILY = 60;
const CLASSES = ['homoglyph', 'zero-width space', 'dropped letter', 'joined words'].map((name) => EVASION_BY_NAME.get(name)!);

let db: TestDatabase;
let dataSource: DataSource;
let services: Services;
let vocabulary: Vocabulary;
let plan: EvalPlan;
const reports = {} as Record<Half, HalfReport>;

beforeAll(async () => {
  const set = sampleEvalSet(
    readEvalSet({
      catalog: join(DATA, 'catalog-dev.csv'),
      pairs: join(DATA, 'pairs-dev.json'),
      prompts: join(DATA, 'prompts-dev.json'),
    }),
    SAMPLE_SONGS,
    SAMPLE_CAPTIONS,
  );
  vocabulary = await loadVocabulary(join(DATA, 'descriptors.json'));
  plan = planEvaluation(set, vocabulary, { userPerFamily: USER_PER_FAMILY, phrasings: true });

  db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
    LOG_LEVEL: 'silent',
    WEBHOOK_WORKER: 'false',
  });
  dataSource = createDataSource({ url: db.url, poolSize: 4 });
  await dataSource.initialize();
  services = createServices(dataSource, config, createLogger('silent'));
  await loadCatalog(services, createReadStream(join(DATA, 'catalog-dev.csv')), plan.relations);
  await buildScreeningIndex(services);
  const screen: Screen = (text) => services.screening.screen(text);
  for (const half of HALVES) reports[half] = evaluateHalf(screen, plan.halves[half], vocabulary, { evasionClasses: CLASSES });
}, 60_000);

afterAll(async () => {
  await services?.stop?.();
  if (dataSource?.isInitialized) await dataSource.destroy();
  await db?.drop();
});

describe('the evaluation sample is honest', () => {
  test('no performer, title or prompt is in both halves; every prompt is counted once', () => {
    const tune = plan.halves.tune;
    const heldout = plan.halves.heldout;
    const performers = (h: typeof tune) => new Set(h.references.flatMap((r) => splitCredit(r.song.credit).map(nameKey)));
    const titles = (h: typeof tune) => new Set(h.references.map((r) => nameKey(r.song.title)));
    for (const p of performers(heldout)) expect(performers(tune).has(p)).toBe(false);
    for (const t of titles(heldout)) expect(titles(tune).has(t)).toBe(false);
    for (const h of [tune, heldout]) {
      expect(new Set(h.references.map((r) => r.prompt)).size).toBe(h.references.length);
      expect(new Set(h.userStyle.map((p) => p.prompt)).size).toBe(h.userStyle.length);
      for (const p of h.musicCaps) expect(halfOf('prompt', p)).toBe(h.half);
    }
    const tunePrompts = new Set([...tune.references.map((r) => r.prompt), ...tune.userStyle.map((p) => p.prompt), ...tune.musicCaps]);
    for (const p of [...heldout.references.map((r) => r.prompt), ...heldout.userStyle.map((p) => p.prompt), ...heldout.musicCaps]) {
      expect(tunePrompts.has(p)).toBe(false);
    }
    expect(reports.tune.tuning).toBe(true);
    expect(reports.heldout.tuning).toBe(false);
    expect(TUNING_HALF).toBe('tune');
  });

  test('the screener is given the relations of the tuning half only', () => {
    const heldoutTitles = new Set(plan.halves.heldout.references.map((r) => nameKey(r.song.title)));
    expect(plan.relations.length).toBeGreaterThan(0);
    for (const r of plan.relations) expect(heldoutTitles.has(nameKey(r.title))).toBe(false);
  });

  test('the same data gives the same prompts', () => {
    const again = planEvaluation(
      sampleEvalSet(
        readEvalSet({
          catalog: join(DATA, 'catalog-dev.csv'),
          pairs: join(DATA, 'pairs-dev.json'),
          prompts: join(DATA, 'prompts-dev.json'),
        }),
        SAMPLE_SONGS,
        SAMPLE_CAPTIONS,
      ),
      vocabulary,
      { userPerFamily: USER_PER_FAMILY },
    );
    for (const half of HALVES) {
      expect(again.halves[half].references.map((r) => r.prompt)).toEqual(plan.halves[half].references.map((r) => r.prompt));
      expect(again.halves[half].userStyle).toEqual(plan.halves[half].userStyle);
    }
  });

  test('both reference families and every user-style family are there', () => {
    for (const half of HALVES) {
      const r = reports[half].references;
      expect(r.cue.prompts).toBeGreaterThan(100);
      expect(r.noCue.prompts).toBeGreaterThan(100);
      expect(Object.keys(reports[half].ordinary.userStyle.families ?? {}).sort()).toEqual(
        [
          'own title in quotes',
          'own words, but changed',
          'story with names',
          'story with full names',
          'style and vibes',
          'tag list',
          'tags with words',
          'written in title case',
        ].sort(),
      );
      for (const c of CLASSES) expect(r.evasion[c.name].prompts).toBeGreaterThan(50);
    }
  });

  test('the phrasings outside the forms are measured apart, every one of them, with their ordinary prompts', () => {
    for (const half of HALVES) {
      const p = reports[half].phrasings!;
      expect(Object.keys(p.references.byForm).sort()).toEqual(PHRASINGS.map((x) => x.name).sort());
      expect(Object.keys(p.ordinary.families ?? {}).sort()).toEqual(ORDINARY_PHRASINGS.map((x) => x.name).sort());
      // Not among the forms: the forms' figures do not include them.
      for (const name of Object.keys(p.references.byForm)) expect(reports[half].references.byForm[name]).toBeUndefined();
      // Measured on this sample 2026-12-03 evening (tune 0.918 / 0.81%, held-out 0.897 / 0.89%), floors a little below.
      expect(p.references.catchRate).toBeGreaterThanOrEqual(half === 'tune' ? 0.9 : 0.88);
      expect(p.ordinary.blockRate).toBeLessThanOrEqual(0.012);
    }
  });
});

// Measured on this sample with the screener as of the descriptor, tag-list and longer-name rules and the reading
// of disguised names (normalization, readings, one-edit matching), then set one or two prompts of the smaller sets
// past the measure (ceilings a little above, floors a little below). Block rates are ceilings, catch rates and
// evasion ratios floors; the lowest evasion class is the dropped letter (a one-word name under 10 letters goes
// fuzzy only from 5 letters and when the written form names it alone). The evasion floors sit below what the reading of disguised names alone measured (0.907 / 0.847): with the
// precision rules many more plain references without a cue are caught, and their one-word names do not go fuzzy.
const BOUNDS: Record<Half, Record<string, { max?: number; min?: number }>> = {
  tune: {
    'MusicCaps block': { max: 0.015 }, // measured 0.68% (1 of 146)
    'user-style block': { max: 0.01 }, // 0% (of 240)
    'references caught': { min: 0.985 }, // 99.42%
    'cue forms caught': { min: 0.99 }, // 100%
    'no-cue forms caught': { min: 0.98 }, // 99.04%
    'evasion ratio (each class)': { min: 0.92 }, // 0.926 (dropped letter, 522 of 564, with a letter dropped beside grammar and common one-word names; 0.906 before; homoglyph and zero-width space 1)
  },
  heldout: {
    'MusicCaps block': { max: 0.01 }, // 0% (of 154)
    'user-style block': { max: 0.01 }, // 0% (of 240)
    'references caught': { min: 0.975 }, // 98.29%
    'cue forms caught': { min: 0.99 }, // 99.64%
    'no-cue forms caught': { min: 0.965 }, // 97.38%
    'evasion ratio (each class)': { min: 0.83 }, // 0.836 (dropped letter; homoglyph and zero-width space 1)
  },
};

function measured(r: HalfReport): Record<string, number> {
  return {
    'MusicCaps block': r.ordinary.musicCaps.blockRate,
    'user-style block': r.ordinary.userStyle.blockRate,
    'references caught': r.references.catchRate,
    'cue forms caught': r.references.cue.catchRate,
    'no-cue forms caught': r.references.noCue.catchRate,
    'evasion ratio (each class)': Math.min(...Object.values(r.references.evasion).map((e) => e.ratio)),
  };
}

describe.each(HALVES)('rates on the %s half do not regress', (half) => {
  test('block rates under their ceilings, catch rates and evasion ratios over their floors', () => {
    const values = measured(reports[half]);
    const outside = Object.entries(BOUNDS[half]).flatMap(([name, { max, min }]) =>
      (max !== undefined && values[name] > max) || (min !== undefined && values[name] < min)
        ? [`${name}: ${values[name]} (bounds ${JSON.stringify({ min, max })})`]
        : [],
    );
    expect(outside).toEqual([]);
  });
});
