// Old import path of the onboarding tests' helpers; they live in operations.ts, factories.ts and audit.ts now.
export { ACCOUNT_FIELDS } from './operations';
export { auditCount } from './audit';
export type { AuditRow } from './audit';
/** @deprecated use auditRowsOf from audit.ts. */
export { auditRowsOf as auditOf } from './audit';
/** @deprecated use createAccountThroughApi from factories.ts. */
export { createAccountThroughApi as makeAccount } from './factories';
