// The SQL factories now live in factories.ts; this module keeps the old import path.
export { addAuthorization, addPolicyVersion, addSignal, addSuspension, seedAccount } from './factories';
export type { AccountSpec } from './factories';
/** @deprecated use seedAccount from factories.ts. */
export { seedAccount as makeAccount } from './factories';
