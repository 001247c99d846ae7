// Every GraphQL document the integration tests send more than ad hoc, in one
// place, named by operation (and by selection where tests need different
// answers). A test imports what it runs; a schema change is fixed here once.
// The authorization matrix keeps its own one-row documents on purpose.

// Accounts and onboarding
export const ACCOUNT_FIELDS = `id email displayName createdAt plan { code name commercialUse } governmentEntity acceptedPolicyVersion
  organization { kind legalName jurisdiction declaredSectors performsPublicFunctions declaredAt industry { code title governmentSector prohibitedSector } }
  policyAcceptances { version acceptedAt }`;

export const ACCOUNT = `query($id: ID!) { account(id: $id) { ${ACCOUNT_FIELDS} } }`;
export const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { ${ACCOUNT_FIELDS} } }`;
export const CREATE_ACCOUNT_SUMMARY = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id email displayName plan { code } } }`;
export const CREATE_ACCOUNT_ID = 'mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }';
export const CHANGE_PLAN =
  'mutation($id: ID!, $plan: String!) { changePlan(accountId: $id, planCode: $plan) { id plan { code commercialUse } } }';
export const DECLARE_ORGANIZATION = `mutation($id: ID!, $input: OrganizationInput!) { declareOrganization(accountId: $id, input: $input) { ${ACCOUNT_FIELDS} } }`;
export const DECLARE_INDIVIDUAL = 'mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: INDIVIDUAL }) { id } }';
export const VERIFY_GOVERNMENT_STATUS = `mutation($id: ID!, $gov: Boolean!, $note: String!) {
  verifyGovernmentStatus(accountId: $id, governmentEntity: $gov, note: $note) { id email displayName createdAt status }
}`;
export const VERIFY_GOVERNMENT_STATUS_ID =
  'mutation($id: ID!, $gov: Boolean!) { verifyGovernmentStatus(accountId: $id, governmentEntity: $gov, note: "checked") { id } }';

// Policy versions
export const PUBLISH_POLICY_VERSION =
  'mutation($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { version publishedAt effectiveAt significant summary } }';
export const ACCEPT_POLICY =
  'mutation($id: ID!, $v: String!) { acceptPolicy(accountId: $id, version: $v) { id acceptedPolicyVersion policyAcceptances { version acceptedAt } } }';
export const ACCEPT_INITIAL_POLICY = 'mutation($id: ID!) { acceptPolicy(accountId: $id, version: "2026-01-19") { id } }';
export const POLICY_VERSION_IMPACT =
  'query($v: String!) { policyVersionImpact(version: $v) { version significant effectiveAt affectedAccounts sampleAccountIds } }';

// Entitlement decisions
export const ENTITLEMENT = `query($id: ID!, $use: Use! = PERSONAL, $at: DateTimeISO) {
  entitlement(accountId: $id, use: $use, at: $at) {
    accountId use allowed policyVersion decidedAt validUntil
    reasons { code clause message remedy authorization }
  }
}`;
export const ENTITLEMENTS = `query($ids: [ID!]!, $use: Use! = PERSONAL, $at: DateTimeISO) {
  entitlements(accountIds: $ids, use: $use, at: $at) { accountId allowed reasons { code clause } }
}`;
export const ENTITLEMENT_ALLOWED = 'query($id: ID!) { entitlement(accountId: $id, use: PERSONAL) { allowed } }';
export const ENTITLEMENT_FOR_USE =
  'query($id: ID!, $use: Use!) { entitlement(accountId: $id, use: $use) { allowed validUntil reasons { code clause remedy authorization } } }';
export const ENTITLEMENT_AT = `query($id: ID!, $at: DateTimeISO) {
  entitlement(accountId: $id, use: PERSONAL, at: $at) { allowed validUntil reasons { code clause remedy } }
}`;

// Authorizations
export const AUTHORIZATION_FIELDS = 'id accountId kind reference validFrom expiresAt revokedAt active grantedBy';
export const GRANT_AUTHORIZATION = `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { ${AUTHORIZATION_FIELDS} } }`;
export const REVOKE_AUTHORIZATION = `mutation($id: ID!, $reason: String!) { revokeAuthorization(id: $id, reason: $reason) { ${AUTHORIZATION_FIELDS} } }`;
export const GRANT_AUTHORIZATION_ID = 'mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }';
export const REVOKE_AUTHORIZATION_ID = 'mutation($id: ID!) { revokeAuthorization(id: $id, reason: "done") { id } }';

