// Refusals as data: a public code (what kind of refusal) and a reason (which
// rule refused), so a client can tell them apart without parsing English.
// No GraphQL, TypeORM or pg here: src/errors.ts translates for the API.
// Apollo's codes are named as types only, so nothing of Apollo's runs here.
import type { ApolloServerErrorCode } from '@apollo/server/errors';

/** The codes this API adds to Apollo's. */
export const OWN_ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED'] as const;

/** The public error classes; every GraphQL error carries one as extensions.code. */
export type ErrorCode =
  (typeof OWN_ERROR_CODES)[number] | `${ApolloServerErrorCode.BAD_USER_INPUT | ApolloServerErrorCode.INTERNAL_SERVER_ERROR}`;

/**
 * Every refusal's reason and its code, each reason written once, by area (the
 * README's table follows the same order). Apollo's own request errors keep
 * their names as reasons; src/errors.ts takes those from Apollo.
 */
export const REASONS = {
  // auth
  /** No Authorization header at all. */
  TOKEN_MISSING: 'UNAUTHENTICATED',
  /** The header is not "Bearer <token>". */
  AUTH_HEADER_MALFORMED: 'UNAUTHENTICATED',
  TOKEN_INVALID: 'UNAUTHENTICATED',
  TOKEN_EXPIRED: 'UNAUTHENTICATED',
  TOKEN_WITHOUT_SUBJECT: 'UNAUTHENTICATED',
  /** None of the caller's roles may run this operation. */
  ROLE_NOT_ALLOWED: 'FORBIDDEN',
  /** A user may act only on its own account. */
  NOT_OWN_ACCOUNT: 'FORBIDDEN',

  // input
  /** Several fields failed their checks; `fields` names each. */
  INVALID_FIELDS: 'BAD_USER_INPUT',
  TEXT_REQUIRED: 'BAD_USER_INPUT',
  TEXT_TOO_LONG: 'BAD_USER_INPUT',
  TEXT_CONTAINS_NUL: 'BAD_USER_INPUT',
  /** A one-line text holds a control character (line break, tab, ...). */
  TEXT_CONTAINS_CONTROL: 'BAD_USER_INPUT',
  /** A value PostgreSQL cannot read as its type (22P02). */
  INVALID_FORMAT: 'BAD_USER_INPUT',
  LIMIT_OUT_OF_RANGE: 'BAD_USER_INPUT',
  /** An `after` cursor that is not one of this list's. */
  INVALID_CURSOR: 'BAD_USER_INPUT',
  /** A change-feed cursor older than the replay history kept: reload, then subscribe without one. */
  CURSOR_EXPIRED: 'BAD_USER_INPUT',
  INVALID_REVISION: 'BAD_USER_INPUT',
  BATCH_TOO_LARGE: 'BAD_USER_INPUT',
  BODY_TOO_LARGE: 'BAD_USER_INPUT',
  BODY_NOT_JSON: 'BAD_USER_INPUT',
  /** A variable or argument value graphql-js could not coerce to its type. */
  INVALID_VALUE: 'BAD_USER_INPUT',

  // accounts
  ACCOUNT_NOT_FOUND: 'NOT_FOUND',
  EMAIL_TAKEN: 'CONFLICT',
  UNKNOWN_PLAN: 'BAD_USER_INPUT',

  // organizations
  UNKNOWN_INDUSTRY: 'BAD_USER_INPUT',

  // authorizations
  AUTHORIZATION_NOT_FOUND: 'NOT_FOUND',
  AUTHORIZATION_OVERLAPS: 'CONFLICT',
  AUTHORIZATION_ALREADY_REVOKED: 'CONFLICT',
  EXPIRY_NOT_AFTER_START: 'BAD_USER_INPUT',

  // suspensions
  SUSPENSION_NOT_FOUND: 'NOT_FOUND',
  ALREADY_SUSPENDED: 'CONFLICT',
  SUSPENSION_ALREADY_LIFTED: 'CONFLICT',
  SUSPENSION_ALREADY_ENDED: 'CONFLICT',
  END_NOT_IN_FUTURE: 'BAD_USER_INPUT',

  // reports
  REPORT_NOT_FOUND: 'NOT_FOUND',
  DUPLICATE_OPEN_REPORT: 'CONFLICT',
  REPORT_ALREADY_RESOLVED: 'CONFLICT',
  RESOLUTION_STATUS_OPEN: 'BAD_USER_INPUT',

  // appeals
  APPEAL_NOT_FOUND: 'NOT_FOUND',
  /** Only the suspended account's user, or one it blocks under 9(n), may appeal. */
  NOT_APPEALABLE_BY_CALLER: 'FORBIDDEN',
  SUSPENSION_NOT_IN_FORCE: 'BAD_USER_INPUT',
  APPEAL_WINDOW_CLOSED: 'BAD_USER_INPUT',
  APPEAL_ALREADY_PENDING: 'CONFLICT',
  APPEAL_ALREADY_DECIDED: 'CONFLICT',
  /** The admin who imposed a suspension may not decide its appeal. */
  SAME_REVIEWER: 'FORBIDDEN',

  // policy
  POLICY_VERSION_NOT_FOUND: 'NOT_FOUND',
  UNKNOWN_POLICY_VERSION: 'BAD_USER_INPUT',
  POLICY_VERSION_EXISTS: 'CONFLICT',
  EFFECTIVE_IN_THE_PAST: 'BAD_USER_INPUT',
  NOTICE_TOO_SHORT: 'BAD_USER_INPUT',
  UNKNOWN_CLAUSE: 'BAD_USER_INPUT',

  // catalog
  CATALOG_ENTRY_NOT_FOUND: 'NOT_FOUND',
  TOO_MANY_CATALOG_ENTRIES: 'BAD_USER_INPUT',
  INVALID_CATALOG_ENTRY: 'BAD_USER_INPUT',
  /** An entry's description itself names a protected entry: a suggestion would be blocked again. */
  DESCRIBE_AS_BLOCKED: 'BAD_USER_INPUT',

  // signals
  TOO_MANY_SIGNALS: 'BAD_USER_INPUT',

  // webhooks
  WEBHOOK_ENDPOINT_NOT_FOUND: 'NOT_FOUND',
  WEBHOOK_EVENT_NOT_FOUND: 'NOT_FOUND',
  WEBHOOK_URL_NOT_ALLOWED: 'BAD_USER_INPUT',
  NO_EVENT_TYPES: 'BAD_USER_INPUT',

  // quotas
  /** Not `account:<id>`, `service:<subject>` or `admin:<subject>`. */
  INVALID_PRINCIPAL: 'BAD_USER_INPUT',
  /** The principal's budget holds fewer points than the operation costs; `retryAfter` says when it will. */
  QUOTA_EXCEEDED: 'RATE_LIMITED',
  /** The operation costs more than the principal's whole budget: waiting does not help. */
  QUOTA_COST_OVER_BUDGET: 'RATE_LIMITED',
} as const satisfies Record<string, ErrorCode>;

