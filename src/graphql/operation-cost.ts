import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionNode,
  validate,
  ValidationRule,
  ValueNode,
  VariableDefinitionNode,
} from 'graphql';

/** Characters of `screenInput` text that cost like one prompt: the 2 KB a prompt field holds. */
export const SCREEN_TEXT_CHARS_PER_UNIT = 2048;

/** A value of an argument as the request gives it: a JSON variable's value, or a literal's length. */
type Sizer = (value: unknown) => number;

const listLength: Sizer = (value) => (Array.isArray(value) ? value.length : 1);
const textUnits: Sizer = (value) => (typeof value === 'string' ? Math.ceil(value.length / SCREEN_TEXT_CHARS_PER_UNIT) : 1);

/**
 * Root fields whose work grows with an argument, after the IBM cost
 * directive's `@listSize(sizedBy:)`: the field's own estimate counts once per
 * account id, or per started 2 KB of text. Armor's estimate sees neither, and
 * without them enumerating accounts or the catalog would cost one check.
 */
export const SIZED_FIELDS: ReadonlyMap<string, { argument: string; size: Sizer }> = new Map([
  ['entitlements', { argument: 'accountIds', size: listLength }],
  ['screenInput', { argument: 'text', size: textUnits }],
]);

export type OperationCoster = (
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Readonly<Record<string, unknown>>,
) => number;

/** What a document's operation costs before its variables are known. */
interface StaticCost {
  total: number;
  /** Sized root fields: the estimate of the field alone, and where its size comes from. */
  sized: { fieldCost: number; size: (variables: Readonly<Record<string, unknown>>) => number }[];
}

/**
 * The cost of an operation as graphql-armor estimates it for the limit in
 * hardening.ts (the same rule and weights: objects 2, scalars 1, times 1.5 per
 * level, times `first`/`last`), at least 1: introspection is free for the
 * limit, not for a budget. A SIZED_FIELDS root field then counts once more
 * for each further id or 2 KB its argument carries. The estimates are
 * computed once per parsed document (Apollo hands the same document object
 * back for a query it has seen); only the sizes are read per request.
 */
export function operationCoster(schema: GraphQLSchema): OperationCoster {
  let found: number[] = [];
  const armor = new ApolloArmor({
    costLimit: {
      maxCost: Number.MAX_SAFE_INTEGER,
      onAccept: [(_ctx, details: { n: number }) => found.push(details.n)],
    },
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const rules = armor.protect().validationRules as ValidationRule[];
  const costs = new WeakMap<OperationDefinitionNode, StaticCost>();

  /** Armor's estimate of each operation of a document, in order. */
  const estimates = (document: DocumentNode): number[] => {
    found = [];
    validate(schema, document, rules);
    return found;
  };

  const staticCost = (document: DocumentNode, operation: OperationDefinitionNode): StaticCost => {
    const known = costs.get(operation);
    if (known !== undefined) return known;
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const totals = estimates(document);
    const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
    operations.forEach((op, i) => costs.set(op, { total: Math.max(1, Math.ceil(totals[i] ?? 1)), sized: sizedFields(op, fragments) }));
    return costs.get(operation) ?? { total: 1, sized: [] };
  };

  /**
   * Each sized root field with the estimate of an operation that selects it
   * alone, found through inline fragments and fragment spreads too (a field
   * that @skip/@include would leave out still counts: over, never under).
   */
  const sizedFields = (operation: OperationDefinitionNode, fragments: readonly FragmentDefinitionNode[]): StaticCost['sized'] => {
    if (operation.operation !== 'query') return [];
    const out: StaticCost['sized'] = [];
    const visited = new Set<string>();
    const walk = (selections: readonly SelectionNode[]): void => {
      for (const selection of selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet.selections);
        else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = fragments.find((f) => f.name.value === name);
          if (fragment !== undefined && !visited.has(name)) {
            visited.add(name);
            walk(fragment.selectionSet.selections);
          }
        } else {
          const sized = SIZED_FIELDS.get(selection.name.value);
          const argument = sized === undefined ? undefined : selection.arguments?.find((a) => a.name.value === sized.argument);
          if (sized === undefined || argument === undefined) continue;
          const alone: DocumentNode = {
            kind: Kind.DOCUMENT,
            definitions: [{ ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections: [selection] } }, ...fragments],
          };
          const fieldCost = Math.max(1, Math.ceil(estimates(alone)[0] ?? 1));
          const read = valueReader(argument.value, operation.variableDefinitions ?? []);
          out.push({ fieldCost, size: (variables) => Math.max(1, sized.size(read(variables))) });
        }
      }
    };
    walk(operation.selectionSet.selections);
    return out;
  };

  return (document, operation, variables = {}) => {
    const cost = staticCost(document, operation);
    let total = cost.total;
    for (const field of cost.sized) total += field.fieldCost * (field.size(variables) - 1);
    return total;
  };
}

/** How to read an argument's value: a literal list or string as its length stands for it, a variable from the request or its default. */
function valueReader(
  node: ValueNode,
  definitions: readonly VariableDefinitionNode[],
): (variables: Readonly<Record<string, unknown>>) => unknown {
  if (node.kind === Kind.LIST) return () => node.values;
  if (node.kind === Kind.STRING) return () => node.value;
  if (node.kind !== Kind.VARIABLE) return () => undefined;
  const name = node.name.value;
  const fallback = definitions.find((d) => d.variable.name.value === name)?.defaultValue;
  const literal = fallback === undefined ? undefined : valueReader(fallback, definitions)({});
  return (variables) => (Object.prototype.hasOwnProperty.call(variables, name) ? variables[name] : literal);
}
