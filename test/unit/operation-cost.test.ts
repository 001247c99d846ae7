import 'reflect-metadata';
import { Kind, OperationDefinitionNode, parse, specifiedRules, validate, ValidationRule } from 'graphql';
import { hardeningOptions } from '../../src/graphql/hardening';
import { operationCoster } from '../../src/graphql/operation-cost';
import { buildAppSchema } from '../../src/graphql/schema';

const schema = buildAppSchema();
const costOf = operationCoster(schema);
const LIMITS = { maxDepth: 10, maxAliases: 15, maxDirectives: 20, maxTokens: 2000 };

function cost(query: string): number {
  const document = parse(query);
  return costOf(document, document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode);
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
});
