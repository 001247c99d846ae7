import { TokenVerifier } from '../../src/auth/token-verifier';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { CatalogKind, MatchVerdict } from '../../src/domain/enums';
import { createLogger } from '../../src/logger';
import { createApp, listen } from '../../src/server';
import { createServices } from '../../src/services';
import { SYSTEM_ACTOR } from '../../src/services/shared/actor';
import { admin, startTestApp, TestApp, TEST_JWT_SECRET, TEST_SIGNAL_KEY, userOf } from '../support/test-app';

const user = userOf('00000000-0000-4000-8000-000000000002');
const SCREEN = 'query($t: String!) { screenInput(text: $t) { allowed matches { entryId kind verdict evidence entryText start end } } }';
const ADD = 'mutation($e: [CatalogEntryInput!]!) { addCatalogEntries(entries: $e) }';

interface Match {
  entryId: string;
  kind: CatalogKind;
  verdict: MatchVerdict;
  evidence: string[];
  entryText: string;
  start: number;
  end: number;
}

let app: TestApp;

async function screen(text: string): Promise<{ allowed: boolean; matches: Match[] }> {
  const r = await app.exec(user, SCREEN, { t: text });
  expect(r.errors).toBeUndefined();
  return r.data!.screenInput;
}

// Whether a change reaches the running index, bounded generously for a loaded machine: how fast is the bench's to measure.
const PROPAGATION_MS = 20_000;

async function within(ms: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  app = await startTestApp();
  const r = await app.exec(admin, ADD, {
    e: [
      { kind: 'SONG_TITLE', text: 'Low' },
      { kind: 'ARTIST', text: 'Queen' },
      { kind: 'SONG_TITLE', text: 'Fever' },
      { kind: 'ARTIST', text: 'Peggy Lee' },
      { kind: 'SONG_TITLE', text: 'Female' },
    ],
  });
  expect(r.data!.addCatalogEntries).toBe(5);
});
afterAll(async () => {
  await app?.close();
});

describe('screenInput verdicts through GraphQL', () => {
  test('BLOCK with its evidence and the entry text; allowed is false', async () => {
    const text = 'A rock anthem in the style of Queen';
    const result = await screen(text);
    expect(result.allowed).toBe(false);
    expect(result.matches).toEqual([expect.objectContaining({ kind: 'ARTIST', verdict: 'BLOCK', entryText: 'Queen' })]);
    expect(result.matches[0].evidence).toContain('after "in the style of"');
    expect(text.slice(result.matches[0].start, result.matches[0].end)).toBe('Queen');
  });

  test('REVIEW is reported and the input stays allowed', async () => {
    const result = await screen('Deep bass and Low drums');
    expect(result).toEqual({ allowed: true, matches: [expect.objectContaining({ verdict: 'REVIEW', entryText: 'Low' })] });
  });

  test('common words used as words are not reported', async () => {
    expect(await screen('The low quality recording features a ballad with soft female vocals.')).toEqual({ allowed: true, matches: [] });
  });
});

describe('the override column', () => {
  test('an override set in the database reaches the running index (ALWAYS, then NEVER)', async () => {
    const [{ id }] = await app.dataSource.query(`SELECT id FROM catalog_entries WHERE text = 'Female'`);
    const setOverride = async (override: string) => {
      await app.dataSource.transaction(async (m) => {
        const [{ version }] = await m.query('SELECT version FROM catalog_state FOR UPDATE');
        const next = Number(version) + 1;
        await m.query('UPDATE catalog_entries SET screening_override = $1, override_version = $2 WHERE id = $3', [override, next, id]);
        await m.query('UPDATE catalog_state SET version = $1', [next]);
        await m.query(`SELECT pg_notify('catalog_changed', $1)`, [String(next)]);
      });
      await app.services.screening.refresh();
    };
    const prompt = 'Soft female vocals over a piano';
    expect((await screen(prompt)).allowed).toBe(true);
    await setOverride('ALWAYS');
    await within(PROPAGATION_MS, async () => !(await screen(prompt)).allowed);
    expect((await screen(prompt)).matches).toEqual([
      expect.objectContaining({ entryId: id, verdict: 'BLOCK', evidence: ['override ALWAYS'] }),
    ]);
    await setOverride('NEVER');
    await within(PROPAGATION_MS, async () => (await screen('a cover of "Female"')).matches.length === 0);
  });
});

describe('relations', () => {
  test('a title with its own artist: relations added through the service are audited and picked up by a rebuild', async () => {
    const prompt = 'Fever and Peggy Lee for a slow blues';
    expect((await screen(prompt)).matches.find((m) => m.entryText === 'Fever')).toBeUndefined();
    const added = await app.services.catalogRelations.add(SYSTEM_ACTOR, [
      { title: 'Fever', artist: 'Peggy Lee' },
      { title: 'FEVER', artist: 'peggy lee!' },
    ]);
    expect(added).toBe(1);
    const [audit] = await app.dataSource.query(`SELECT after FROM audit_events WHERE action = 'catalog.relations.add'`);
    expect(audit.after).toMatchObject({ added: 1, requested: 2 });
    await within(PROPAGATION_MS, async () => {
      await app.services.screening.refresh();
      return (await screen(prompt)).matches.some((m) => m.entryText === 'Fever' && m.verdict === 'BLOCK');
    });
    const fever = (await screen(prompt)).matches.find((m) => m.entryText === 'Fever')!;
    expect(fever.evidence).toContain('with related "Peggy Lee"');
  });
});

describe('/readyz waits for the whole index', () => {
  test('503 and no screening while the index is loading; 200 once it is complete', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: app.db.url,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
      LOG_LEVEL: 'silent',
    });
    const logger = createLogger('silent');
    const dataSource = createDataSource({ url: app.db.url, poolSize: 4 });
    await dataSource.initialize();
    const services = createServices(dataSource, config, logger);
    const { apollo, httpServer } = await createApp({ config, dataSource, services, logger, tokenVerifier: new TokenVerifier(config.auth) });
    const url = await listen(httpServer, 0, '127.0.0.1');
    try {
      const readyz = url.replace('/graphql', '/readyz');
      const before = await fetch(readyz);
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({ screeningIndex: 'loading' });
      expect(() => services.screening.screen('in the style of Queen')).toThrow(/not loaded/);
      await services.start!();
      expect((await fetch(readyz)).status).toBe(200);
      expect(services.screening.screen('in the style of Queen').allowed).toBe(false);
    } finally {
      await apollo.stop();
      await services.stop!();
      await dataSource.destroy();
    }
  });
});
