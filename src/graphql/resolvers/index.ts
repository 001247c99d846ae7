import { AuditResolver } from './audit.resolver';
import { ReferenceResolver } from './reference.resolver';

// Every resolver class of the schema; one line each.
export const resolvers = [
  AuditResolver,
  ReferenceResolver,
] as const;
