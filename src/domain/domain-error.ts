// Refusals as data: a public code (what kind of refusal) and a reason (which
// rule refused), so a client can tell them apart without parsing English.
// No GraphQL, TypeORM or pg here: src/errors.ts translates for the API.

/** The public error classes; every GraphQL error carries one as extensions.code. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface FieldError {
  field: string;
  message: string;
}

export enum AuthReason {
  /** No Authorization header at all. */
  TOKEN_MISSING = 'TOKEN_MISSING',
  /** The header is not "Bearer <token>". */
  AUTH_HEADER_MALFORMED = 'AUTH_HEADER_MALFORMED',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  TOKEN_WITHOUT_SUBJECT = 'TOKEN_WITHOUT_SUBJECT',
  /** None of the caller's roles may run this operation. */
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  /** A user may act only on its own account. */
  NOT_OWN_ACCOUNT = 'NOT_OWN_ACCOUNT',
}

export enum InputReason {
  /** Several fields failed their checks; `fields` names each. */
  INVALID_FIELDS = 'INVALID_FIELDS',
  TEXT_REQUIRED = 'TEXT_REQUIRED',
  TEXT_TOO_LONG = 'TEXT_TOO_LONG',
  TEXT_CONTAINS_NUL = 'TEXT_CONTAINS_NUL',
  /** A value PostgreSQL cannot read as its type (22P02). */
  INVALID_FORMAT = 'INVALID_FORMAT',
  LIMIT_OUT_OF_RANGE = 'LIMIT_OUT_OF_RANGE',
  /** An `after` cursor that is not one of this list's. */
  INVALID_CURSOR = 'INVALID_CURSOR',
  /** A change-feed cursor older than the replay history kept: reload, then subscribe without one. */
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  BODY_TOO_LARGE = 'BODY_TOO_LARGE',
  BODY_NOT_JSON = 'BODY_NOT_JSON',
  /** A variable or argument value graphql-js could not coerce to its type. */
  INVALID_VALUE = 'INVALID_VALUE',
  // Apollo's and graphql-js's own request errors keep their names.
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST = 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
}

export enum AccountReason {
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  UNKNOWN_PLAN = 'UNKNOWN_PLAN',
}

export enum OrganizationReason {
  UNKNOWN_INDUSTRY = 'UNKNOWN_INDUSTRY',
}

export enum AuthorizationReason {
  AUTHORIZATION_NOT_FOUND = 'AUTHORIZATION_NOT_FOUND',
  AUTHORIZATION_OVERLAPS = 'AUTHORIZATION_OVERLAPS',
  AUTHORIZATION_ALREADY_REVOKED = 'AUTHORIZATION_ALREADY_REVOKED',
  EXPIRY_NOT_AFTER_START = 'EXPIRY_NOT_AFTER_START',
}

export enum SuspensionReason {
  SUSPENSION_NOT_FOUND = 'SUSPENSION_NOT_FOUND',
  ALREADY_SUSPENDED = 'ALREADY_SUSPENDED',
  SUSPENSION_ALREADY_LIFTED = 'SUSPENSION_ALREADY_LIFTED',
  SUSPENSION_ALREADY_ENDED = 'SUSPENSION_ALREADY_ENDED',
  END_NOT_IN_FUTURE = 'END_NOT_IN_FUTURE',
}

export enum ReportReason {
  REPORT_NOT_FOUND = 'REPORT_NOT_FOUND',
  DUPLICATE_OPEN_REPORT = 'DUPLICATE_OPEN_REPORT',
  REPORT_ALREADY_RESOLVED = 'REPORT_ALREADY_RESOLVED',
  RESOLUTION_STATUS_OPEN = 'RESOLUTION_STATUS_OPEN',
}

export enum AppealReason {
  APPEAL_NOT_FOUND = 'APPEAL_NOT_FOUND',
  /** Only the suspended account's user, or one it blocks under 9(n), may appeal. */
  NOT_APPEALABLE_BY_CALLER = 'NOT_APPEALABLE_BY_CALLER',
  SUSPENSION_NOT_IN_FORCE = 'SUSPENSION_NOT_IN_FORCE',
  APPEAL_WINDOW_CLOSED = 'APPEAL_WINDOW_CLOSED',
  APPEAL_ALREADY_PENDING = 'APPEAL_ALREADY_PENDING',
  APPEAL_ALREADY_DECIDED = 'APPEAL_ALREADY_DECIDED',
  /** The admin who imposed a suspension may not decide its appeal. */
  SAME_REVIEWER = 'SAME_REVIEWER',
}

