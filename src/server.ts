import cluster from 'node:cluster';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer, ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { mountAdminConsole } from './admin-console';
import { Principal, TokenVerifier, bearerToken } from './auth/token-verifier';
import type { Config } from './config';
import { ErrorCode, Reason, classifyError, httpStatusFor, refuse } from './errors';
import type { GraphQLContext } from './graphql/context';
import { hardeningOptions, hideSuggestions } from './graphql/hardening';
import { buildAppSchema } from './graphql/schema';
import { attachSubscriptions } from './graphql/subscriptions';
import type { Logger } from './logger';
import { clusterMetricsText } from './metrics/cluster-metrics';
import { metricsPlugin } from './metrics/metrics-plugin';
import { operationCoster } from './graphql/operation-cost';
import { quotaPlugin, writeEarlyRefusal } from './graphql/quota-plugin';
import { revisionPlugin } from './graphql/revision-plugin';
import { FairQueue } from './infrastructure/fair-queue';
import type { Services } from './services';
import { quotaSubjectOf } from './services/quota/quota-subject';

export interface AppOptions {
  config: Config;
  dataSource: DataSource;
  services: Services;
  logger: Logger;
  tokenVerifier: TokenVerifier;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** The most of a refused request's unread body the server discards to keep its connection open. */
const EARLY_REFUSAL_DRAIN_BYTES = 64 * 1024;

function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

function errorBody(code: ErrorCode, message: string, reason?: Reason) {
  return { errors: [{ message, extensions: reason ? { code, reason } : { code } }] };
}

/** Turns a DomainError thrown while building the context into a request-level GraphQL error. */
function toRequestError(error: unknown): GraphQLError {
  const mapped = classifyError(error);
  return new GraphQLError(mapped.message, {
    extensions: { code: mapped.code, ...mapped.extensions, http: { status: httpStatusFor(mapped.code) } },
  });
}

const errorLogging: ApolloServerPlugin<GraphQLContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue, operationName }) {
        for (const error of errors) {
          const original = unwrapResolverError(error);
          if (classifyError(original, error.extensions?.code).internal) {
            contextValue.logger?.error({ err: original, operationName }, 'internal error');
          }
        }
      },
    };
  },
};

