import { parseAccountSearch, escapeLike } from '../../src/domain/account-search';
import { decodeCursor, encodeCursor, isValidPageSize, KeyType } from '../../src/domain/cursor';
import { parseIndustrySearch } from '../../src/domain/industry-search';
import { checkPageSize, decodeCursor as decodeNodeCursor, toConnection } from '../../src/graphql/types/pagination';

const ID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
const TS = '2030-01-01T00:00:00.123456Z';

describe('cursors', () => {
  test.each<[string, readonly string[], readonly KeyType[]]>([
    ['instant and id', [TS, ID], ['timestamptz', 'uuid']],
    ['a sequence', ['42'], ['int']],
    ['negative counts and an id', ['-2', '-3', ID], ['int', 'int', 'uuid']],
    ['text', ['Ana Lux'], ['text']],
  ])('round-trips %s', (_name, values, types) => {
    const cursor = encodeCursor(values);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, types)).toEqual(values);
  });

  test.each<[string, string, readonly KeyType[]]>([
    ['empty', '', ['int']],
    ['not base64url', 'a+b/c=', ['int']],
    ['not JSON', Buffer.from('{{').toString('base64url'), ['int']],
    ['not an array', encodeCursor(['1']).replace(/./, 'e'), ['int']],
    ['too few values', encodeCursor([TS]), ['timestamptz', 'uuid']],
    ['too many values', encodeCursor([TS, ID, '1']), ['timestamptz', 'uuid']],
    ['a number, not a string', Buffer.from('[1]').toString('base64url'), ['int']],
    ['a bad instant', encodeCursor(['2030-13-45T00:00:00Z', ID]), ['timestamptz', 'uuid']],
    ['an impossible date', encodeCursor(['2030-02-30T00:00:00Z', ID]), ['timestamptz', 'uuid']],
    ['an instant without a zone', encodeCursor(['2030-01-01T00:00:00', ID]), ['timestamptz', 'uuid']],
    ['a bad uuid', encodeCursor([TS, 'nope']), ['timestamptz', 'uuid']],
    ['a bad int', encodeCursor(['1.5']), ['int']],
    ['too long', 'a'.repeat(2000), ['int']],
  ])('rejects %s', (_name, cursor, types) => {
    expect(decodeCursor(cursor, types)).toBeNull();
  });

  test.each([
    [0, false],
    [1, true],
    [200, true],
    [201, false],
    [1.5, false],
    [-1, false],
  ])('page size %p valid: %p', (n, ok) => {
    expect(isValidPageSize(n)).toBe(ok);
  });
});

describe('account search', () => {
  test.each([
    [null, null],
    ['   ', null],
    [` ${ID.toUpperCase()} `, { kind: 'id', id: ID }],
    ['Ana@Studio.Example', { kind: 'email', emailPrefix: 'ana@studio.example' }],
    ['ana_lux@', { kind: 'email', emailPrefix: 'ana\\_lux@' }],
    ['Zoë', { kind: 'text', emailPrefix: 'zoë', name: 'Zoë' }],
    ['100%', { kind: 'text', emailPrefix: '100\\%', name: '100\\%' }],
    ['ab', { kind: 'text', emailPrefix: 'ab', name: null }],
  ])('%p means %p', (text, expected) => {
    expect(parseAccountSearch(text)).toEqual(expected);
  });

  test('escapeLike escapes the escape character too', () => {
    expect(escapeLike('a\\b%c_d')).toBe('a\\\\b\\%c\\_d');
  });
});

describe('industry search', () => {
  test.each([
    ['', null],
    [' 5121 ', { kind: 'code', prefix: '5121' }],
    ['31-33', { kind: 'code', prefix: '31-33' }],
    ['Motion  Picture & Video', { kind: 'words', text: 'Motion Picture & Video', words: ['Motion', 'Picture', 'Video'] }],
    ['&', null],
    ['50%', { kind: 'words', text: '50%', words: ['50\\%'] }],
  ])('%p means %p', (text, expected) => {
    expect(parseIndustrySearch(text)).toEqual(expected);
  });
});

describe('pagination helpers for services that build their own pages', () => {
  test('toConnection of a NodesPage: one cursor per node, the last as endCursor; decodeCursor reads it back', () => {
    const c = toConnection(
      {
        nodes: [
          { id: 'a', n: 7 },
          { id: 'b', n: 8 },
        ],
        hasNextPage: true,
        totalCount: 9,
      },
      (x) => [x.n, x.id],
    );
    expect(c.pageInfo).toEqual({ hasNextPage: true, endCursor: c.edges[1].cursor });
    expect(c.totalCount).toBe(9);
    expect(decodeNodeCursor(c.pageInfo.endCursor!, ['number', 'string'])).toEqual([8, 'b']);
  });

  test.each([['x!'], [encodeCursor(['1'])], [encodeCursor(['a', 'b'])], [Buffer.from('[1,"b"]').toString('base64url')]])(
    'decodeCursor refuses %p as INVALID_CURSOR',
    (cursor) => {
      expect(() => decodeNodeCursor(cursor, ['number', 'string'])).toThrow(expect.objectContaining({ reason: 'INVALID_CURSOR' }));
    },
  );

  test('checkPageSize: 1 to 200', () => {
    expect(checkPageSize(200)).toBe(200);
    expect(() => checkPageSize(0)).toThrow(expect.objectContaining({ reason: 'LIMIT_OUT_OF_RANGE' }));
  });
});
