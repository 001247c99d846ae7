import { DataSource, EntityManager } from 'typeorm';
import type { TypedAuditChange } from '../../domain/audit-actions';
import { CatalogKind, ScreeningOverride } from '../../domain/enums';
import { checkDescribeAs, checkDescribedRow, DescribedRowDraft } from '../../domain/describe-as-rules';
import { normalizeText } from '../../domain/screening/normalize';
import { CatalogEntryEntity } from '../../entities';
import { refuse, notFoundMessage } from '../../errors';
import type { Actor } from '../shared/actor';
import type { TransactionRunner, UnitOfWork } from '../../infrastructure/transaction-runner';

/** Channel on which every committed catalog change announces the new catalog version. */
export const CATALOG_CHANGED_CHANNEL = 'catalog_changed';
export const MAX_ENTRIES_PER_CALL = 50_000;
export const MAX_LIST_LIMIT = 1000;
// Rows per INSERT: big enough to be set-based, small enough to keep each statement's parameters modest.
const INSERT_CHUNK = 5000;
const BIGINT_ID = /^[1-9][0-9]{0,18}$/;
const MAX_BIGINT = 9223372036854775807n;

export interface CatalogEntryInputLike {
  kind: string;
  text: string;
  /** Omitted or null: a new entry is AUTO and an existing one keeps its override. */
  override?: string | null;
  /** Omitted, null or blank: a new entry has no description and an existing one keeps its own. */
  describeAs?: string | null;
}

/** What one call to {@link CatalogService.addEntries} changed. */
export interface CatalogAddResult {
  added: number;
  /** Entries given that were already present, or repeated in the call (the first one counts). */
  duplicates: number;
  /** Entries already present whose override the call changed. */
  overridesChanged: number;
  /** Entries already present whose description the call changed. */
  describeAsChanged: number;
}

export type CatalogEntryRow = Pick<CatalogEntryEntity, 'id' | 'kind' | 'text' | 'screeningOverride' | 'describeAs'>;
const ENTRY_COLUMNS = `id, kind, text, screening_override AS "screeningOverride", describe_as AS "describeAs"`;

export interface CatalogPageQuery {
  search: string | null;
  kind: CatalogKind | null;
  first: number;
  afterId: string | null;
}

export interface CatalogPage {
  nodes: CatalogEntryRow[];
  hasNextPage: boolean;
  totalCount: number;
}

export type CatalogChangedListener = (version: number) => Promise<void>;
/** The texts of the protected entries a text names (BLOCK), or null when that cannot be told yet. */
export type DescriptionScreen = (text: string) => string[] | null;

/** The protected catalog (policy 10(c)): bulk additions, removals, listing. */
export class CatalogService {
  private readonly listeners: CatalogChangedListener[] = [];
  private screenDescription: DescriptionScreen = () => null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Runs after each committed change, before the mutation returns, so this process is never stale. */
  onChanged(listener: CatalogChangedListener): void {
    this.listeners.push(listener);
  }

  /** How an admin's description is screened before it is stored (the screening service, once wired). */
  screenDescriptionsWith(screen: DescriptionScreen): void {
    this.screenDescription = screen;
  }

  /**
   * Adds entries; ones already present (same kind, same normalized text) are
   * not added twice, but an override given for one changes its override
   * (counted apart). Within one call the first of repeated entries wins.
   * Every entry is validated before anything is written.
   */
  async addEntries(actor: Actor, entries: readonly CatalogEntryInputLike[]): Promise<CatalogAddResult> {
    if (entries.length > MAX_ENTRIES_PER_CALL) {
      throw refuse('TOO_MANY_CATALOG_ENTRIES', `at most ${MAX_ENTRIES_PER_CALL} entries per call, got ${entries.length}`, {
        field: 'entries',
      });
    }
    const drafts = validateAll(entries);
    if (drafts.length === 0) return { added: 0, duplicates: 0, overridesChanged: 0, describeAsChanged: 0 };
    let version: number | null = null;
    const result = await this.transactions.run(actor, async (uow) => {
      const current = await lockCatalog(uow.manager);
      const next = current + 1;
      const byKind = await insertNew(uow.manager, drafts, next);
      const added = Object.values(byKind).reduce((sum, n) => sum + n, 0);
      const overridesChanged = await changeSetting(uow.manager, SETTINGS.override, drafts, next);
      const describeAsChanged = await changeSetting(uow.manager, SETTINGS.describeAs, drafts, next);
      const counts = { added, duplicates: entries.length - added, overridesChanged, describeAsChanged };
      // Nothing changed: no new version, nothing to audit.
      if (added === 0 && overridesChanged === 0 && describeAsChanged === 0) return counts;
      await publishVersion(uow.manager, next);
      version = next;
      // One event per call: counts, not texts (a call may carry 50,000 of them);
      // the rows themselves carry added_version / override_version = version.
      uow.record({
        action: 'catalog.add',
        targetType: 'Catalog',
        targetId: 'catalog',
        after: { version: next, requested: entries.length, ...counts, byKind },
      });
      return counts;
    });
    if (version !== null) await this.notifyLocal(version);
    return result;
  }

