import { registerEnumType } from 'type-graphql';
import {
  AccountStatus,
  AppealDecision,
  AppealStatus,
  AuthorizationKind,
  CatalogKind,
  MatchVerdict,
  OrganizationKind,
  ProhibitedSector,
  ReasonCode,
  Remedy,
  ReportStatus,
  ScreeningOverride,
  SignalKind,
  Use,
} from '../../domain/enums';

// The domain owns the values; this only tells GraphQL about them.
registerEnumType(Use, { name: 'Use', description: 'What the caller wants to do with the service. Each use has its own rule.' });
registerEnumType(ReasonCode, { name: 'ReasonCode' });
registerEnumType(Remedy, { name: 'Remedy' });
registerEnumType(AuthorizationKind, { name: 'AuthorizationKind' });
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(ProhibitedSector, { name: 'ProhibitedSector' });
registerEnumType(AccountStatus, { name: 'AccountStatus' });
registerEnumType(ReportStatus, { name: 'ReportStatus' });
registerEnumType(AppealStatus, { name: 'AppealStatus' });
registerEnumType(AppealDecision, { name: 'AppealDecision' });
registerEnumType(CatalogKind, { name: 'CatalogKind' });
registerEnumType(SignalKind, { name: 'SignalKind' });
registerEnumType(MatchVerdict, {
  name: 'MatchVerdict',
  description:
    'BLOCK: the input names a protected work or person and is refused. REVIEW: ambiguous; allowed, reported for logging or a question.',
});
registerEnumType(ScreeningOverride, {
  name: 'ScreeningOverride',
  description:
    'How screening treats one catalog entry: ALWAYS blocks wherever it appears, NEVER never blocks, AUTO lets the screening rules decide.',
});
