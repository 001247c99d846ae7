import 'reflect-metadata';
import assert from 'node:assert';
import { ApolloServer } from '@apollo/server';
import type { DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { issueToken } from '../../src/auth/token-issuer';
import { Principal, TokenVerifier } from '../../src/auth/token-verifier';
import { Config, loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { Role } from '../../src/domain/enums';
import type { GraphQLContext } from '../../src/graphql/context';
import { createLogger } from '../../src/logger';
import { createApp, listen } from '../../src/server';
import { createServices, Services } from '../../src/services';
import { UNREACHED_QUOTAS } from './quotas';
import { createTestDatabase, TestDatabase } from './test-db';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_SIGNAL_KEY = 'test-signal-key-that-is-long-enough-0123456789abcdef';

export interface GqlResult<T = Record<string, any>> {
  data: T | null | undefined;
  errors: Array<{ message: string; extensions?: Record<string, any>; path?: readonly (string | number)[] }> | undefined;
}

export interface TestApp {
  db: TestDatabase;
  config: Config;
  dataSource: DataSource;
  services: Services;
  apollo: ApolloServer<GraphQLContext>;
  url: string;
  /** Runs an operation in-process as the given principal (executeOperation). */
  exec<T = Record<string, any>>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<GqlResult<T>>;
  /** Signs a token the server accepts. */
  token(principal: { sub?: string; roles: string[] }, expiresIn?: string | number): Promise<string>;
  /** Sends a real HTTP request. */
  http(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export const admin: Principal = { sub: 'admin-1', roles: [Role.ADMIN] };
export const admin2: Principal = { sub: 'admin-2', roles: [Role.ADMIN] };
export const service: Principal = { sub: 'service-1', roles: [Role.SERVICE] };
export const userOf = (accountId: string): Principal => ({ sub: accountId, roles: [Role.USER] });

/**
 * A whole server on a database of this file's own, listening on a free port.
 * With `attachTo`, a second server process on another app's database (it
 * leaves the database in place when closed); with `database`, on that one
 * (dropped when closed only as it says). With `logDestination`, the
 * server's log lines go there (set LOG_LEVEL in env to see them).
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { attachTo?: TestApp; logDestination?: DestinationStream; database?: TestDatabase } = {},
): Promise<TestApp> {
  const db: TestDatabase =
    options.database ?? (options.attachTo ? { ...options.attachTo.db, drop: async () => undefined } : await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    SIGNAL_HASH_KEY: TEST_SIGNAL_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // The job worker (webhooks, entitlement.changed) only where a test is about it: it is load on every file otherwise.
    WEBHOOK_WORKER: 'false',
    ...UNREACHED_QUOTAS,
    ...env,
  });
  const logger = createLogger(config.logLevel, options.logDestination);
  const dataSource = createDataSource({ url: db.url, poolSize: 20 });
  await dataSource.initialize();
  const services = createServices(dataSource, config, logger);
  await services.start?.();
  const tokenVerifier = new TokenVerifier(config.auth);
  const { apollo, httpServer } = await createApp({ config, dataSource, services, logger, tokenVerifier });
  const url = await listen(httpServer, 0, '127.0.0.1');
  let requests = 0;

  return {
    db,
    config,
    dataSource,
    services,
    apollo,
    url,
    async exec(principal, query, variables) {
      requests += 1;
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: { principal, requestId: `test-${requests}`, services, logger } },
      );
      assert(response.body.kind === 'single');
      const errors = response.body.singleResult.errors as GqlResult['errors'];
      assertReasons(errors);
      return { data: response.body.singleResult.data as any, errors };
    },
    token(principal, expiresIn = '1h') {
      return issueToken(TEST_JWT_SECRET, { sub: principal.sub ?? 'someone', roles: principal.roles, expiresIn });
    },
    async http(query, variables, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // leave as text
      }
      if (body !== null && typeof body === 'object') assertReasons((body as { errors?: GqlResult['errors'] }).errors);
      return { status: res.status, body };
    },
    async close() {
      await apollo.stop();
      await services.stop?.();
      await dataSource.destroy();
      await db.drop();
    },
  };
}

/** The first error's code, for assertions. */
export function codeOf(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

/** The first error's code and reason, for assertions. */
export function refusalOf(result: GqlResult): { code: string | undefined; reason: string | undefined } {
  return { code: result.errors?.[0]?.extensions?.code, reason: result.errors?.[0]?.extensions?.reason };
}

/** The first error's reason, for assertions. */
export function reasonOf(result: GqlResult): string | undefined {
  return result.errors?.[0]?.extensions?.reason;
}

/**
 * Every refusal carries a reason (only internal errors have none): checked on
 * every answer a test reads. A reason equal to its code is the fallback of a
 * refusal that names none; `npm run lint` points at those in src.
 */
function assertReasons(errors: GqlResult['errors']): void {
  for (const error of errors ?? []) {
    const { code, reason } = error.extensions ?? {};
    if (code === 'INTERNAL_SERVER_ERROR') continue;
    if (typeof reason !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(reason)) {
      throw new Error(`A ${String(code)} error without an UPPER_SNAKE reason: ${JSON.stringify(error)}`);
    }
  }
}
