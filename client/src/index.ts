export { createEntitlementClient, EntitlementRequestError, EntitlementUnreachableError } from './client';
export type { AccountChange, ChangeListener, EntitlementClient, EntitlementClientOptions } from './client';
export { entitlementStore } from './entitlement-store';
export type { EntitlementState, EntitlementStore } from './entitlement-store';
export type { FetchLike, WebSocketConstructor, WebSocketLike } from './platform';
export type { AnswerSource, CheckOptions, CheckResult, DecisionReason, Entitlement, Fallback, StreamStatus, Use } from './types';
