import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { Kind } from 'graphql';
import { ERROR_CODES } from '../errors';
import type { AppMetrics } from './metrics';

const OUTCOMES = new Set<string>(ERROR_CODES);

/**
 * The operation label is the first root field, and only when the schema has
 * it: client-chosen operation names or misspelt fields would make the number
 * of series unbounded.
 */
function operationOf(rc: GraphQLRequestContextWillSendResponse<BaseContext>): string {
  const operation = rc.operation;
  if (!operation) return 'invalid';
  const first = operation.selectionSet.selections[0];
  if (first?.kind !== Kind.FIELD) return 'other';
  const name = first.name.value;
  if (name === '__typename') return name;
  const root = operation.operation === 'mutation' ? rc.schema.getMutationType() : rc.schema.getQueryType();
  return operation.operation !== 'subscription' && root?.getFields()[name] ? name : 'other';
}

function outcomeOf(rc: GraphQLRequestContextWillSendResponse<BaseContext>): string {
  const body = rc.response.body;
  const errors = body.kind === 'single' ? body.singleResult.errors : rc.errors;
  if (!errors || errors.length === 0) return 'ok';
  const code = errors[0].extensions?.code;
  return typeof code === 'string' && OUTCOMES.has(code) ? code : 'error';
}

/** Requests by root field and outcome, and their latency; one histogram observation per request. */
export function metricsPlugin(metrics: AppMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse(rc) {
          metrics.observeRequest(operationOf(rc), outcomeOf(rc), (performance.now() - started) / 1000);
        },
      };
    },
    // A missing or bad token fails before any request hook runs.
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      metrics.countRequest('none', typeof code === 'string' && OUTCOMES.has(code) ? code : 'error');
    },
  };
}
