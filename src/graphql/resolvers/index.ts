import { AuditResolver } from './audit.resolver';
import { ReferenceResolver } from './reference.resolver';
import { ScreeningResolver } from './screening.resolver';

// Every resolver class of the schema; one line each.
export const resolvers = [
  AuditResolver,
  ReferenceResolver,
  ScreeningResolver,
] as const;
