import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AccountStatus, AppealStatus, ReportStatus } from '../src/domain/enums';
import { ACCOUNT_KEYSET } from '../src/services/accounts/account-search.service';
import { APPEAL_KEYSET } from '../src/services/enforcement/appeal.service';
import { AUDIT_KEYSET } from '../src/services/audit/audit.service';
import type { DataSource } from 'typeorm';
import type { Services } from '../src/services';

/** The services whose list queries are measured, and the database to explain them on. */
export type ListServices = Services & { dataSource: DataSource };
import { keysetQuery, Keyset } from '../src/services/shared/keyset-page';
import { REPORT_KEYSET } from '../src/services/enforcement/report.service';
import { LINKED_KEYSET } from '../src/services/accounts/signal.service';

// The lists and searches whose plans the benchmark prints and the plan test
// checks: each is the very query the service runs for that page.

export interface ListCase {
  name: string;
  /** The tables that grow with the accounts: none may be read by a Seq Scan. */
  bigTables: string[];
  keyset: Keyset;
  filters: (s: ListServices) => SelectQueryBuilder<ObjectLiteral>;
  /** Searches read their matches whatever the page: the cost is the matches, not the table. */
  search?: boolean;
}

const q = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>) => qb as unknown as SelectQueryBuilder<ObjectLiteral>;
const DOMAINS = ['example.com', 'mail.test', 'studio.example', 'label.test'];
const uuidOf = async (s: ListServices, g: number) =>
  (await s.dataSource.query(`SELECT md5('list-' || $1::int)::uuid AS id`, [g]))[0].id as string;

export async function listCases(s: ListServices, accounts: number): Promise<ListCase[]> {
  const g = Math.floor(accounts * 0.4242);
  const someone = await uuidOf(s, g);
  const linked = await uuidOf(s, 0);
  const A = ['accounts', 'organizations'];
  const accountCase = (name: string, filters: Parameters<Services['accountSearch']['listQuery']>[0], search = false): ListCase => ({
    name,
    bigTables: A,
    keyset: ACCOUNT_KEYSET,
    filters: (x) => q(x.accountSearch.listQuery(filters)),
    search,
  });
  return [
    accountCase('accounts', {}),
    accountCase('accounts planCode=enterprise (5%)', { planCode: 'enterprise' }),
    accountCase('accounts status=SUSPENDED (1%)', { status: AccountStatus.SUSPENDED }),
    accountCase('accounts status=ACTIVE', { status: AccountStatus.ACTIVE }),
    accountCase('accounts search: exact id', { search: someone }, true),
    accountCase('accounts search: exact email', { search: `user${g}@${DOMAINS[g % 4]}` }, true),
    accountCase('accounts search: email prefix', { search: `user${g}` }, true),
    accountCase('accounts search: name "zoe MARLOWE" (0.05%)', { search: 'zoe MARLOWE' }, true),
    accountCase('accounts search: name "garcía" (2%)', { search: 'garcía' }, true),
    accountCase('accounts search: legal name "harmonia studio" (0.3%)', { search: 'harmonia studio' }, true),
    accountCase(
      'accounts search + status=SUSPENDED + plan=pro',
      { search: 'garcia', status: AccountStatus.SUSPENDED, planCode: 'pro' },
      true,
    ),
    { name: 'reportsConnection', bigTables: ['reports'], keyset: REPORT_KEYSET, filters: (x) => q(x.reports.listQuery({})) },
    {
      name: 'reportsConnection status=OPEN',
      bigTables: ['reports'],
      keyset: REPORT_KEYSET,
      filters: (x) => q(x.reports.listQuery({ status: ReportStatus.OPEN })),
    },
    {
      name: 'reportsConnection subject',
      bigTables: ['reports'],
      keyset: REPORT_KEYSET,
      filters: (x) => q(x.reports.listQuery({ subjectAccountId: someone })),
    },
    { name: 'appealsConnection', bigTables: ['appeals'], keyset: APPEAL_KEYSET, filters: (x) => q(x.appeals.listQuery(null)) },
    {
      name: 'appealsConnection status=PENDING',
      bigTables: ['appeals'],
      keyset: APPEAL_KEYSET,
      filters: (x) => q(x.appeals.listQuery(AppealStatus.PENDING)),
    },
    { name: 'auditLogConnection', bigTables: ['audit_events'], keyset: AUDIT_KEYSET, filters: (x) => q(x.audit.listQuery({})) },
    {
      name: 'auditLogConnection action',
      bigTables: ['audit_events'],
      keyset: AUDIT_KEYSET,
      filters: (x) => q(x.audit.listQuery({ action: 'policy.accept' })),
    },
    {
      name: 'auditLogConnection targetId',
      bigTables: ['audit_events'],
      keyset: AUDIT_KEYSET,
      filters: (x) => q(x.audit.listQuery({ targetId: someone })),
    },
    {
      name: 'linkedAccountsConnection (500 links)',
      bigTables: ['account_signals', 'accounts'],
      keyset: LINKED_KEYSET,
      filters: (x) => x.signals.linkedQuery(linked),
    },
  ];
}

export interface PlanFigures {
  executionMs: number;
  buffers: number;
  scans: string[];
  seqScans: string[];
  rows: number;
  text?: string;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  'Actual Rows'?: number;
}

function walk(node: PlanNode, visit: (n: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** Runs SQL: the pool by default, or one connection with its own planner settings. */
export type Run = (sql: string, params: unknown[]) => Promise<any[]>;

/** The key `rows` rows into the list (the start of page rows / first + 1), or null when the list is shorter. */
export async function keyAt(s: ListServices, c: ListCase, rows: number): Promise<string[] | null> {
  if (rows === 0) return null;
  const [sql, params] = keysetQuery(c.filters(s), c.keyset, null, 1)
    .offset(rows - 1)
    .getQueryAndParameters();
  const [row] = await s.dataSource.query(sql, params);
  return row ? c.keyset.columns.map((_, i) => String(row[`keyset_${i}`])) : null;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one page's query. */
export async function explainPage(
  s: ListServices,
  c: ListCase,
  key: string[] | null,
  first: number,
  withText = false,
  run: Run = (q, p) => s.dataSource.query(q, p),
): Promise<PlanFigures> {
  const [sql, params] = keysetQuery(c.filters(s), c.keyset, key, first).getQueryAndParameters();
  const [
    {
      'QUERY PLAN': [plan],
    },
  ] = await run(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
  const scans: string[] = [];
  const seqScans: string[] = [];
  walk(plan.Plan, (n) => {
    if (n['Relation Name']) scans.push(`${n['Node Type']} ${n['Index Name'] ?? n['Relation Name']}`);
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name']) seqScans.push(n['Relation Name']);
  });
  const top = plan.Plan as PlanNode;
  const figures: PlanFigures = {
    executionMs: plan['Execution Time'],
    buffers: (top['Shared Hit Blocks'] ?? 0) + (top['Shared Read Blocks'] ?? 0),
    scans: [...new Set(scans)],
    seqScans,
    rows: top['Actual Rows'] ?? 0,
  };
  if (withText) {
    const rows: Array<{ 'QUERY PLAN': string }> = await run(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    figures.text = rows.map((r) => r['QUERY PLAN']).join('\n');
  }
  return figures;
}