/** Builds the Apollo server and the HTTP app around it. */
export async function createApp(
  options: AppOptions,
): Promise<{ app: express.Express; apollo: ApolloServer<GraphQLContext>; httpServer: http.Server }> {
  const { config, dataSource, services, logger, tokenVerifier } = options;
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses: an ETag per body is hashing for nothing.
  app.set('etag', false);
  // A principal refused moments ago, by a token verified before, is answered before its
  // body is read: its excess costs what a bare HTTP answer does (see earlyRefusal).
  // The GraphQL endpoint is served without Express (see graphqlEndpoint), the rest with it.
  // Requests to the endpoint run in turns by principal (see FairQueue): one principal's
  // burst, within its budget or not, does not queue another's requests behind it.
  const turns =
    config.requestTurnQuantum === 0
      ? null
      : new FairQueue(config.requestTurnQuantum, (error) => logger.error({ err: error }, 'request failed to start'));
  const handle = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (req.url === undefined || !GRAPHQL_PATH.test(req.url)) {
      app(req, res);
      return;
    }
    let principal: Principal | null = null;
    try {
      const token = bearerToken(req.headers.authorization);
      principal = token === null ? null : tokenVerifier.cached(token);
    } catch {
      // A malformed header: the endpoint refuses it with its reason.
    }
    const run = () => {
      // Its client went away while it waited, or shutdown closed the connection: nothing to answer.
      if (req.socket.destroyed) return;
      let refused = false;
      try {
        refused = principal !== null && refuseEarly !== null && refuseEarly(req, res, principal);
      } catch (error) {
        // Never a crash outside the endpoint's error handling: it answers (and refuses again if it must).
        logger.error({ err: error }, 'early refusal failed');
      }
      if (!refused && !res.headersSent) graphql(req, res);
    };
    // Its refusal too waits for its turn: a burst of them does not go ahead of others' requests either.
    // Tokens not verified yet share one turn, so that a spray of new tokens does not get one each.
    if (turns === null) run();
    else turns.push(principal === null ? '' : turnKeyOf(principal), run);
  };
  const refuseEarly = services.quota.enabled ? earlyRefusal(options, handle) : null;
  const httpServer = http.createServer(handle);
  // Behind a load balancer that keeps connections (60 s idle is common), the balancer must close an idle one
  // first: closed here first, a request the balancer sends on it at that moment fails (a 502). Node's default
  // is 5 s. (The headers' own timeout runs from a request's first byte, not from the idle time: unchanged.)
  httpServer.keepAliveTimeout = config.httpKeepAliveTimeoutMs;
  const schema = buildAppSchema();
  const subscriptions = attachSubscriptions({ httpServer, schema, config, services, logger, tokenVerifier });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT and stops everything in order; Apollo's own
    // handler would stop the server a second time and re-raise the signal.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    ...hardeningOptions(config.graphqlLimits),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      subscriptions,
      // Answers are per principal and never cached by an HTTP cache; the
      // default cache-control plugin would wrap every field resolver for nothing.
      ApolloServerPluginCacheControlDisabled(),
      errorLogging,
      revisionPlugin(services.revisions),
      // Budgets per principal: 429 over budget, RateLimit headers and extensions.cost on every response.
      ...(services.quota.enabled ? [quotaPlugin(services.quota, operationCoster(schema))] : []),
      ...(config.metricsEnabled ? [metricsPlugin(services.metrics)] : []),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: (formatted, error) => {
      const original = unwrapResolverError(error);
      const mapped = classifyError(original, formatted.extensions?.code);
      const http = (formatted.extensions as { http?: unknown } | undefined)?.http;
      return {
        message: config.production ? hideSuggestions(mapped.message) : mapped.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { ...mapped.extensions, code: mapped.code, ...(http ? { http } : {}) },
      };
    },
  });
  await apollo.start();
  const graphql = graphqlEndpoint(options, apollo);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // Screening with a partial catalog would let references through: not ready until the index is whole.
    if (!services.screening.ready) {
      res.status(503).json({ status: 'starting', screeningIndex: 'loading' });
      return;
    }
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      // Degraded mode answers from memory: failing the probe on every replica
      // at once would take them all out of the load balancer and turn it into an outage.
      const asOf = services.entitlements.recordsAsOf;
      if (asOf !== null) res.json({ status: 'degraded', recordsAsOf: asOf.toISOString() });
      else res.status(503).json({ status: 'unavailable' });
    }
  });

  if (config.metricsEnabled) {
    const tokenDigest = config.metricsToken === null ? null : sha256(config.metricsToken);
    app.get('/metrics', async (req, res) => {
      if (tokenDigest !== null) {
        const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
        if (given === undefined || !timingSafeEqual(sha256(given), tokenDigest)) {
          res.status(401).setHeader('www-authenticate', 'Bearer').json({ error: 'a valid metrics token is required' });
          return;
        }
      }
      try {
        // In cluster mode one scrape answers for every worker.
        const text = cluster.isWorker ? await clusterMetricsText() : await services.metrics.text();
        res.setHeader('content-type', 'text/plain; version=0.0.4; charset=utf-8');
        res.send(text);
      } catch (error) {
        logger.warn({ err: error }, 'metrics unavailable');
        res.status(503).json({ error: 'metrics unavailable' });
      }
    });
  }

  mountAdminConsole(app, config);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Last resort: express's default handler would answer with an HTML stack trace outside production.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    ((res.locals.logger as Logger | undefined) ?? logger).error({ err: error }, 'unhandled error');
    res.status(500).json(errorBody(ApolloServerErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
  });
  return { app, apollo, httpServer };
}

const TURN_KEYS = new WeakMap<Principal, string>();

/** The turn of a principal whose token was verified before: its budget's key (one per account or staff subject). */
function turnKeyOf(principal: Principal): string {
  let key = TURN_KEYS.get(principal);
  if (key === undefined) {
    key = quotaSubjectOf(principal).key;
    TURN_KEYS.set(principal, key);
  }
  return key;
}

/** Whether a request goes to the GraphQL endpoint: /graphql, /graphql/…, any case, any query. */
const GRAPHQL_PATH = /^\/graphql(?:[/?]|$)/i;

/**
 * The GraphQL endpoint on Node's own request and response: a request id and
 * its logger, the JSON body (body-parser, with the body limit), then Apollo's
 * HTTP handler, as Express and Apollo's Express integration did. Express
 * gives every request its own prototypes (`Object.setPrototypeOf`), and V8
 * then keeps the request's objects through young-generation collections:
 * requests at 400 a second on one core copied 1.9 MB a collection and paused
 * 9.6 ms; on Node's objects, a few KB and well under a millisecond.
 */