  /** Sets one entry's screening override; setting the override it already has changes nothing. */
  setOverride(actor: Actor, id: string, override: ScreeningOverride): Promise<CatalogEntryRow> {
    return this.setEntrySetting(actor, id, 'override', 'screeningOverride', override, (row, version) => ({
      action: 'catalog.override',
      targetType: 'CatalogEntry',
      targetId: id,
      before: { override: row.screeningOverride },
      after: { override, version },
    }));
  }

  /**
   * Sets or clears one entry's description: what a blocked prompt's suggested
   * rewrite puts in place of a reference to it. Setting the description it
   * already has changes nothing.
   *
   * @param describeAs - Trimmed, 1 to 200 characters, one line; null clears it.
   */
  setDescribeAs(actor: Actor, id: string, describeAs: string | null): Promise<CatalogEntryRow> {
    const value = describeAs === null ? null : this.checkDescription(describeAs);
    return this.setEntrySetting(actor, id, 'describeAs', 'describeAs', value, (row, version) => ({
      action: 'catalog.describe-as',
      targetType: 'CatalogEntry',
      targetId: id,
      before: { describeAs: row.describeAs },
      after: { describeAs: value, version },
    }));
  }

  /** One entry's setting changed under the catalog lock, as a new catalog version, with its audit event. */
  private async setEntrySetting<F extends 'screeningOverride' | 'describeAs'>(
    actor: Actor,
    id: string,
    setting: keyof typeof SETTINGS,
    field: F,
    value: CatalogEntryRow[F],
    audit: (row: CatalogEntryRow, version: number) => TypedAuditChange,
  ): Promise<CatalogEntryRow> {
    if (!BIGINT_ID.test(id) || BigInt(id) > MAX_BIGINT) throw refuse('CATALOG_ENTRY_NOT_FOUND', notFoundMessage('Catalog entry', id));
    const { column, versionColumn } = SETTINGS[setting]; // fixed names, never input
    let version: number | null = null;
    const entry = await this.transactions.run(actor, async (uow: UnitOfWork) => {
      const next = (await lockCatalog(uow.manager)) + 1;
      const [row]: CatalogEntryRow[] = await uow.manager.query(`SELECT ${ENTRY_COLUMNS} FROM catalog_entries WHERE id = $1 FOR UPDATE`, [
        id,
      ]);
      if (row === undefined) throw refuse('CATALOG_ENTRY_NOT_FOUND', notFoundMessage('Catalog entry', id));
      if (row[field] === value) return row;
      await uow.manager.query(`UPDATE catalog_entries SET ${column} = $2, ${versionColumn} = $3 WHERE id = $1`, [id, value, next]);
      await publishVersion(uow.manager, next);
      version = next;
      uow.record(audit(row, next));
      return { ...row, [field]: value };
    });
    if (version !== null) await this.notifyLocal(version);
    return entry;
  }

  /** The description as stored, or BAD_USER_INPUT naming the rule it breaks. */
  private checkDescription(describeAs: string): string {
    const check = checkDescribeAs(describeAs);
    if (!check.ok) throw refuse(check.reason, check.message, { field: 'describeAs' });
    // A description that names a protected entry would make every suggestion using it blocked again.
    const named = this.screenDescription(check.value);
    if (named !== null && named.length > 0) {
      throw refuse('DESCRIBE_AS_BLOCKED', `describeAs must not name a protected entry; it names ${named.map((t) => `"${t}"`).join(', ')}`, {
        field: 'describeAs',
        entries: named,
      });
    }
    return check.value;
  }

