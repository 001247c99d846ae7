import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { ServerResponse } from 'node:http';
import type { OperationCoster } from './operation-cost';
import { refuse } from '../errors';
import type { Budget } from '../services/quota/quota-budget';
import type { QuotaAnswer, QuotaService } from '../services/quota/quota.service';
import type { GraphQLContext } from './context';

/** Seconds, rounded up: a client that waits this long finds the points there. */
export function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

const POLICY_HEADERS = new WeakMap<Budget, string>();

/** `RateLimit-Policy` (IETF httpapi draft, structured fields): the policy's name, its quota (`q`) and window (`w`). */
export function rateLimitPolicyHeader(budget: Budget): string {
  let header = POLICY_HEADERS.get(budget);
  if (header === undefined) {
    header = `"${budget.name}";q=${budget.limit.points};w=${budget.limit.windowS}`;
    POLICY_HEADERS.set(budget, header);
  }
  return header;
}

/** `RateLimit`: the same policy, the points left (`r`) and the seconds until the budget is full again (`t`). */
export function rateLimitHeader(answer: QuotaAnswer): string {
  return `"${answer.budget.name}";r=${answer.remaining};t=${seconds(answer.resetMs)}`;
}

/** `extensions.cost` of every response. */
export function costExtension(answer: QuotaAnswer, nowMs: number) {
  return {
    requested: answer.requested,
    actual: answer.charged,
    budget: answer.budget.limit.points,
    remaining: answer.remaining,
    resetAt: new Date(nowMs + answer.resetMs).toISOString(),
  };
}

/** The reason, message and details of a refusal over budget. */
function refusalOf(answer: QuotaAnswer): {
  reason: 'QUOTA_EXCEEDED' | 'QUOTA_COST_OVER_BUDGET';
  message: string;
  details: Record<string, number>;
} {
  if (answer.reason === 'QUOTA_COST_OVER_BUDGET') {
    return {
      reason: 'QUOTA_COST_OVER_BUDGET',
      message: `This operation costs ${answer.requested} points, more than the whole budget of ${answer.budget.limit.points}`,
      details: { cost: answer.requested, limit: answer.budget.limit.points },
    };
  }
  const retryAfter = seconds(answer.retryAfterMs);
  return {
    reason: 'QUOTA_EXCEEDED',
    message: `Request budget exceeded; retry in ${retryAfter} s`,
    details: { cost: answer.requested, remaining: answer.remaining, retryAfter },
  };
}

/** The refusal of a principal over its budget, as a DomainError (src/errors.ts maps it). */
export function quotaRefusal(answer: QuotaAnswer) {
  const { reason, message, details } = refusalOf(answer);
  return refuse(reason, message, details);
}

/**
 * Answers 429 to a request refused before its body was read (its operation, and
 * so its cost, unknown): the GraphQL-shaped error, Retry-After and both
 * RateLimit headers, straight on the HTTP response, with no error object built.
 */
export function writeEarlyRefusal(res: ServerResponse, answer: QuotaAnswer, nowMs: number, requestId: string): void {
  const { reason, message, details } = refusalOf(answer);
  const body = JSON.stringify({
    errors: [{ message, extensions: { ...details, code: 'RATE_LIMITED', reason } }],
    // Not parsed: what it would have cost is not known.
    extensions: { cost: { ...costExtension(answer, nowMs), requested: null } },
  });
  res.writeHead(429, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    'retry-after': String(seconds(answer.retryAfterMs)),
    'ratelimit-policy': rateLimitPolicyHeader(answer.budget),
    ratelimit: rateLimitHeader(answer),
  });
  res.end(body);
}

/**
 * Every operation spends its cost from its principal's budget before it
 * runs (didResolveOperation); one over budget is answered 429 with
 * Retry-After. Every response carries the RateLimit headers and
 * `extensions.cost`. A request refused before it had an operation (parse or
 * validation errors) spends one point, so malformed requests are not free.
 */
export function quotaPlugin(quota: QuotaService, costOf: OperationCoster): ApolloServerPlugin<GraphQLContext> {
  // One listener for every request; the answer rides on the request's context.
  const listener = {
    async didResolveOperation(rc: GraphQLRequestContextDidResolveOperation<GraphQLContext>) {
      // No operation to run (an unknown operationName): willSendResponse charges the one point.
      if (rc.operation === undefined) return;
      const charged = quota.charge(rc.contextValue.principal, costOf(rc.document, rc.operation, rc.request.variables));
      const answer = 'then' in charged ? await charged : charged;
      rc.contextValue.quota = answer;
      if (!answer.allowed) {
        const { http } = rc.response;
        http.status = 429;
        if (answer.retryAfterMs !== Infinity) http.headers.set('retry-after', String(seconds(answer.retryAfterMs)));
        throw quotaRefusal(answer);
      }
    },
    async willSendResponse(rc: GraphQLRequestContextWillSendResponse<GraphQLContext>) {
      let answer = rc.contextValue.quota;
      if (answer === undefined) {
        const charged = quota.charge(rc.contextValue.principal, 1);
        answer = 'then' in charged ? await charged : charged;
      }
      const { headers } = rc.response.http;
      headers.set('ratelimit-policy', rateLimitPolicyHeader(answer.budget));
      headers.set('ratelimit', rateLimitHeader(answer));
      const body = rc.response.body;
      if (body.kind === 'single') {
        body.singleResult.extensions = {
          ...body.singleResult.extensions,
          cost: costExtension(answer, rc.contextValue.services.clock.nowMs()),
        };
      }
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}