function graphqlEndpoint(
  options: AppOptions,
  apollo: ApolloServer<GraphQLContext>,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const { config, services, logger, tokenVerifier } = options;
  // body-parser's JSON parser, as Express exports it: it reads a plain Node request and sets req.body.
  const parseJson = express.json({ limit: config.bodyLimitBytes }) as unknown as (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    next: (error?: { status?: number; type?: string }) => void,
  ) => void;
  const end = (res: http.ServerResponse, text: string) => {
    res.setHeader('content-length', Buffer.byteLength(text));
    res.end(text);
  };
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    end(res, JSON.stringify(body));
  };
  const execute = async (req: http.IncomingMessage & { body?: unknown }, res: http.ServerResponse, requestId: string, log: Logger) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const query = req.url!.indexOf('?');
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method!.toUpperCase(),
        headers,
        search: query === -1 ? '' : req.url!.slice(query),
        body: req.body,
      },
      context: async (): Promise<GraphQLContext> => {
        let token: string | null;
        try {
          token = bearerToken(req.headers.authorization);
          if (token === null) throw refuse('TOKEN_MISSING', 'A bearer token is required');
          const principal = await tokenVerifier.verify(token);
          return { principal, requestId, services, logger: log };
        } catch (error) {
          throw toRequestError(error);
        }
      },
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      end(res, answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    const requestId = requestIdOf(req);
    const started = process.hrtime.bigint();
    const log = logger.child({ requestId });
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      log.info({ method: req.method, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    parseJson(req, res, (error) => {
      if (error) {
        // Body-parser failures (bad JSON, too large) still get a GraphQL-shaped JSON answer.
        const refusal =
          error.type === 'entity.too.large'
            ? refuse('BODY_TOO_LARGE', 'The request body is too large')
            : refuse('BODY_NOT_JSON', 'The request body is not valid JSON');
        send(res, error.status ?? 400, errorBody(refusal.code, refusal.message, refusal.reason));
        return;
      }
      execute(req, res, requestId, log).catch((failure: unknown) => {
        log.error({ err: failure }, 'unhandled error');
        if (!res.headersSent) send(res, 500, errorBody(ApolloServerErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
        else res.destroy();
      });
    });
  };
}

/**
 * The 429 of a principal still over its budget, before the endpoint's body
 * parser, a logger of its own or an error object: a principal at ten times
 * its budget must not slow one within its own, so its refusals must cost next
 * to nothing. The one place a principal refused moments ago is refused before
 * its operation is known: called for requests to the GraphQL endpoint only,
 * it looks at those whose token is in the verifier's cache; anything else
 * goes on to the endpoint, where a token verified anew is charged, and
 * refused if it must be, once its operation is known.
 */
function earlyRefusal(
  options: AppOptions,
  answerAgain: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): (req: http.IncomingMessage, res: http.ServerResponse, principal: Principal) => boolean {
  const { services, config, logger } = options;
  // Requests held once: answered as new afterwards, never held again.
  const held = new WeakSet<http.IncomingMessage>();
  return (req, res, principal) => {
    const answer = services.quota.earlyAnswer(principal, 1, !held.has(req));
    if (answer === null) return false;
    if ('holdMs' in answer) {
      held.add(req);
      // Back before its Retry-After: it waits for it (a timer, not a refusal per request), then is answered as new.
      const cancel = services.clock.setTimer(() => {
        res.off('close', gone);
        services.quota.released(principal);
        if (!res.headersSent && !req.socket.destroyed) answerAgain(req, res);
      }, answer.holdMs);
      const gone = () => {
        cancel();
        services.quota.released(principal);
      };
      res.once('close', gone);
      return true;
    }
    const requestId = requestIdOf(req);
    const started = performance.now();
    if (config.metricsEnabled) services.metrics.countRequest('none', 'RATE_LIMITED');
    // A large or chunked body is not worth reading to keep the connection: close it instead.
    const length = Number(req.headers['content-length'] ?? 0);
    if (req.headers['transfer-encoding'] !== undefined || !(length <= EARLY_REFUSAL_DRAIN_BYTES)) res.shouldKeepAlive = false;
    writeEarlyRefusal(res, answer, services.clock.nowMs(), requestId);
    if (logger.isLevelEnabled('info'))
      logger.info({ requestId, method: req.method, status: 429, ms: performance.now() - started }, 'request');
    return true;
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Starts listening; resolves with the bound URL. */
export async function listen(httpServer: http.Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}/graphql`;
}