// Suspensions
export const SUSPENSION_FIELDS = 'id accountId clause reason startsAt endsAt liftedAt active createdBy';
export const SUSPEND_ACCOUNT = `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { ${SUSPENSION_FIELDS} } }`;
export const LIFT_SUSPENSION = `mutation($id: ID!, $reason: String!) { liftSuspension(id: $id, reason: $reason) { ${SUSPENSION_FIELDS} } }`;
export const SUSPEND_ACCOUNT_ID = 'mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }';
export const SUSPEND_ACCOUNT_START = 'mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id startsAt createdBy } }';
export const SUSPEND_ACCOUNT_END = 'mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id endsAt } }';
export const LIFT_SUSPENSION_ID = 'mutation($id: ID!) { liftSuspension(id: $id, reason: "lifted") { id } }';

// Reports
export const REPORT_FIELDS = 'id subjectAccountId clause description status createdAt';
export const FILE_REPORT = `mutation($input: FileReportInput!) { fileReport(input: $input) { ${REPORT_FIELDS} } }`;
export const RESOLVE_REPORT = `mutation($id: ID!, $input: ResolveReportInput!) { resolveReport(id: $id, input: $input) { ${REPORT_FIELDS} } }`;
export const REPORTS = `query($status: ReportStatus) { reports(status: $status) { ${REPORT_FIELDS} } }`;
export const FILE_REPORT_ID = 'mutation($input: FileReportInput!) { fileReport(input: $input) { id } }';

// Appeals
export const APPEAL_FIELDS = 'id suspensionId statement status createdAt decidedAt';
export const FILE_APPEAL = `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { ${APPEAL_FIELDS} } }`;
export const DECIDE_APPEAL = `mutation($id: ID!, $input: DecideAppealInput!) { decideAppeal(id: $id, input: $input) { ${APPEAL_FIELDS} } }`;
export const APPEALS = `query($status: AppealStatus) { appeals(status: $status) { ${APPEAL_FIELDS} } }`;
export const FILE_APPEAL_ID = 'mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }';
export const DECIDE_APPEAL_STATUS = 'mutation($id: ID!, $input: DecideAppealInput!) { decideAppeal(id: $id, input: $input) { status } }';
export const DECIDE_APPEAL_WITH =
  'mutation($id: ID!, $d: AppealDecision!) { decideAppeal(id: $id, input: { decision: $d, note: "n" }) { id } }';

// Multiple accounts (9(n))
export const RECORD_ACCOUNT_SIGNALS =
  'mutation($id: ID!, $signals: [AccountSignalInput!]!) { recordAccountSignals(accountId: $id, signals: $signals) }';
export const LINKED_ACCOUNTS = 'query($id: ID!) { linkedAccounts(accountId: $id) { accountId sharedSignals status planCode } }';
export const FREE_PLAN_CLUSTERS =
  'query($minSize: Int!, $limit: Int!) { freePlanClusters(minSize: $minSize, limit: $limit) { accountIds sharedSignals freeAccounts } }';

// Screening and the catalog
export const SCREEN_INPUT = 'query($t: String!) { screenInput(text: $t) { allowed matches { entryId kind clause start end } } }';
export const ADD_CATALOG_ENTRIES = 'mutation($e: [CatalogEntryInput!]!) { addCatalogEntries(entries: $e) }';
export const REMOVE_CATALOG_ENTRY = 'mutation($id: ID!) { removeCatalogEntry(id: $id) }';
export const CATALOG_ENTRIES = 'query($k: CatalogKind, $l: Int! = 50) { catalogEntries(kind: $k, limit: $l) { id kind text } }';

// Reference data and the audit log
export const PLANS = '{ plans { code } }';
export const VERIFY_AUDIT_LOG = '{ verifyAuditLog { ok checked firstBrokenSequence } }';
