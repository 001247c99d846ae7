import { GraphQLError } from 'graphql';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import { QueryFailedError } from 'typeorm';

import {
  AuthReason,
  DomainError,
  ErrorCode,
  FieldError,
  GeneralReason,
  InputReason,
  Reason,
  inputError,
  notFoundMessage,
} from './domain/domain-error';

// The domain's refusal type lives in src/domain; its names stay importable from here.
export * from './domain/domain-error';

// Shorthands. Without a reason, the refusal's reason is its code: pass one.
export const badInput = (
  message: string,
  field?: string,
  extra: Record<string, unknown> = {},
  reason: Reason = GeneralReason.BAD_USER_INPUT,
) => inputError(reason, message, field, extra);
export const notFound = (what: string, id?: string, reason: Reason = GeneralReason.NOT_FOUND) =>
  new DomainError(reason, notFoundMessage(what, id));
export const conflict = (message: string, reason: Reason = GeneralReason.CONFLICT) => new DomainError(reason, message);
export const forbidden = (message = 'You are not allowed to do this', reason: Reason = GeneralReason.FORBIDDEN) =>
  new DomainError(reason, message);
export const unauthenticated = (message = 'A valid bearer token is required', reason: Reason = GeneralReason.UNAUTHENTICATED) =>
  new DomainError(reason, message);

const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL_SERVER_ERROR: 500,
};

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

// Apollo's own codes for requests that never reached a resolver.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export interface MappedError {
  message: string;
  code: ErrorCode;
  extensions: Record<string, unknown>;
  internal: boolean;
}

/**
 * Maps anything a resolver or the server can throw to one of the public
 * codes. Only DomainErrors and GraphQL request errors keep their message;
 * everything else is masked so SQL, stacks and secrets never reach a client.
 */
export function classifyError(original: unknown, graphQLCode?: unknown): MappedError {
  if (original instanceof DomainError) {
    return {
      message: original.message,
      code: original.code,
      extensions: { ...original.details, reason: original.reason },
      internal: false,
    };
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
    return { message, code: ErrorCode.BAD_USER_INPUT, extensions: { fields, reason: InputReason.INVALID_FIELDS }, internal: false };
  }
  if (original instanceof AuthorizationError) {
    return {
      message: 'You are not allowed to do this',
      code: ErrorCode.FORBIDDEN,
      extensions: { reason: AuthReason.ROLE_NOT_ALLOWED },
      internal: false,
    };
  }
  if (original instanceof AuthenticationError) {
    return {
      message: 'A valid bearer token is required',
      code: ErrorCode.UNAUTHENTICATED,
      extensions: { reason: AuthReason.TOKEN_MISSING },
      internal: false,
    };
  }
  const pgCode = pgErrorCode(original);
  if (pgCode === PG_CHARACTER_NOT_IN_REPERTOIRE || pgCode === PG_UNTRANSLATABLE_CHARACTER) {
    return {
      message: 'Text must not contain NUL (U+0000) characters',
      code: ErrorCode.BAD_USER_INPUT,
      extensions: { reason: InputReason.TEXT_CONTAINS_NUL },
      internal: false,
    };
  }
  if (pgCode === PG_INVALID_TEXT) {
    return {
      message: 'A value has the wrong format',
      code: ErrorCode.BAD_USER_INPUT,
      extensions: { reason: InputReason.INVALID_FORMAT },
      internal: false,
    };
  }
  // graphql-js wraps its own coercion errors (a bad enum or scalar value in variables) in another GraphQLError.
  if (original instanceof GraphQLError && (original.originalError === undefined || original.originalError instanceof GraphQLError)) {
    const code = String(original.extensions?.code ?? graphQLCode ?? '');
    if (code in ErrorCode) {
      // A request-level refusal (see server.ts) already names its reason; graphql-js's coercion errors do not.
      const given = original.extensions?.reason;
      const reason = typeof given === 'string' ? given : code === ErrorCode.BAD_USER_INPUT ? InputReason.INVALID_VALUE : code;
      return { message: original.message, code: code as ErrorCode, extensions: { reason }, internal: false };
    }
    return {
      message: original.message,
      code: ErrorCode.BAD_USER_INPUT,
      extensions: { reason: code || InputReason.GRAPHQL_VALIDATION_FAILED },
      internal: false,
    };
  }
  // Variable values that fail coercion: Apollo has already said BAD_USER_INPUT.
  if (original instanceof GraphQLError && graphQLCode === ErrorCode.BAD_USER_INPUT && original.path === undefined) {
    return {
      message: original.message,
      code: ErrorCode.BAD_USER_INPUT,
      extensions: { reason: InputReason.INVALID_VALUE },
      internal: false,
    };
  }
  if (typeof graphQLCode === 'string' && REQUEST_ERROR_CODES.has(graphQLCode)) {
    return {
      message: (original as Error)?.message ?? 'Bad request',
      code: ErrorCode.BAD_USER_INPUT,
      extensions: { reason: graphQLCode },
      internal: false,
    };
  }
  return { message: 'Internal server error', code: ErrorCode.INTERNAL_SERVER_ERROR, extensions: {}, internal: true };
}
