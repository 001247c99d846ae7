import { AuditResolver } from './audit.resolver';
import { EntitlementResolver } from './entitlement.resolver';
import { ReferenceResolver } from './reference.resolver';

// Every resolver class of the schema; one line each.
export const resolvers = [
  AuditResolver,
  EntitlementResolver,
  ReferenceResolver,
] as const;
