import { AccountClusterSizeEntity } from './account-cluster-size.entity';
import { AccountClusterEntity } from './account-cluster.entity';
import { AccountSignalEntity } from './account-signal.entity';
import { AccountEntity } from './account.entity';
import { AppealEntity } from './appeal.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AuthorizationEntity } from './authorization.entity';
import { CatalogEntryEntity } from './catalog-entry.entity';
import { CatalogKindCountEntity } from './catalog-kind-count.entity';
import { CatalogRelationEntity } from './catalog-relation.entity';
import { IndustryEntity } from './industry.entity';
import { OrganizationEntity } from './organization.entity';
import { PlanEntity } from './plan.entity';
import { PolicyAcceptanceEntity } from './policy-acceptance.entity';
import { PolicyClauseEntity } from './policy-clause.entity';
import { PolicyVersionEntity } from './policy-version.entity';
import { QuotaBucketEntity } from './quota-bucket.entity';
import { QuotaOverrideEntity } from './quota-override.entity';
import { ReportEntity } from './report.entity';
import { SuspensionEntity } from './suspension.entity';
import { EntitlementStateEntity } from './entitlement-state.entity';
import { WebhookAttemptEntity } from './webhook-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookEventEntity } from './webhook-event.entity';

export const entities = [
  AccountClusterEntity,
  AccountClusterSizeEntity,
  AccountEntity,
  AccountSignalEntity,
  AppealEntity,
  AuditEventEntity,
  AuthorizationEntity,
  CatalogEntryEntity,
  CatalogKindCountEntity,
  CatalogRelationEntity,
  IndustryEntity,
  OrganizationEntity,
  PlanEntity,
  PolicyAcceptanceEntity,
  PolicyClauseEntity,
  PolicyVersionEntity,
  QuotaBucketEntity,
  QuotaOverrideEntity,
  ReportEntity,
  SuspensionEntity,
  EntitlementStateEntity,
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  WebhookEventEntity,
];

export {
  AccountClusterEntity,
  AccountClusterSizeEntity,
  AccountEntity,
  AccountSignalEntity,
  AppealEntity,
  AuditEventEntity,
  AuthorizationEntity,
  CatalogEntryEntity,
  CatalogKindCountEntity,
  CatalogRelationEntity,
  IndustryEntity,
  OrganizationEntity,
  PlanEntity,
  PolicyAcceptanceEntity,
  PolicyClauseEntity,
  PolicyVersionEntity,
  QuotaBucketEntity,
  QuotaOverrideEntity,
  ReportEntity,
  SuspensionEntity,
  EntitlementStateEntity,
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
  WebhookEventEntity,
};
