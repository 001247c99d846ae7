import { ApolloServerErrorCode } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';

import { DomainError, ErrorCode, FieldError, Reason, refuse } from './domain/domain-error';

// The domain's refusal type lives in src/domain; its names stay importable from here.
export * from './domain/domain-error';

const HTTP_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  [ApolloServerErrorCode.BAD_USER_INPUT]: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  [ApolloServerErrorCode.INTERNAL_SERVER_ERROR]: 500,
} as const satisfies Record<ErrorCode, number>;

/** Every public code, ours and Apollo's. */
export const ERROR_CODES = Object.keys(HTTP_STATUS) as ErrorCode[];

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(HTTP_STATUS, code);
}

export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

/** PostgreSQL error classes a service may let through; anything else is internal. */
export function pgErrorCode(error: unknown): string | undefined {
  if (error instanceof QueryFailedError) return (error.driverError as { code?: string } | undefined)?.code;
  return (error as { code?: string } | null)?.code;
}

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_EXCLUSION_VIOLATION = '23P01';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
export const PG_INVALID_TEXT = '22P02';
/** invalid byte sequence: PostgreSQL text cannot hold NUL (U+0000). */
export const PG_CHARACTER_NOT_IN_REPERTOIRE = '22021';
export const PG_UNTRANSLATABLE_CHARACTER = '22P05';

/**
 * Apollo's codes for requests that never reached a resolver (parse, validation,
 * persisted queries): each is sent as the reason of a BAD_USER_INPUT.
 */
export const REQUEST_REASONS: ReadonlySet<string> = new Set(Object.values(ApolloServerErrorCode).filter((code) => !isErrorCode(code)));

export interface MappedError {
  message: string;
  code: ErrorCode;
  extensions: Record<string, unknown>;
  internal: boolean;
}

function refusal(error: DomainError): MappedError {
  return { message: error.message, code: error.code, extensions: { ...error.details, reason: error.reason }, internal: false };
}

/**
 * Maps anything a resolver or the server can throw to one of the public
 * codes. Only DomainErrors and GraphQL request errors keep their message;
 * everything else is masked so SQL, stacks and secrets never reach a client.
 */
export function classifyError(original: unknown, graphQLCode?: unknown): MappedError {
  if (original instanceof DomainError) return refusal(original);
  // Refused by a plugin before any resolver ran (a request over its budget): Apollo wraps it without a path.
  if (original instanceof GraphQLError && original.path === undefined && original.originalError instanceof DomainError) {
    return refusal(original.originalError);
  }
  if (original instanceof ArgumentValidationError) {
    const fields: FieldError[] = [];
    for (const e of original.extensions.validationErrors ?? []) {
      for (const message of Object.values(e.constraints ?? {})) fields.push({ field: e.property, message });
      for (const child of e.children ?? []) {
        for (const message of Object.values(child.constraints ?? {})) fields.push({ field: `${e.property}.${child.property}`, message });
      }
    }
    const message = fields.length ? `Invalid input: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}` : 'Invalid input';
    return refusal(refuse('INVALID_FIELDS', message, { fields }));
  }
  if (original instanceof AuthorizationError) return refusal(refuse('ROLE_NOT_ALLOWED', 'You are not allowed to do this'));
  if (original instanceof AuthenticationError) return refusal(refuse('TOKEN_MISSING', 'A valid bearer token is required'));
  const pgCode = pgErrorCode(original);
  if (pgCode === PG_CHARACTER_NOT_IN_REPERTOIRE || pgCode === PG_UNTRANSLATABLE_CHARACTER) {
    return refusal(refuse('TEXT_CONTAINS_NUL', 'Text must not contain NUL (U+0000) characters'));
  }
  if (pgCode === PG_INVALID_TEXT) return refusal(refuse('INVALID_FORMAT', 'A value has the wrong format'));
  // graphql-js wraps its own coercion errors (a bad enum or scalar value in variables) in another GraphQLError.
  if (original instanceof GraphQLError && (original.originalError === undefined || original.originalError instanceof GraphQLError)) {
    const code = String(original.extensions?.code ?? graphQLCode ?? '');
    if (isErrorCode(code)) {
      // A request-level refusal (see server.ts) already names its reason; graphql-js's coercion errors do not.
      const given = original.extensions?.reason;
      const reason =
        typeof given === 'string' ? given : code === ApolloServerErrorCode.BAD_USER_INPUT ? ('INVALID_VALUE' satisfies Reason) : code;
      return { message: original.message, code, extensions: { reason }, internal: false };
    }
    return {
      message: original.message,
      code: ApolloServerErrorCode.BAD_USER_INPUT,
      extensions: { reason: code || ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED },
      internal: false,
    };
  }
  // Variable values that fail coercion: Apollo has already said BAD_USER_INPUT.
  if (original instanceof GraphQLError && graphQLCode === ApolloServerErrorCode.BAD_USER_INPUT && original.path === undefined) {
    return refusal(refuse('INVALID_VALUE', original.message));
  }
  if (typeof graphQLCode === 'string' && REQUEST_REASONS.has(graphQLCode)) {
    return {
      message: (original as Error)?.message ?? 'Bad request',
      code: ApolloServerErrorCode.BAD_USER_INPUT,
      extensions: { reason: graphQLCode },
      internal: false,
    };
  }
  return { message: 'Internal server error', code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR, extensions: {}, internal: true };
}