export enum PolicyReason {
  POLICY_VERSION_NOT_FOUND = 'POLICY_VERSION_NOT_FOUND',
  UNKNOWN_POLICY_VERSION = 'UNKNOWN_POLICY_VERSION',
  POLICY_VERSION_EXISTS = 'POLICY_VERSION_EXISTS',
  EFFECTIVE_IN_THE_PAST = 'EFFECTIVE_IN_THE_PAST',
  NOTICE_TOO_SHORT = 'NOTICE_TOO_SHORT',
  UNKNOWN_CLAUSE = 'UNKNOWN_CLAUSE',
}

export enum CatalogReason {
  CATALOG_ENTRY_NOT_FOUND = 'CATALOG_ENTRY_NOT_FOUND',
  TOO_MANY_CATALOG_ENTRIES = 'TOO_MANY_CATALOG_ENTRIES',
  INVALID_CATALOG_ENTRY = 'INVALID_CATALOG_ENTRY',
}

export enum SignalReason {
  TOO_MANY_SIGNALS = 'TOO_MANY_SIGNALS',
}

export enum WebhookReason {
  WEBHOOK_ENDPOINT_NOT_FOUND = 'WEBHOOK_ENDPOINT_NOT_FOUND',
  WEBHOOK_EVENT_NOT_FOUND = 'WEBHOOK_EVENT_NOT_FOUND',
  WEBHOOK_URL_NOT_ALLOWED = 'WEBHOOK_URL_NOT_ALLOWED',
  NO_EVENT_TYPES = 'NO_EVENT_TYPES',
}

/**
 * Fallbacks for a refusal built only from its code (`new DomainError(ErrorCode.CONFLICT, ...)`,
 * `conflict(message)`): the value equals the code. New refusals name a specific reason.
 */
