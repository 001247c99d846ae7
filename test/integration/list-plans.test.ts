import type { QueryRunner } from 'typeorm';
import { explainPage, keyAt, ListCase, listCases, PlanFigures } from '../../bench/list-cases';
import { seedLists } from '../../bench/lists-seed';
import { startTestApp, TestApp } from '../support/test-app';

/*
 * Every admin list and search is served by an index, and a deep page reads
 * what page 1 reads. The very queries the services run, on 20,000 seeded
 * accounts, under EXPLAIN (ANALYZE, BUFFERS). At this size a sequential scan
 * is often the planner's cheapest choice, so the plans are taken with
 * enable_seqscan off: a Seq Scan that still appears then means no index can
 * serve the query at all. The planner's own choices at 1,000,000 accounts are
 * in `npm run bench:lists` (figures in bench/README.md).
 */

const ACCOUNTS = 20_000;
const FIRST = 50;
const DEEP_PAGE = 200; // row 9,950 of 20,000

let app: TestApp;
let runner: QueryRunner;
let cases: ListCase[];

beforeAll(async () => {
  app = await startTestApp();
  await seedLists(app.db.url, ACCOUNTS);
  cases = await listCases({ ...app.services, dataSource: app.dataSource }, ACCOUNTS);
  runner = app.dataSource.createQueryRunner();
  await runner.query('SET enable_seqscan = off');
}, 120_000);
afterAll(async () => {
  await runner?.release();
  await app.close();
});

const explain = (c: ListCase, key: string[] | null): Promise<PlanFigures> =>
  explainPage({ ...app.services, dataSource: app.dataSource }, c, key, FIRST, false, (sql, params) => runner.query(sql, params));

const names = () => cases.map((c) => [c.name] as const);

test('the cases cover every list connection and each kind of account search', async () => {
  const all = (await listCases({ ...app.services, dataSource: app.dataSource }, ACCOUNTS)).map((c) => c.name);
  for (const expected of [
    'accounts',
    'reportsConnection',
    'appealsConnection',
    'auditLogConnection',
    'linkedAccountsConnection',
    'exact id',
    'exact email',
    'email prefix',
    'name',
    'legal name',
    'status=SUSPENDED',
    'planCode',
  ]) {
    expect(all.some((n) => n.includes(expected))).toBe(true);
  }
});

describe.each([
  'accounts',
  'accounts planCode=enterprise (5%)',
  'accounts status=SUSPENDED (1%)',
  'accounts status=ACTIVE',
  'accounts search: exact id',
  'accounts search: exact email',
  'accounts search: email prefix',
  'accounts search: name "zoe MARLOWE" (0.05%)',
  'accounts search: name "garcía" (2%)',
  'accounts search: legal name "harmonia studio" (0.3%)',
  'accounts search + status=SUSPENDED + plan=pro',
  'reportsConnection',
  'reportsConnection status=OPEN',
  'reportsConnection subject',
  'appealsConnection',
  'appealsConnection status=PENDING',
  'auditLogConnection',
  'auditLogConnection action',
  'auditLogConnection targetId',
  'linkedAccountsConnection (500 links)',
])('%s', (name) => {
  const theCase = () => {
    const c = cases.find((x) => x.name === name);
    if (!c) throw new Error(`no case ${name}; cases: ${names().join(', ')}`);
    return c;
  };

  test('page 1 reads the growing tables through indexes only', async () => {
    const c = theCase();
    const plan = await explain(c, null);
    expect(plan.seqScans.filter((t) => c.bigTables.includes(t))).toEqual([]);
    expect(plan.scans.some((s) => /Index|Bitmap/.test(s))).toBe(true);
  });

  test('a deep page reads about what page 1 reads (keyset, not OFFSET)', async () => {
    const c = theCase();
    const first = await explain(c, null);
    const key = await keyAt({ ...app.services, dataSource: app.dataSource }, c, (DEEP_PAGE - 1) * FIRST);
    if (key === null) {
      // Fewer rows than that: the deepest page there is.
      expect(first.rows).toBeLessThanOrEqual(FIRST + 1);
      return;
    }
    const deep = await explain(c, key);
    expect(deep.seqScans.filter((t) => c.bigTables.includes(t))).toEqual([]);
    expect(deep.rows).toBeLessThanOrEqual(FIRST + 1);
    // OFFSET would read ~10,000 rows' worth of pages here; a keyset page reads a page's worth.
    expect(deep.buffers).toBeLessThanOrEqual(first.buffers * 2 + 30);
  });
});