  /** Removes one entry; an unknown or malformed id is NOT_FOUND. */
  async removeEntry(actor: Actor, id: string): Promise<true> {
    if (!BIGINT_ID.test(id) || BigInt(id) > MAX_BIGINT) throw refuse('CATALOG_ENTRY_NOT_FOUND', notFoundMessage('Catalog entry', id));
    const version = await this.transactions.run(actor, async (uow: UnitOfWork) => {
      const next = (await lockCatalog(uow.manager)) + 1;
      const [rows]: [Array<{ kind: CatalogKind; text: string }>, number] = await uow.manager.query(
        'DELETE FROM catalog_entries WHERE id = $1 RETURNING kind, text',
        [id],
      );
      if (rows.length === 0) throw refuse('CATALOG_ENTRY_NOT_FOUND', notFoundMessage('Catalog entry', id));
      await uow.manager.query('INSERT INTO catalog_removals (entry_id, version) VALUES ($1, $2)', [id, next]);
      await publishVersion(uow.manager, next);
      uow.record({
        action: 'catalog.remove',
        targetType: 'CatalogEntry',
        targetId: id,
        before: { kind: rows[0].kind, text: rows[0].text },
        after: { version: next },
      });
      return next;
    });
    await this.notifyLocal(version);
    return true;
  }

