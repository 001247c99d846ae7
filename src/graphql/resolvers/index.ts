import { AccountEnforcementResolver } from './account-enforcement.resolver';
import { AccountResolver } from './account.resolver';
import { AppealResolver } from './appeal.resolver';
import { AuditResolver } from './audit.resolver';
import { AuthorizationResolver } from './authorization.resolver';
import { EntitlementFeedResolver } from './entitlement-feed.resolver';
import { EntitlementResolver } from './entitlement.resolver';
import { OrganizationResolver } from './organization.resolver';
import { PolicyResolver } from './policy.resolver';
import { QuotaResolver } from './quota.resolver';
import { ReferenceResolver } from './reference.resolver';
import { ReportResolver } from './report.resolver';
import { revisionResolvers } from './revision.resolver';
import { InputScreeningResolver, ScreeningResolver } from './screening.resolver';
import { SignalResolver } from './signal.resolver';
import { SuspensionResolver } from './suspension.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from './webhook.resolver';

// Every resolver class of the schema; one line each.
export const resolvers = [
  AccountEnforcementResolver,
  AccountResolver,
  AppealResolver,
  AuditResolver,
  AuthorizationResolver,
  EntitlementFeedResolver,
  EntitlementResolver,
  OrganizationResolver,
  PolicyResolver,
  QuotaResolver,
  ReferenceResolver,
  ReportResolver,
  ScreeningResolver,
  InputScreeningResolver,
  SignalResolver,
  SuspensionResolver,
  WebhookDeliveryResolver,
  WebhookResolver,
  ...revisionResolvers,
] as const;
