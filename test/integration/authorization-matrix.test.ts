import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { getNamedType, GraphQLField, GraphQLObjectType, GraphQLSchema, isObjectType, Kind, OperationDefinitionNode, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { getMetadataStorage } from 'type-graphql';
import WebSocket from 'ws';
import { AuthorizationKind } from '../../src/domain/enums';
import { buildAppSchema } from '../../src/graphql/schema';
import { readAccount } from '../support/account-reader';
import { auditCount } from '../support/audit';
import { admin, service, startTestApp, TestApp, userOf } from '../support/test-app';
import { addAuthorization, addSuspension, seedAccount } from '../support/factories';

/*
 * Who may run what: every Query and Mutation field of the schema against every
 * kind of caller, over real HTTP with real tokens. A schema operation without a
 * row, or a row naming no operation, fails the suite: a new operation cannot
 * ship without its roles being written down here.
 *
 * Columns: no token | user on its own account | the same user on another
 * account (n/a when no account is involved) | service | admin | a token whose
 * roles are all unknown (its sub is the account in question).
 * "A" = the role gets through: no FORBIDDEN, UNAUTHENTICATED or internal error
 * (NOT_FOUND, CONFLICT or BAD_USER_INPUT still mean it got through).
 * A refusal is its code and its reason: F = no role of the caller may run the
 * operation, O = a user acting on another account, P = not a party to the
 * suspension appealed, U = no token.
 */

const A = 'allowed';
const F = 'FORBIDDEN:ROLE_NOT_ALLOWED';
const O = 'FORBIDDEN:NOT_OWN_ACCOUNT';
const P = 'FORBIDDEN:NOT_APPEALABLE_BY_CALLER';
const U = 'UNAUTHENTICATED:TOKEN_MISSING';
const NA = 'n/a';
const FORBIDDEN = 'FORBIDDEN';
type Outcome = typeof A | typeof F | typeof O | typeof P | typeof U;
type Expected = [none: Outcome, user: Outcome, other: Outcome | typeof NA, service: Outcome, admin: Outcome, noRoles: Outcome];

const COLUMNS = ['no token', 'user (own account)', 'user (another account)', 'service', 'admin', 'no known role'] as const;
type Column = (typeof COLUMNS)[number];

/** What a cell's variables may refer to: the account in question and records of it, created on demand. */
interface Fixture {
  account: string;
  suspension(): Promise<string>;
  appeal(): Promise<string>;
  report(): Promise<string>;
  authorization(): Promise<string>;
  webhookEndpoint(): Promise<string>;
  webhookEvent(): Promise<string>;
}

interface Row {
  op: string;
  expected: Expected;
  doc: string;
  vars: (f: Fixture) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

const row = (op: string, expected: Expected, doc: string, vars: Row['vars'] = () => ({})): Row => ({ op, expected, doc, vars });

const INITIAL_POLICY = '2026-01-19';

const MATRIX: Row[] = [
  // Queries                                   none user other service admin noRoles
  row('Query.account', [U, A, O, A, A, F], `query($id: ID!) { account(id: $id) { id } }`, (f) => ({ id: f.account })),
  row('Query.me', [U, A, NA, A, A, F], `{ me { id } }`),
  row('Query.plans', [U, A, NA, A, A, F], `{ plans { code } }`),
  row('Query.industry', [U, A, NA, A, A, F], `{ industry(code: "512110") { code } }`),
  row('Query.industries', [U, A, NA, A, A, F], `{ industries(search: "motion picture") { code } }`),
  row('Query.policyClauses', [U, A, NA, A, A, F], `{ policyClauses { clause } }`),
  row('Query.currentPolicy', [U, A, NA, A, A, F], `{ currentPolicy { version } }`),
  row('Query.policyVersions', [U, A, NA, A, A, F], `{ policyVersions { version } }`),
  row('Query.entitlement', [U, A, O, A, A, F], `query($id: ID!) { entitlement(accountId: $id) { allowed } }`, (f) => ({ id: f.account })),
  row('Query.entitlements', [U, A, O, A, A, F], `query($ids: [ID!]!) { entitlements(accountIds: $ids) { allowed } }`, (f) => ({
    ids: [f.account],
  })),
  row('Query.policyVersionImpact', [U, F, NA, F, A, F], `{ policyVersionImpact(version: "${INITIAL_POLICY}") { affectedAccounts } }`),
  row('Query.reports', [U, F, NA, F, A, F], `{ reports { id } }`),
  row('Query.reportsConnection', [U, F, NA, F, A, F], `{ reportsConnection(first: 1) { totalCount edges { node { id } } } }`),
  row('Query.appeals', [U, F, NA, F, A, F], `{ appeals { id } }`),
  row('Query.appealsConnection', [U, F, NA, F, A, F], `{ appealsConnection(first: 1) { totalCount edges { node { id } } } }`),
  row('Query.auditLog', [U, F, NA, F, A, F], `{ auditLog(limit: 1) { id } }`),
  row('Query.auditLogConnection', [U, F, NA, F, A, F], `{ auditLogConnection(first: 1) { totalCount edges { node { id } } } }`),
  row(
    'Query.accounts',
    [U, F, NA, A, A, F],
    `{ accounts(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
  ),
  row('Query.verifyAuditLog', [U, F, NA, F, A, F], `{ verifyAuditLog { ok } }`),

  // Mutations                                 none user other service admin noRoles
  row(
    'Mutation.createAccount',
    [U, F, NA, A, A, F],
    `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`,
    () => ({ input: { email: `m-${randomUUID()}@example.com`, displayName: 'Matrix' } }),
  ),
  row('Mutation.changePlan', [U, F, F, A, A, F], `mutation($id: ID!) { changePlan(accountId: $id, planCode: "pro") { id } }`, (f) => ({
    id: f.account,
  })),
  row(
    'Mutation.declareOrganization',
    [U, A, O, A, A, F],
    `mutation($id: ID!) { declareOrganization(accountId: $id, input: { kind: INDIVIDUAL }) { id } }`,
    (f) => ({ id: f.account }),
  ),
  row(
    'Mutation.acceptPolicy',
    [U, A, O, A, A, F],
    `mutation($id: ID!) { acceptPolicy(accountId: $id, version: "${INITIAL_POLICY}") { id } }`,
    (f) => ({ id: f.account }),
  ),
  row(
    'Mutation.publishPolicyVersion',
    [U, F, NA, F, A, F],
    `mutation($input: PublishPolicyVersionInput!) { publishPolicyVersion(input: $input) { version } }`,
    () => ({
      input: { version: `m-${randomUUID().slice(0, 8)}`, effectiveAt: '2100-01-01T00:00:00Z', significant: false, summary: 'Matrix' },
    }),
  ),
  row(
    'Mutation.verifyGovernmentStatus',
    [U, F, F, F, A, F],
    `mutation($id: ID!) { verifyGovernmentStatus(accountId: $id, governmentEntity: false, note: "checked") { id } }`,
    (f) => ({ id: f.account }),
  ),
  row(
    'Mutation.grantAuthorization',
    [U, F, F, F, A, F],
    `mutation($input: GrantAuthorizationInput!) { grantAuthorization(input: $input) { id } }`,
    (f) => ({ input: { accountId: f.account, kind: 'API_ACCESS', reference: 'DOC-M' } }),
  ),
  row(
    'Mutation.revokeAuthorization',
    [U, F, F, F, A, F],
    `mutation($id: ID!) { revokeAuthorization(id: $id, reason: "ended") { id } }`,
    async (f) => ({ id: await f.authorization() }),
  ),
  row(
    'Mutation.suspendAccount',
    [U, F, F, F, A, F],
    `mutation($input: SuspendAccountInput!) { suspendAccount(input: $input) { id } }`,
    (f) => ({ input: { accountId: f.account, clause: 'Enforcement', reason: 'Matrix' } }),
  ),
  row(
    'Mutation.liftSuspension',
    [U, F, F, F, A, F],
    `mutation($id: ID!) { liftSuspension(id: $id, reason: "lifted") { id } }`,
    async (f) => ({ id: await f.suspension() }),
  ),
  row('Mutation.fileReport', [U, A, A, A, A, F], `mutation($input: FileReportInput!) { fileReport(input: $input) { id } }`, (f) => ({
    input: { subjectAccountId: f.account, clause: '9(a)', description: 'Matrix' },
  })),
  row(
    'Mutation.resolveReport',
    [U, F, F, F, A, F],
    `mutation($id: ID!) { resolveReport(id: $id, input: { status: DISMISSED, note: "no" }) { id } }`,
    async (f) => ({ id: await f.report() }),
  ),
  // Only the suspended account's own user may appeal; staff may not appeal on its behalf.
  row('Mutation.fileAppeal', [U, A, P, F, F, F], `mutation($input: FileAppealInput!) { fileAppeal(input: $input) { id } }`, async (f) => ({
    input: { suspensionId: await f.suspension(), statement: 'I did nothing wrong' },
  })),
  row(
    'Mutation.decideAppeal',
    [U, F, F, F, A, F],
    `mutation($id: ID!) { decideAppeal(id: $id, input: { decision: UPHOLD, note: "stays" }) { id } }`,
    async (f) => ({ id: await f.appeal() }),
  ),
  // Prohibited-input screening (10(c))
  row('Query.screenInput', [U, A, NA, A, A, F], `{ screenInput(text: "a song about rain") { allowed } }`),
  row('Query.catalogEntries', [U, F, NA, F, A, F], `{ catalogEntries(limit: 1) { id } }`),
  row(
    'Mutation.addCatalogEntries',
    [U, F, NA, F, A, F],
    `mutation { addCatalogEntries(entries: [{ kind: ARTIST, text: "Test Artist" }]) }`,
  ),
  row('Mutation.removeCatalogEntry', [U, F, NA, F, A, F], `mutation($id: ID!) { removeCatalogEntry(id: $id) }`, () => ({
    id: randomUUID(),
  })),
  row('Query.catalogEntriesConnection', [U, F, NA, F, A, F], `{ catalogEntriesConnection(first: 1) { totalCount } }`),
  row(
    'Mutation.setCatalogEntryOverride',
    [U, F, NA, F, A, F],
    `mutation($id: ID!) { setCatalogEntryOverride(id: $id, override: NEVER) { id } }`,
    () => ({ id: randomUUID() }),
  ),
  row(
    'Mutation.setCatalogEntryDescribeAs',
    [U, F, NA, F, A, F],
    `mutation($input: SetCatalogEntryDescribeAsInput!) { setCatalogEntryDescribeAs(input: $input) { id } }`,
    () => ({ input: { entryId: randomUUID(), describeAs: 'airy dream pop' } }),
  ),
  // Multiple accounts (9(n))
  row(
    'Mutation.recordAccountSignals',
    [U, F, F, A, A, F],
    `mutation($id: ID!) { recordAccountSignals(accountId: $id, signals: [{ kind: DEVICE_ID, value: "d-1" }]) }`,
    (f) => ({ id: f.account }),
  ),
  row('Query.linkedAccounts', [U, F, F, F, A, F], `query($id: ID!) { linkedAccounts(accountId: $id) { accountId } }`, (f) => ({
    id: f.account,
  })),
  row(
    'Query.linkedAccountsConnection',
    [U, F, F, F, A, F],
    `query($id: ID!) { linkedAccountsConnection(accountId: $id, first: 1) { totalCount edges { node { accountId } } } }`,
    (f) => ({ id: f.account }),
  ),
  row('Query.freePlanClusters', [U, F, NA, F, A, F], `{ freePlanClusters { accountIds } }`),
  // Change feed: webhooks are admin-only; the subscription follows the entitlement query (over graphql-ws)
  row('Query.webhookEndpoints', [U, F, NA, F, A, F], `{ webhookEndpoints { id } }`),
  row(
    'Query.webhookDeliveries',
    [U, F, NA, F, A, F],
    `query($id: ID!) { webhookDeliveries(endpointId: $id) { edges { cursor } } }`,
    async (f) => ({ id: await f.webhookEndpoint() }),
  ),
  row(
    'Mutation.createWebhookEndpoint',
    [U, F, NA, F, A, F],
    `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
    () => ({ input: { url: 'http://127.0.0.1:9/hook', events: ['SUSPENSION_CREATED'] } }),
  ),
  row(
    'Mutation.updateWebhookEndpoint',
    [U, F, NA, F, A, F],
    `mutation($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "d" }) { id } }`,
    async (f) => ({ id: await f.webhookEndpoint() }),
  ),
  row(
    'Mutation.disableWebhookEndpoint',
    [U, F, NA, F, A, F],
    `mutation($id: ID!) { disableWebhookEndpoint(id: $id) { id } }`,
    async (f) => ({ id: await f.webhookEndpoint() }),
  ),
  row('Mutation.deleteWebhookEndpoint', [U, F, NA, F, A, F], `mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }`, async (f) => ({
    id: await f.webhookEndpoint(),
  })),
  row('Mutation.rotateWebhookSecret', [U, F, NA, F, A, F], `mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, async (f) => ({
    id: await f.webhookEndpoint(),
  })),
  row('Mutation.replayWebhookEvent', [U, F, NA, F, A, F], `mutation($id: ID!) { replayWebhookEvent(eventId: $id) { id } }`, async (f) => ({
    id: await f.webhookEvent(),
  })),
  // Request budgets: every caller reads its own; admins read and override anyone's
  row('Query.rateLimit', [U, A, NA, A, A, F], `{ rateLimit { cost remaining } }`),
  row('Query.principalQuota', [U, F, F, F, A, F], `query($p: String!) { principalQuota(principal: $p) { limit } }`, (f) => ({
    p: `account:${f.account}`,
  })),
  row(
    'Mutation.setPrincipalQuota',
    [U, F, F, F, A, F],
    `mutation($i: SetPrincipalQuotaInput!) { setPrincipalQuota(input: $i) { limit } }`,
    (f) => ({ i: { principal: `account:${f.account}`, limit: 1_000_000_000, note: 'matrix' } }),
  ),
  row(
    'Mutation.clearPrincipalQuota',
    [U, F, F, F, A, F],
    `mutation($p: String!) { clearPrincipalQuota(principal: $p) { limit } }`,
    (f) => ({
      p: `account:${f.account}`,
    }),
  ),
  row(
    'Subscription.entitlementChanged',
    [U, A, O, A, A, F],
    `subscription($id: ID!) { entitlementChanged(accountId: $id) { eventId } }`,
    (f) => ({ id: f.account }),
  ),
  // Every account's changes: staff only (a user follows its own account above).
  row('Subscription.entitlementChanges', [U, F, NA, A, A, F], `subscription { entitlementChanges { eventId } }`),
];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

function schemaOperations(schema: GraphQLSchema): string[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t): t is GraphQLObjectType => !!t);
  return roots.flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
}

function fixtureFor(account: string): Fixture {
  const ds = () => app.dataSource;
  let suspension: Promise<string> | null = null;
  const f: Fixture = {
    account,
    suspension: () => (suspension ??= addSuspension(ds(), account)),
    async appeal() {
      const [r] = await ds().query(
        `INSERT INTO appeals (suspension_id, account_id, statement, filed_by) VALUES ($1, $2::uuid, 'please', $2::text) RETURNING id`,
        [await f.suspension(), account],
      );
      return r.id;
    },
    async report() {
      const [r] = await ds().query(
        `INSERT INTO reports (subject_account_id, reporter_sub, reporter_role, clause, description) VALUES ($1, 'someone', 'user', '9(a)', 'test') RETURNING id`,
        [account],
      );
      return r.id;
    },
    authorization: () => addAuthorization(ds(), account, AuthorizationKind.API_ACCESS),
    async webhookEndpoint() {
      const [r] = await ds().query(
        `INSERT INTO webhook_endpoints (url, event_types, secret, created_by) VALUES ('http://127.0.0.1:9/hook', '{suspension.created}', 'whsec_dGVzdA==', 'admin-0') RETURNING id`,
      );
      return r.id;
    },
    async webhookEvent() {
      const [r] = await ds().query(
        `INSERT INTO webhook_events (message_id, type, account_id, payload, occurred_at) VALUES ($1, 'account.created', $2, '{}', now()) RETURNING message_id`,
        [randomUUID(), account],
      );
      return r.message_id;
    },
  };
  return f;
}

/** The caller of a column: the token's claims, or null for no token at all. */
function callerFor(column: Column, own: string, account: string): { sub: string; roles: string[] } | null {
  switch (column) {
    case 'no token':
      return null;
    case 'user (own account)':
    case 'user (another account)':
      return { sub: own, roles: ['user'] };
    case 'service':
      return { sub: service.sub, roles: ['service'] };
    case 'admin':
      return { sub: admin.sub, roles: ['admin'] };
    case 'no known role':
      return { sub: account, roles: ['superuser', 'root'] };
  }
}

/** A, or the first refusal as code:reason. */
function outcomeOf(body: any): string {
  const errors: any[] = body?.errors ?? [];
  for (const code of ['UNAUTHENTICATED', FORBIDDEN, 'INTERNAL_SERVER_ERROR']) {
    const error = errors.find((e) => e.extensions?.code === code);
    if (error) return error.extensions.reason === undefined ? code : `${code}:${error.extensions.reason}`;
  }
  return A;
}

// A subscription's answer may take this long on a busy machine; silence is never taken for one.
const ANSWER_MS = 20_000;

/**
 * Makes the entitlement hub push an entitlement.changed event of this account
 * to its subscribers: a new row in the outbox, announced on the channel the hub
 * listens on. The hub reads each event once, in order, so an announcement is a
 * new event each time; repeated until one is heard.
 */
function changeOf(accountId: string): () => Promise<unknown> {
  return async () => {
    const [{ id }] = await app.dataSource.query(
      `INSERT INTO webhook_events (message_id, type, account_id, payload, occurred_at)
       VALUES ($1, 'entitlement.changed', $2, $3, now()) RETURNING id`,
      [randomUUID(), accountId, JSON.stringify({ accountId, changes: [], validUntil: null })],
    );
    await app.dataSource.query(`SELECT pg_notify('entitlement_changed', $1)`, [`${accountId}:${id}`]);
  };
}

/**
 * A subscription over graphql-ws, answered like an HTTP request: a connection
 * refused for its token is a 401, an error result its body, and an event
 * delivered through it (announced until one arrives) a 200 with its data.
 * A connection closed otherwise, or no answer at all, fails the test.
 */
async function overWebSocket(
  query: string,
  variables: Record<string, unknown>,
  authorization: string | undefined,
  announce: () => Promise<unknown>,
): Promise<{ status: number; body: any }> {
  const client = createClient({
    url: app.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: authorization ? { Authorization: authorization } : {},
  });
  try {
    return await new Promise((resolve, reject) => {
      let settled = false;
      const settle = (answer: { status: number; body: any } | Error) => {
        if (settled) return;
        settled = true;
        if (answer instanceof Error) reject(answer);
        else resolve(answer);
      };
      client.subscribe(
        { query, variables },
        {
          next: (result) => settle({ status: 200, body: result }),
          error: (error: any) => {
            if (Array.isArray(error)) settle({ status: 200, body: { errors: error } });
            else if (error?.code === 4403)
              settle({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED', reason: error.reason } }] } });
            else settle(new Error(`the connection closed without an answer: ${error?.code ?? ''} ${error?.reason ?? String(error)}`));
          },
          complete: () => settle(new Error('the subscription completed without an answer')),
        },
      );
      // Until the subscription is in place an announcement finds nobody: repeated until an answer comes.
      void (async () => {
        const deadline = Date.now() + ANSWER_MS;
        while (!settled) {
          if (Date.now() > deadline) return settle(new Error(`no answer within ${ANSWER_MS} ms`));
          await announce().catch((error: Error) => settle(error));
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
    });
  } finally {
    await client.dispose();
  }
}

describe('every operation has a row', () => {
  const schema = buildAppSchema();

  test('each Query and Mutation field of the schema has exactly one row, and each row names one', () => {
    const operations = schemaOperations(schema);
    const rows = MATRIX.map((r) => r.op);
    expect(operations.filter((op) => !rows.includes(op))).toEqual([]);
    expect(rows.filter((op) => !operations.includes(op))).toEqual([]);
    expect(rows.filter((op, i) => rows.indexOf(op) !== i)).toEqual([]);
  });

  test.each(MATRIX.map((r) => [r.op, r] as const))('the document of %s runs that operation', (op, r) => {
    const [type, field] = op.split('.');
    const definition = parse(r.doc).definitions[0] as OperationDefinitionNode;
    expect(definition.operation).toBe(type.toLowerCase());
    const roots = definition.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : null));
    expect(roots).toEqual([field]);
  });

  test('default deny: nothing is open without a token or to a token without a known role', () => {
    const open = MATRIX.filter((r) => r.expected[0] !== U || r.expected[5] !== F).map((r) => r.op);
    expect(open).toEqual([]);
  });

  test('every query, mutation and subscription resolver declares @Authorized with at least one role', () => {
    const storage = getMetadataStorage();
    const resolvers = [
      ...storage.queries.map((q) => ['Query', q] as const),
      ...storage.mutations.map((m) => ['Mutation', m] as const),
      ...storage.subscriptions.map((m) => ['Subscription', m] as const),
    ];
    const declared = new Map(resolvers.map(([type, def]) => [`${type}.${def.schemaName}`, def.roles ?? []]));
    const undeclared = schemaOperations(schema).filter((op) => !declared.get(op)?.length);
    expect(undeclared).toEqual([]);
  });
});

describe('authorization matrix', () => {
  const cells = MATRIX.flatMap((r) =>
    COLUMNS.map((column, i) => ({ r, column, expected: r.expected[i] })).filter((c) => c.expected !== NA),
  );

  test.each(cells.map((c) => [c.r.op, c.column, c.expected, c] as const))('%s, %s: %s', async (op, column, expected, { r }) => {
    const own = await seedAccount(app.dataSource);
    const account = column === 'user (own account)' ? own : await seedAccount(app.dataSource);
    const variables = await r.vars(fixtureFor(account));
    const caller = callerFor(column, own, account);
    const headers: Record<string, string> = caller ? { authorization: `Bearer ${await app.token(caller)}` } : {};
    const auditBefore = await auditCount(app);

    const { status, body } = op.startsWith('Subscription.')
      ? await overWebSocket(r.doc, variables, headers.authorization, changeOf(account))
      : await app.http(r.doc, variables, headers);

    const outcome = outcomeOf(body);
    // The errors are part of the comparison, so a mismatch shows why.
    expect({ outcome, errors: outcome === expected ? undefined : body.errors }).toEqual({ outcome: expected, errors: undefined });
    const field = op.split('.')[1];
    if (expected === U) expect(status).toBe(401);
    // Let through, a subscription delivers the event announced to it.
    if (expected === A && op.startsWith('Subscription.')) expect(body).toEqual({ data: { [field]: { eventId: expect.any(String) } } });
    if (expected !== A) {
      expect(body.data?.[field] ?? null).toBeNull();
      expect(await auditCount(app)).toBe(auditBefore); // a refused mutation leaves no trace
    }
  });
});

/*
 * Fields follow the same rules. An Account is reached only through the root
 * operations above (each refuses a user on another account, `me` is the
 * caller's own); of its fields, the ones marked 'ownership' check the caller
 * themselves, so they stay closed even if an Account of another holder were
 * reached some other way. Every Account field must be classified here.
 */
const ACCOUNT_FIELD_GUARDS: Record<string, 'ownership' | 'parent'> = {
  id: 'parent',
  email: 'parent',
  displayName: 'parent',
  createdAt: 'parent',
  plan: 'parent',
  organization: 'parent',
  governmentEntity: 'parent',
  acceptedPolicyVersion: 'parent',
  policyAcceptances: 'parent',
  revision: 'parent',
  status: 'ownership',
  authorizations: 'ownership',
  suspensions: 'ownership',
  appeals: 'ownership',
};

/** The field as a selection: objects need a sub-selection, `__typename` is the smallest. */
const select = (f: GraphQLField<unknown, unknown>) => (isObjectType(getNamedType(f.type)) ? `${f.name} { __typename }` : f.name);
const selectAll = (type: GraphQLObjectType) => Object.values(type.getFields()).map(select).join(' ');

const rootType = (schema: GraphQLSchema, type: GraphQLObjectType) =>
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type);

/** `me` is the caller's own account by definition; the others refuse a user on someone else's. */
function closedToOtherUsers(op: string, expected: Expected | undefined): boolean {
  const [, user, other] = expected ?? [];
  return expected !== undefined && (other === O || other === F || other === P || (other === NA && (user === F || op === 'Query.me')));
}

/** Every root operation from whose result `target` can be reached through object fields. */
function rootOperationsReaching(schema: GraphQLSchema, target: GraphQLObjectType): string[] {
  const reaches = (from: GraphQLObjectType, seen: Set<string>): boolean => {
    if (from === target) return true;
    if (seen.has(from.name)) return false;
    seen.add(from.name);
    return Object.values(from.getFields()).some((f) => {
      const t = getNamedType(f.type);
      return isObjectType(t) && reaches(t, seen);
    });
  };
  return schemaOperations(schema).filter((op) => {
    const [typeName, fieldName] = op.split('.');
    const t = getNamedType((schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName].type);
    return isObjectType(t) && reaches(t, new Set());
  });
}

describe('field-level rules', () => {
  const schema = buildAppSchema();
  const accountType = schema.getType('Account') as GraphQLObjectType;
  const ownershipFields = Object.entries(ACCOUNT_FIELD_GUARDS)
    .filter(([, g]) => g === 'ownership')
    .map(([name]) => name);

  test('every Account field is classified, and nothing classified is gone', () => {
    const fields = Object.keys(accountType.getFields());
    expect(fields.filter((f) => !(f in ACCOUNT_FIELD_GUARDS))).toEqual([]);
    expect(Object.keys(ACCOUNT_FIELD_GUARDS).filter((f) => !fields.includes(f))).toEqual([]);
  });

  test('every field anywhere that yields an Account is a root operation of the matrix that refuses another account', () => {
    const byOp = new Map(MATRIX.map((r) => [r.op, r.expected]));
    const leaks: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (getNamedType(field.type).name !== 'Account') continue;
        const op = `${type.name}.${field.name}`;
        // A field of a non-root type (a connection's edge) is as closed as every root operation that reaches its type.
        const roots = rootType(schema, type) ? [op] : rootOperationsReaching(schema, type);
        if (roots.length === 0 || !roots.every((r) => closedToOtherUsers(r, byOp.get(r)))) leaks.push(op);
      }
    }
    expect(leaks).toEqual([]);
  });

  test('a user reads every field of its own account', async () => {
    const own = await seedAccount(app.dataSource);
    await addSuspension(app.dataSource, own);
    const token = await app.token({ sub: own, roles: ['user'] });
    const r = await app.http(
      `query($id: ID!) { account(id: $id) { ${selectAll(accountType)} } me { id } }`,
      { id: own },
      { authorization: `Bearer ${token}` },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.account.id).toBe(own);
    expect(r.body.data.account.suspensions).toHaveLength(1);
    expect(r.body.data.me.id).toBe(own);
  });

  test('a user asking for another account with every field gets FORBIDDEN and no data', async () => {
    const own = await seedAccount(app.dataSource);
    const other = await seedAccount(app.dataSource);
    const token = await app.token({ sub: own, roles: ['user'] });
    const r = await app.http(
      `query($id: ID!) { account(id: $id) { ${selectAll(accountType)} } }`,
      { id: other },
      { authorization: `Bearer ${token}` },
    );
    expect(r.body.errors[0].extensions).toMatchObject({ code: FORBIDDEN, reason: 'NOT_OWN_ACCOUNT' });
    expect(r.body.data?.account ?? null).toBeNull();
    expect(JSON.stringify(r.body)).not.toContain('@example.test');
  });

  test.each(ownershipFields)(
    'Account.%s refuses a user on another account even when the account is reached without a root check',
    async (field) => {
      const own = await seedAccount(app.dataSource);
      const other = await seedAccount(app.dataSource);
      await addSuspension(app.dataSource, other);
      await addAuthorization(app.dataSource, other, AuthorizationKind.RESALE);
      const selection = select(accountType.getFields()[field]);

      const stranger = await readAccount(app, userOf(own), other, selection);
      expect(stranger).toEqual({ account: null, code: FORBIDDEN, reason: 'NOT_OWN_ACCOUNT' });
      for (const principal of [userOf(other), service, admin]) {
        const allowed = await readAccount(app, principal, other, selection);
        expect(allowed.code).toBeUndefined();
        expect(allowed.account).toHaveProperty(field);
      }
    },
  );

  test('entitlements for a list that mixes the own account with another one is FORBIDDEN as a whole', async () => {
    const own = await seedAccount(app.dataSource);
    const other = await seedAccount(app.dataSource);
    const token = await app.token({ sub: own, roles: ['user'] });
    const r = await app.http(
      'query($ids: [ID!]!) { entitlements(accountIds: $ids) { accountId allowed } }',
      { ids: [own, other] },
      { authorization: `Bearer ${token}` },
    );
    expect(r.body.errors[0].extensions).toMatchObject({ code: FORBIDDEN, reason: 'NOT_OWN_ACCOUNT' });
    expect(r.body.data?.entitlements ?? null).toBeNull();
  });

  test('a user sees no report, appeal or audit event, not even about itself', async () => {
    const own = await seedAccount(app.dataSource);
    await fixtureFor(own).appeal();
    await fixtureFor(own).report();
    const token = await app.token({ sub: own, roles: ['user'] });
    for (const doc of ['{ reports { id } }', '{ appeals { id } }', `{ auditLog(targetId: "${own}") { id } }`]) {
      const r = await app.http(doc, undefined, { authorization: `Bearer ${token}` });
      expect(r.body.errors[0].extensions).toMatchObject({ code: FORBIDDEN, reason: 'ROLE_NOT_ALLOWED' });
      expect(r.body.data ?? null).toBeNull();
    }
  });
});