  /** Newest first. */
  async list(kind: CatalogKind | null, limit: number): Promise<CatalogEntryRow[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw refuse('LIMIT_OUT_OF_RANGE', `limit must be from 1 to ${MAX_LIST_LIMIT}`, { field: 'limit' });
    }
    return this.dataSource.getRepository(CatalogEntryEntity).find({
      select: { id: true, kind: true, text: true, screeningOverride: true, describeAs: true },
      where: kind === null ? {} : { kind },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /**
   * One page of entries, newest first, optionally of one kind and whose text
   * contains `search` in any case and with or without accents (both sides
   * normalized alike; a trigram index serves it). Keyset paging on id: page
   * 1,000 runs the same statement as page 1, only the bound differs.
   *
   * @param afterId - The last id of the previous page; null for the first page.
   */
  async page(query: CatalogPageQuery): Promise<CatalogPage> {
    const { page, count } = catalogPageSql(query);
    const rows: CatalogEntryRow[] = await this.dataSource.query(page.text, page.values);
    const [{ total }] = await this.dataSource.query(count.text, count.values);
    return { nodes: rows.slice(0, query.first), hasNextPage: rows.length > query.first, totalCount: Number(total) };
  }

  /** The catalog version as committed. */
  async currentVersion(): Promise<number> {
    const [{ version }] = await this.dataSource.query('SELECT version FROM catalog_state');
    return Number(version);
  }

  /** Tells this process's listeners about a version a change outside this class committed (the bulk import). */
  async announce(version: number): Promise<void> {
    await this.notifyLocal(version);
  }

  private async notifyLocal(version: number): Promise<void> {
    for (const listener of this.listeners) await listener(version);
  }
}

interface Sql {
  text: string;
  values: unknown[];
}

/**
 * The statements behind {@link CatalogService.page}: the page (one row more
 * than asked, to learn whether more follow) and the total. Exported so a test
 * can EXPLAIN exactly what runs.
 */
export function catalogPageSql(query: CatalogPageQuery): { page: Sql; count: Sql } {
  if (query.afterId !== null && (!BIGINT_ID.test(query.afterId) || BigInt(query.afterId) > MAX_BIGINT)) {
    throw refuse('INVALID_VALUE', 'after is not a cursor this list returned', { field: 'after' });
  }
  const filters: string[] = [];
  const values: unknown[] = [];
  if (query.kind !== null) {
    values.push(query.kind);
    filters.push(`kind = $${values.length}`);
  }
  const search = query.search?.trim() ?? '';
  if (search !== '') {
    const normalized = normalizeText(search);
    if (normalized === '') throw refuse('INVALID_VALUE', 'search must contain a letter or a digit', { field: 'search' });
    // Normalized text holds only letters, digits and single spaces: nothing LIKE would read as a wildcard.
    values.push(`%${normalized}%`);
    filters.push(`search_text LIKE $${values.length}`);
  }
  // The first page binds the largest id, so every page runs the same statement; the bound goes in as an
  // InitPlan the planner cannot see into, so page 1,000 also gets the plan of page 1.
  const pageWhere = [...filters, `id < (SELECT $${values.length + 1}::bigint)`].join(' AND ');
  const page = {
    text: `SELECT ${ENTRY_COLUMNS} FROM catalog_entries WHERE ${pageWhere} ORDER BY id DESC LIMIT ${query.first + 1}`,
    values: [...values, query.afterId ?? MAX_BIGINT.toString()],
  };
  // The total ignores the cursor. Without a search it is kept per kind by triggers: no count of millions of rows.
  const count =
    search === ''
      ? {
          text: `SELECT coalesce(sum(entries), 0) AS total FROM catalog_kind_counts${query.kind === null ? '' : ' WHERE kind = $1'}`,
          values,
        }
      : { text: `SELECT count(*) AS total FROM catalog_entries WHERE ${filters.join(' AND ')}`, values };
  return { page, count };
}

/** Every entry checked first, so a bad one anywhere leaves nothing written. */
function validateAll(entries: readonly CatalogEntryInputLike[]): DescribedRowDraft[] {
  const drafts: DescribedRowDraft[] = [];
  for (let i = 0; i < entries.length; i++) {
    const { kind, text, override, describeAs } = entries[i];
    const check = checkDescribedRow(
      String(kind),
      String(text),
      override == null ? null : String(override),
      describeAs == null ? null : String(describeAs),
    );
    if (!check.ok)
      throw refuse('INVALID_CATALOG_ENTRY', `entries[${i}].${check.field}: ${check.message}`, { field: `entries[${i}].${check.field}` });
    drafts.push(check.entry);
  }
  return drafts;
}

/**
 * Catalog changes take turns on the single catalog_state row: versions then
 * commit in order, so "rows with added_version > v" is exactly what a process
 * at version v has not seen, and concurrent bulk inserts cannot deadlock.
 */
export async function lockCatalog(manager: EntityManager): Promise<number> {
  const [{ version }] = await manager.query('SELECT version FROM catalog_state FOR UPDATE');
  return Number(version);
}

export async function publishVersion(manager: EntityManager, version: number): Promise<void> {
  await manager.query('UPDATE catalog_state SET version = $1', [version]);
  // Delivered at commit, to every process listening.
  await manager.query('SELECT pg_notify($1, $2)', [CATALOG_CHANGED_CHANNEL, String(version)]);
}

/** Set-based insert in chunks; returns how many new rows each kind got. */
async function insertNew(
  manager: EntityManager,
  drafts: DescribedRowDraft[],
  version: number,
): Promise<Partial<Record<CatalogKind, number>>> {
  const byKind: Partial<Record<CatalogKind, number>> = {};
  for (let i = 0; i < drafts.length; i += INSERT_CHUNK) {
    const chunk = drafts.slice(i, i + INSERT_CHUNK);
    // Duplicates inside one statement are skipped by ON CONFLICT too: the first one wins.
    const rows: Array<{ kind: CatalogKind }> = await manager.query(
      `INSERT INTO catalog_entries (kind, text, text_key, search_text, screening_override, describe_as, added_version)
       SELECT u.kind, u.text, decode(u.key, 'hex'), u.search, coalesce(u.override, 'AUTO'), u.describe_as, $7
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
            WITH ORDINALITY AS u(kind, text, key, search, override, describe_as, n)
       ORDER BY u.n
       ON CONFLICT (kind, text_key) DO NOTHING
       RETURNING kind`,
      [
        chunk.map((d) => d.kind),
        chunk.map((d) => d.text),
        chunk.map((d) => d.key),
        chunk.map((d) => d.normalized),
        chunk.map((d) => d.override),
        chunk.map((d) => d.describeAs),
        version,
      ],
    );
    for (const { kind } of rows) byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  return byKind;
}

/** A per-entry setting that a row may change on an entry already present. */
const SETTINGS = {
  override: { column: 'screening_override', versionColumn: 'override_version', of: (d: DescribedRowDraft) => d.override },
  describeAs: { column: 'describe_as', versionColumn: 'describe_as_version', of: (d: DescribedRowDraft) => d.describeAs },
} as const;

/**
 * Applies a setting given for entries that were already present (not the ones
 * this change added, whose setting was written on insert); the first of
 * repeated entries wins, as for additions. Returns how many changed.
 */
async function changeSetting(
  manager: EntityManager,
  setting: (typeof SETTINGS)[keyof typeof SETTINGS],
  drafts: DescribedRowDraft[],
  version: number,
): Promise<number> {
  const asked = drafts.filter((d) => setting.of(d) !== null);
  const { column, versionColumn } = setting; // fixed names from SETTINGS, never input
  let changed = 0;
  for (let i = 0; i < asked.length; i += INSERT_CHUNK) {
    const chunk = asked.slice(i, i + INSERT_CHUNK);
    // TypeORM answers an UPDATE with [rows, affected].
    const [, affected]: [unknown[], number] = await manager.query(
      `UPDATE catalog_entries c SET ${column} = u.value, ${versionColumn} = $4
       FROM (SELECT DISTINCT ON (kind, key) kind, key, value
             FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS a(kind, key, value, n)
             ORDER BY kind, key, n) u
       WHERE c.kind = u.kind AND c.text_key = decode(u.key, 'hex')
         AND c.${column} IS DISTINCT FROM u.value
         AND c.added_version <> $4 AND c.${versionColumn} IS DISTINCT FROM $4`,
      [chunk.map((d) => d.kind), chunk.map((d) => d.key), chunk.map(setting.of), version],
    );
    changed += affected;
  }
  return changed;
}
