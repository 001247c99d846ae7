import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from './auth-checker';
import { resolvers } from './resolvers';
import { resolvePlainOperationsSynchronously } from './sync-resolvers';
import './types/enums';

let cached: GraphQLSchema | null = null;

const NO_TOPICS = {
  publish(): void {
    throw new Error('subscriptions here do not use topics');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('subscriptions here do not use topics');
  },
};

/** The executable schema, built once per process. */
export function buildAppSchema(): GraphQLSchema {
  if (cached) return cached;
  const schema = buildSchemaSync({
    resolvers: [...resolvers],
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    // Subscriptions name their own source (`subscribe`: the services' event hub,
    // fed by NOTIFY from every process); type-graphql insists on a pubSub anyway.
    pubSub: NO_TOPICS,
  });
  // An answer from memory stays synchronous (see sync-resolvers.ts); authMode 'error' is what it throws for.
  resolvePlainOperationsSynchronously(schema, resolvers, authChecker);
  cached = schema;
  return cached;
}

/** The SDL checked in as schema.graphql: sorted, so diffs show real changes only. */
export function printAppSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildAppSchema()))}\n`;
}
