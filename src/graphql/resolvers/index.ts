import { AccountResolver } from './account.resolver';
import { AuditResolver } from './audit.resolver';
import { EntitlementResolver } from './entitlement.resolver';
import { OrganizationResolver } from './organization.resolver';
import { PolicyResolver } from './policy.resolver';
import { ReferenceResolver } from './reference.resolver';

// Every resolver class of the schema; one line each.
export const resolvers = [
  AccountResolver,
  AuditResolver,
  EntitlementResolver,
  OrganizationResolver,
  PolicyResolver,
  ReferenceResolver,
] as const;
