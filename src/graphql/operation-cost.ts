import { ApolloArmor } from '@escape.tech/graphql-armor';
import { DocumentNode, GraphQLSchema, Kind, OperationDefinitionNode, validate, ValidationRule } from 'graphql';

/**
 * The cost of an operation as graphql-armor estimates it for the limit in
 * hardening.ts (the same rule and weights: objects 2, scalars 1, times 1.5 per
 * level, times `first`/`last`), at least 1: introspection is free for the
 * limit, not for a budget. Computed once per parsed document: Apollo hands
 * the same document object back for a query it has seen.
 */
export function operationCoster(schema: GraphQLSchema): (document: DocumentNode, operation: OperationDefinitionNode) => number {
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
  const costs = new WeakMap<OperationDefinitionNode, number>();

  return (document, operation) => {
    const known = costs.get(operation);
    if (known !== undefined) return known;
    found = [];
    validate(schema, document, rules);
    // The rule reports each operation of the document in order.
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    operations.forEach((op, i) => costs.set(op, Math.max(1, Math.ceil(found[i] ?? 1))));
    return costs.get(operation) ?? 1;
  };
}
