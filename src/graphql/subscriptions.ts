import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ExecutionArgs, getOperationAST, GraphQLError, GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { type WebSocket, WebSocketServer } from 'ws';
import { bearerToken, Principal, TokenVerifier } from '../auth/token-verifier';
import type { Config } from '../config';
import type { CancelTimer, Clock } from '../infrastructure/clock';
import { classifyError } from '../errors';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { GraphQLContext } from './context';
import { hardeningOptions, hideSuggestions } from './hardening';
import { operationCoster } from './operation-cost';
import { quotaRefusal } from './quota-plugin';

type Extra = {
  principal?: Principal;
};

/** The close code of a connection whose token has expired (graphql-ws's "Unauthorized": clients do not retry it by themselves). */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

// setTimeout's longest delay; a later expiry is waited for in steps.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes the socket at the token's `exp` (seconds), unless it closes first. */
function closeAtExpiry(socket: WebSocket, exp: number, clock: Clock): void {
  let cancel: CancelTimer = () => undefined;
  const arm = () => {
    const remaining = exp * 1000 - clock.now().getTime();
    if (remaining <= 0) {
      socket.close(TOKEN_EXPIRED_CLOSE_CODE, 'TOKEN_EXPIRED');
      return;
    }
    cancel = clock.setTimer(arm, Math.min(remaining, MAX_TIMER_MS));
  };
  arm();
  socket.once('close', () => cancel());
}

/**
 * GraphQL subscriptions over graphql-ws, on the HTTP server's port and path.
 * The token comes in connectionParams.Authorization ("Bearer <jwt>") and is
 * checked as on HTTP: a connection without a valid one is closed (4403)
 * before any subscription starts, and a connection is closed (4401) when its
 * token expires. Operations pass the same limits as HTTP.
 * The returned plugin closes every socket when Apollo drains.
 */
export function attachSubscriptions(options: {
  httpServer: http.Server;
  schema: GraphQLSchema;
  config: Config;
  services: Services;
  logger: Logger;
  tokenVerifier: TokenVerifier;
}): ApolloServerPlugin<GraphQLContext> {
  const { httpServer, schema, config, services, logger, tokenVerifier } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: config.bodyLimitBytes });
  const hardening = hardeningOptions(config.graphqlLimits);
  const rules = [...specifiedRules, ...((hardening.validationRules as never[]) ?? [])];
  const costOf = operationCoster(schema);
  const format = (error: GraphQLError): GraphQLError => {
    const mapped = classifyError(unwrapResolverError(error), error.extensions?.code);
    if (mapped.internal) logger.error({ err: unwrapResolverError(error) }, 'internal error in a subscription');
    return new GraphQLError(config.production ? hideSuggestions(mapped.message) : mapped.message, {
      path: error.path,
      extensions: { ...mapped.extensions, code: mapped.code },
    });
  };

  const cleanup = useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.Authorization ?? ctx.connectionParams?.authorization;
        // Refused as graphql-ws does (4403), with the refusal's reason as the close reason.
        const closeRefused = (reason: string) => {
          ctx.extra.socket.close(4403, reason);
          return false;
        };
        try {
          const token = bearerToken(typeof raw === 'string' ? raw : undefined);
          if (token === null) return closeRefused('TOKEN_MISSING');
          ctx.extra.principal = await tokenVerifier.verify(token);
          // Verified above, so its exp can be read as is: the connection lives no longer than its token.
          const { exp } = decodeJwt(token);
          if (typeof exp === 'number') closeAtExpiry(ctx.extra.socket, exp, services.clock);
          // A connection spends a point of its principal's budget, as a request does.
          if (services.quota.enabled && !(await services.quota.charge(ctx.extra.principal, 1)).allowed) {
            ctx.extra.socket.close(4429, 'QUOTA_EXCEEDED');
            return false;
          }
          return true;
        } catch (error) {
          return closeRefused(String(classifyError(error).extensions.reason ?? 'TOKEN_INVALID'));
        }
      },
      onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        let document;
        try {
          document = parse(payload.query, hardening.parseOptions);
        } catch (error) {
          return [format(error as GraphQLError)];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map(format);
        // Subscribing spends the operation's cost; the events it brings spend nothing.
        // The operation that will run: the one operationName names, as execution picks it.
        const operation = getOperationAST(document, payload.operationName);
        if (services.quota.enabled && operation) {
          const answer = await services.quota.charge(ctx.extra.principal!, costOf(document, operation, payload.variables ?? {}));
          // onError formats it, as it does every error returned here.
          if (!answer.allowed) return [new GraphQLError('', { originalError: quotaRefusal(answer) })];
        }
        const requestId = randomUUID();
        const contextValue: GraphQLContext = { principal: ctx.extra.principal!, requestId, services, logger: logger.child({ requestId }) };
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(format) } : result),
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
    },
    wsServer,
  );

  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await cleanup.dispose();
        },
      };
    },
  };
}
