import type { ApolloServerOptions } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLLimits } from '../config';

/**
 * Limits every operation must pass before it runs, so that no single request
 * can cost the service much. Rejections are validation or parse errors: a 400
 * with BAD_USER_INPUT, never a 500.
 *
 * Depth, aliases, directives and cost are graphql-armor's validation rules
 * (ApolloArmor reports them to the validation context, which Apollo answers
 * with a 400). Tokens are counted by graphql-js's own parser (`maxTokens`):
 * armor's max-tokens plugin throws from `parsingDidStart`, which Apollo
 * Server 5 turns into a 500 "Internal server error".
 */
export function hardeningOptions(limits: GraphQLLimits): Pick<ApolloServerOptions<never>, 'validationRules' | 'parseOptions'> {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    maxTokens: { enabled: false },
    // Suggestions are removed in production by Apollo (validation) and by hideSuggestions (everything else).
    blockFieldSuggestion: { enabled: false },
  });
  return {
    validationRules: armor.protect().validationRules,
    parseOptions: { maxTokens: limits.maxTokens },
  };
}

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * Drops graphql-js's "Did you mean ...?" hints, which name fields, arguments
 * and enum values. Apollo's hideSchemaDetailsFromClientErrors covers only
 * validation errors; variable coercion errors carry them too.
 */
export function hideSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}
