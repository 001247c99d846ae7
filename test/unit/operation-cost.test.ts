import 'reflect-metadata';
import { Kind, OperationDefinitionNode, parse, specifiedRules, validate, ValidationRule } from 'graphql';
import { hardeningOptions } from '../../src/graphql/hardening';
import { operationCoster } from '../../src/graphql/operation-cost';
import { buildAppSchema } from '../../src/graphql/schema';

const schema = buildAppSchema();
const costOf = operationCoster(schema);
const LIMITS = { maxDepth: 10, maxAliases: 15, maxDirectives: 20, maxTokens: 2000 };

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  return costOf(document, document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode, variables);
}

/** Whether the limit of hardening.ts lets the query through at this maxCost. */
function passesLimit(query: string, maxCost: number): boolean {
  const rules = hardeningOptions({ ...LIMITS, maxCost }).validationRules as ValidationRule[];
  return validate(schema, parse(query), [...specifiedRules, ...rules]).length === 0;
}

const QUERIES = [
  '{ __typename }',
  'query($id: ID!, $use: Use!) { entitlement(accountId: $id, use: $use) { allowed reasons { code clause remedy } validUntil } }',
  'query($t: String!) { screenInput(text: $t) { allowed matches { kind verdict evidence entryText start end } } }',
  '{ accounts(first: 50) { edges { node { id email } } } }',
  'fragment F on Account { id email } { a: accounts(first: 10) { edges { node { ...F } } } }',
];

describe('operation cost', () => {
  test.each(QUERIES)('is the estimate the limit uses: %s', (query) => {
    const n = cost(query);
    expect(passesLimit(query, n)).toBe(true);
    if (n > 1) expect(passesLimit(query, n - 1)).toBe(false);
  });

  test.each<[string, number]>([
    ['{ __typename }', 1],
    // entitlement: 2 + 1.5 x (allowed 1 + reasons (2 + 1.5 x 3) + validUntil 1)
    ['{ entitlement(accountId: "x") { allowed reasons { code clause remedy } validUntil } }', 15],
    // introspection costs nothing for the limit; it still spends a point
    ['{ __schema { types { name } } }', 1],
  ])('%s costs %d', (query, n) => {
    expect(cost(query)).toBe(n);
  });

  test('first: N multiplies what the list selects', () => {
    expect(cost('{ accounts(first: 100) { edges { node { id } } } }')).toBeGreaterThan(
      50 * cost('{ accounts(first: 1) { edges { node { id } } } }'),
    );
  });

  test('each operation of a document has its own cost, remembered per document', () => {
    const document = parse('query A { __typename } query B { entitlement(accountId: "x") { allowed } }');
    const [a, b] = document.definitions as OperationDefinitionNode[];
    expect(costOf(document, a)).toBe(1);
    expect(costOf(document, b)).toBe(4);
    expect(costOf(document, b)).toBe(4);
  });

  describe('fields sized by an argument', () => {
    const BATCH = 'query($ids: [ID!]!) { entitlements(accountIds: $ids) { allowed validUntil } }';
    const SCREEN = 'query($t: String!) { screenInput(text: $t) { allowed } }';
    const one = cost(BATCH, { ids: ['a'] });
    const prompt = cost(SCREEN, { t: 'x' });

    test.each<[string, string, Record<string, unknown> | undefined, number]>([
      ['ids from a variable', BATCH, { ids: Array.from({ length: 100 }, (_, i) => String(i)) }, 100],
      ['no ids counts as one', BATCH, { ids: [] }, 1],
      ['ids written in the query', '{ entitlements(accountIds: ["a", "b", "c"]) { allowed validUntil } }', undefined, 3],
      [
        'the default of the variable',
        'query($ids: [ID!]! = ["a", "b"]) { entitlements(accountIds: $ids) { allowed validUntil } }',
        undefined,
        2,
      ],
    ])('entitlements, %s: the field counts once per id', (_label, query, variables, times) => {
      expect(cost(query, variables)).toBe(one * times);
    });

    test.each<[number, number]>([
      [1, 1],
      [2048, 1],
      [2049, 2],
      [100_000, Math.ceil(100_000 / 2048)],
    ])('screenInput of %d characters counts %d times', (chars, times) => {
      expect(cost(SCREEN, { t: 'x'.repeat(chars) })).toBe(prompt * times);
    });

    test('only the sized field grows; the rest of the operation counts once', () => {
      const both = 'query($ids: [ID!]!) { plans { code } entitlements(accountIds: $ids) { allowed validUntil } }';
      const plans = cost('{ plans { code } }');
      expect(cost(both, { ids: ['a'] })).toBe(plans + one);
      expect(cost(both, { ids: ['a', 'b', 'c', 'd'] })).toBe(plans + 4 * one);
    });

    test.each([
      ['an inline fragment', 'query($ids: [ID!]!) { ... on Query { entitlements(accountIds: $ids) { allowed validUntil } } }'],
      ['a fragment spread', 'fragment F on Query { entitlements(accountIds: $ids) { allowed validUntil } } query($ids: [ID!]!) { ...F }'],
      [
        'a spread inside an inline fragment under @include',
        'fragment F on Query { entitlements(accountIds: $ids) { allowed validUntil } } query($ids: [ID!]!) { ... @include(if: true) { ...F } }',
      ],
    ])('a field inside %s is sized too', (_label, query) => {
      const ids = Array.from({ length: 50 }, (_, i) => String(i));
      expect(cost(query, { ids })).toBeGreaterThanOrEqual(50 * one);
    });

    test('an aliased field counts too, and the estimate is still remembered per document', () => {
      const document = parse(
        'query($a: [ID!]!, $b: [ID!]!) { x: entitlements(accountIds: $a) { allowed } y: entitlements(accountIds: $b) { allowed } }',
      );
      const operation = document.definitions[0] as OperationDefinitionNode;
      const single = cost('{ entitlements(accountIds: ["a"]) { allowed } }');
      const base = costOf(document, operation, { a: ['1'], b: ['1'] });
      expect(costOf(document, operation, { a: ['1', '2', '3'], b: ['1'] })).toBe(base + 2 * single);
      expect(costOf(document, operation, { a: ['1'], b: ['1', '2'] })).toBe(base + single);
    });
  });
});
