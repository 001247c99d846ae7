import { randomUUID } from 'node:crypto';
import { admin, codeOf, service, startTestApp, TestApp, userOf } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

const DOC = `query($search: String!, $first: Int) { industries(search: $search, first: $first) { code title } }`;

async function industries(search: string, first?: number, principal = userOf(randomUUID())) {
  const r = await app.exec(principal, DOC, { search, first });
  expect(r.errors).toBeUndefined();
  return r.data!.industries as Array<{ code: string; title: string }>;
}
const codes = (rows: Array<{ code: string }>) => rows.map((r) => r.code);

describe('industries (typeahead)', () => {
  test('a code prefix: shortest codes first, then by code', async () => {
    expect(codes(await industries('5121'))).toEqual([
      '5121',
      '51211',
      '51212',
      '51213',
      '51219',
      '512110',
      '512120',
      '512131',
      '512132',
      '512191',
      '512199',
    ]);
    expect(codes(await industries(' 51 ', 3))).toEqual(['51', '511', '512']);
    expect(codes(await industries('31', 3))).toEqual(['31-33', '311', '312']);
    expect(codes(await industries('32', 2))).toEqual(['31-33', '321']);
  });

  test('title words in any order, any case, any accents; every word must appear', async () => {
    const top = await industries('motion picture');
    expect(top[0].title).toMatch(/^Motion Picture/);
    expect(codes(top)).toEqual(expect.arrayContaining(['5121', '51211', '512110']));
    expect(await industries('MÖTION PICTÚRE')).toEqual(top);
    expect(codes(await industries('video picture production'))).toEqual(expect.arrayContaining(['51211', '512110']));
    expect(codes(await industries('softw'))).toEqual(expect.arrayContaining(['5112', '511210']));
  });

  test('a typo still finds the title (trigram word similarity)', async () => {
    expect(codes(await industries('sofware publishers'))).toEqual(expect.arrayContaining(['511210']));
  });

  test('LIKE wildcards are literal; nothing to search is no result', async () => {
    expect(await industries('%')).toEqual([]);
    expect(await industries('_')).toEqual([]);
    expect(await industries('   ')).toEqual([]);
  });

  test('first: default 20, 1 to 200', async () => {
    expect(await industries('manufacturing')).toHaveLength(20);
    expect(await industries('manufacturing', 3)).toHaveLength(3);
    for (const first of [0, 201]) expect(codeOf(await app.exec(admin, DOC, { search: 'music', first }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await app.exec(service, DOC, { search: 'x'.repeat(101) }))).toBe('BAD_USER_INPUT');
  });
});
