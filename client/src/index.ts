export { createEntitlementClient, EntitlementRequestError, EntitlementUnreachableError } from './client';
export type { EntitlementClient, EntitlementClientOptions } from './client';
export type { FetchLike, WebSocketConstructor, WebSocketLike } from './platform';
export type { AnswerSource, CheckOptions, CheckResult, DecisionReason, Entitlement, Fallback, StreamStatus, Use } from './types';
