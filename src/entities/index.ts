import { AccountClusterSizeEntity } from './account-cluster-size.entity';
import { AccountClusterEntity } from './account-cluster.entity';
import { AccountSignalEntity } from './account-signal.entity';
import { AccountEntity } from './account.entity';
import { AppealEntity } from './appeal.entity';
import { AuditEventEntity } from './audit-event.entity';
import { AuthorizationEntity } from './authorization.entity';
import { CatalogEntryEntity } from './catalog-entry.entity';
import { CatalogKindCountEntity } from './catalog-kind-count.entity';
import { IndustryEntity } from './industry.entity';
import { OrganizationEntity } from './organization.entity';
import { PlanEntity } from './plan.entity';
import { PolicyAcceptanceEntity } from './policy-acceptance.entity';
import { PolicyClauseEntity } from './policy-clause.entity';
import { PolicyVersionEntity } from './policy-version.entity';
import { ReportEntity } from './report.entity';
import { SuspensionEntity } from './suspension.entity';

export const entities = [
  AccountClusterEntity, AccountClusterSizeEntity, AccountEntity, AccountSignalEntity, AppealEntity, AuditEventEntity,
  AuthorizationEntity, CatalogEntryEntity, CatalogKindCountEntity, IndustryEntity, OrganizationEntity, PlanEntity, PolicyAcceptanceEntity,
  PolicyClauseEntity, PolicyVersionEntity, ReportEntity, SuspensionEntity,
];

export {
  AccountClusterEntity, AccountClusterSizeEntity, AccountEntity, AccountSignalEntity, AppealEntity, AuditEventEntity,
  AuthorizationEntity, CatalogEntryEntity, CatalogKindCountEntity, IndustryEntity, OrganizationEntity, PlanEntity, PolicyAcceptanceEntity,
  PolicyClauseEntity, PolicyVersionEntity, ReportEntity, SuspensionEntity,
};