/** The rule that refused; every refusal names one. */
export type Reason = keyof typeof REASONS;

/** A reason's code; a value that is not a reason (from outside the types) is refused rather than given one. */
export function codeOfReason(reason: Reason): ErrorCode {
  if (!Object.hasOwn(REASONS, reason)) throw new Error(`Reason ${String(reason)} has no code`);
  return REASONS[reason];
}

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Extensions a refusal carries besides its code and reason. `field` names the
 * one input field at fault and is sent as `fields: [{ field, message }]`;
 * `fields` names several.
 */
export type RefusalDetails = { [key: string]: unknown } & ({ field?: string; fields?: never } | { field?: never; fields?: FieldError[] });

/**
 * A refusal the caller can act on. Services throw these (built with `refuse`);
 * the API layer maps them once.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    readonly reason: Reason,
    message: string,
    details: RefusalDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = codeOfReason(reason);
    const { field, ...rest } = details;
    this.details = field === undefined ? rest : { fields: [{ field, message }], ...rest };
  }
}

/** The one way to refuse: the reason's code comes from REASONS. */
export function refuse(reason: Reason, message: string, details?: RefusalDetails): DomainError {
  return new DomainError(reason, message, details);
}

/** `Thing <id> not found`, with an empty id shown as "". */
export function notFoundMessage(what: string, id?: string): string {
  return id === undefined ? `${what} not found` : `${what} ${id.trim() === '' ? '""' : id} not found`;
}
