import { AccountEnforcementResolver } from './account-enforcement.resolver';
import { AppealResolver } from './appeal.resolver';
import { AuditResolver } from './audit.resolver';
import { AuthorizationResolver } from './authorization.resolver';
import { ReferenceResolver } from './reference.resolver';
import { ReportResolver } from './report.resolver';
import { SuspensionResolver } from './suspension.resolver';

// Every resolver class of the schema; one line each.
export const resolvers = [
  AccountEnforcementResolver,
  AppealResolver,
  AuditResolver,
  AuthorizationResolver,
  ReferenceResolver,
  ReportResolver,
  SuspensionResolver,
] as const;