export enum GeneralReason {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export type Reason =
  | AuthReason
  | InputReason
  | AccountReason
  | OrganizationReason
  | AuthorizationReason
  | SuspensionReason
  | ReportReason
  | AppealReason
  | PolicyReason
  | CatalogReason
  | SignalReason
  | WebhookReason
  | GeneralReason;

/** Every reason enum, for listings (README, tests). */
export const REASON_ENUMS = {
  auth: AuthReason,
  input: InputReason,
  accounts: AccountReason,
  organizations: OrganizationReason,
  authorizations: AuthorizationReason,
  suspensions: SuspensionReason,
  reports: ReportReason,
  appeals: AppealReason,
  policy: PolicyReason,
  catalog: CatalogReason,
  signals: SignalReason,
  webhooks: WebhookReason,
  general: GeneralReason,
} as const;

/** The one place a reason gets its public code; the switch is exhaustive, so a new reason must be placed. */
export function codeOfReason(reason: Reason | ErrorCode): ErrorCode {
  switch (reason) {
    case AuthReason.TOKEN_MISSING:
    case AuthReason.AUTH_HEADER_MALFORMED:
    case AuthReason.TOKEN_INVALID:
    case AuthReason.TOKEN_EXPIRED:
    case AuthReason.TOKEN_WITHOUT_SUBJECT:
    case GeneralReason.UNAUTHENTICATED:
    case ErrorCode.UNAUTHENTICATED:
      return ErrorCode.UNAUTHENTICATED;

    case AuthReason.ROLE_NOT_ALLOWED:
    case AuthReason.NOT_OWN_ACCOUNT:
    case AppealReason.NOT_APPEALABLE_BY_CALLER:
    case AppealReason.SAME_REVIEWER:
    case GeneralReason.FORBIDDEN:
    case ErrorCode.FORBIDDEN:
      return ErrorCode.FORBIDDEN;

    case InputReason.INVALID_FIELDS:
    case InputReason.TEXT_REQUIRED:
    case InputReason.TEXT_TOO_LONG:
    case InputReason.TEXT_CONTAINS_NUL:
    case InputReason.INVALID_FORMAT:
    case InputReason.LIMIT_OUT_OF_RANGE:
    case InputReason.INVALID_CURSOR:
    case InputReason.CURSOR_EXPIRED:
    case InputReason.BATCH_TOO_LARGE:
    case InputReason.BODY_TOO_LARGE:
    case InputReason.BODY_NOT_JSON:
    case InputReason.INVALID_VALUE:
    case InputReason.GRAPHQL_PARSE_FAILED:
    case InputReason.GRAPHQL_VALIDATION_FAILED:
    case InputReason.BAD_REQUEST:
    case InputReason.OPERATION_RESOLUTION_FAILURE:
    case InputReason.PERSISTED_QUERY_NOT_FOUND:
    case InputReason.PERSISTED_QUERY_NOT_SUPPORTED:
    case AccountReason.UNKNOWN_PLAN:
    case OrganizationReason.UNKNOWN_INDUSTRY:
    case WebhookReason.WEBHOOK_URL_NOT_ALLOWED:
    case WebhookReason.NO_EVENT_TYPES:
    case AuthorizationReason.EXPIRY_NOT_AFTER_START:
    case SuspensionReason.END_NOT_IN_FUTURE:
    case ReportReason.RESOLUTION_STATUS_OPEN:
    case AppealReason.SUSPENSION_NOT_IN_FORCE:
    case AppealReason.APPEAL_WINDOW_CLOSED:
    case PolicyReason.UNKNOWN_POLICY_VERSION:
    case PolicyReason.EFFECTIVE_IN_THE_PAST:
    case PolicyReason.NOTICE_TOO_SHORT:
    case PolicyReason.UNKNOWN_CLAUSE:
    case CatalogReason.TOO_MANY_CATALOG_ENTRIES:
    case CatalogReason.INVALID_CATALOG_ENTRY:
    case SignalReason.TOO_MANY_SIGNALS:
    case GeneralReason.BAD_USER_INPUT:
    case ErrorCode.BAD_USER_INPUT:
      return ErrorCode.BAD_USER_INPUT;

    case AccountReason.ACCOUNT_NOT_FOUND:
    case AuthorizationReason.AUTHORIZATION_NOT_FOUND:
    case SuspensionReason.SUSPENSION_NOT_FOUND:
    case ReportReason.REPORT_NOT_FOUND:
    case AppealReason.APPEAL_NOT_FOUND:
    case PolicyReason.POLICY_VERSION_NOT_FOUND:
    case CatalogReason.CATALOG_ENTRY_NOT_FOUND:
    case WebhookReason.WEBHOOK_ENDPOINT_NOT_FOUND:
    case WebhookReason.WEBHOOK_EVENT_NOT_FOUND:
    case GeneralReason.NOT_FOUND:
    case ErrorCode.NOT_FOUND:
      return ErrorCode.NOT_FOUND;

    case AccountReason.EMAIL_TAKEN:
    case AuthorizationReason.AUTHORIZATION_OVERLAPS:
    case AuthorizationReason.AUTHORIZATION_ALREADY_REVOKED:
    case SuspensionReason.ALREADY_SUSPENDED:
    case SuspensionReason.SUSPENSION_ALREADY_LIFTED:
    case SuspensionReason.SUSPENSION_ALREADY_ENDED:
    case ReportReason.DUPLICATE_OPEN_REPORT:
    case ReportReason.REPORT_ALREADY_RESOLVED:
    case AppealReason.APPEAL_ALREADY_PENDING:
    case AppealReason.APPEAL_ALREADY_DECIDED:
    case PolicyReason.POLICY_VERSION_EXISTS:
    case GeneralReason.CONFLICT:
    case ErrorCode.CONFLICT:
      return ErrorCode.CONFLICT;

    case GeneralReason.INTERNAL_SERVER_ERROR:
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return ErrorCode.INTERNAL_SERVER_ERROR;

    default: {
      const unplaced: never = reason;
      throw new Error(`Reason ${String(unplaced)} has no code`);
    }
  }
}

export interface ErrorDetails {
  fields?: FieldError[];
  [key: string]: unknown;
}

/**
 * A refusal the caller can act on. Services throw these; the API layer maps
 * them once. Given only an ErrorCode (the older form), the reason is that code.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly reason: Reason;

  constructor(
    reason: Reason | ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = codeOfReason(reason);
    this.reason = reason as Reason;
  }
}

/** `Thing <id> not found`, with an empty id shown as "". */
export function notFoundMessage(what: string, id?: string): string {
  return id === undefined ? `${what} not found` : `${what} ${id.trim() === '' ? '""' : id} not found`;
}

/** A BAD_USER_INPUT about one field: `fields` names it. */
export function inputError(reason: Reason, message: string, field?: string, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError(reason, message, { ...(field ? { fields: [{ field, message }] } : {}), ...extra });
}
