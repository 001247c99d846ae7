import { DataSource, EntityManager } from 'typeorm';
import { CatalogKind } from '../domain/enums';
import { CatalogEntryDraft, checkCatalogEntry } from '../domain/screening/catalog-entry-rules';
import { CatalogEntryEntity } from '../entities';
import { CatalogReason, InputReason, badInput, notFound } from '../errors';
import type { Actor } from './actor';
import type { TransactionRunner, UnitOfWork } from './transaction-runner';

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
}

export type CatalogChangedListener = (version: number) => Promise<void>;

/** The protected catalog (policy 10(c)): bulk additions, removals, listing. */
export class CatalogService {
  private readonly listeners: CatalogChangedListener[] = [];

  constructor(private readonly dataSource: DataSource, private readonly transactions: TransactionRunner) {}

  /** Runs after each committed change, before the mutation returns, so this process is never stale. */
  onChanged(listener: CatalogChangedListener): void {
    this.listeners.push(listener);
  }

  /**
   * Adds entries; ones already present (same kind, same normalized text) are
   * skipped. Every entry is validated before anything is written.
   *
   * @returns How many entries were new.
   */
  async addEntries(actor: Actor, entries: readonly CatalogEntryInputLike[]): Promise<number> {
    if (entries.length > MAX_ENTRIES_PER_CALL) {
      throw badInput(`at most ${MAX_ENTRIES_PER_CALL} entries per call, got ${entries.length}`, 'entries', {}, CatalogReason.TOO_MANY_CATALOG_ENTRIES);
    }
    const drafts = validateAll(entries);
    if (drafts.length === 0) return 0;
    let version: number | null = null;
    const added = await this.transactions.run(actor, async (uow) => {
      const current = await lockCatalog(uow.manager);
      const next = current + 1;
      const byKind = await insertNew(uow.manager, drafts, next);
      const count = Object.values(byKind).reduce((sum, n) => sum + n, 0);
      if (count === 0) return 0; // nothing changed: no new version, nothing to audit
      await publishVersion(uow.manager, next);
      version = next;
      // One event per call: counts, not texts (a call may carry 50,000 of them);
      // the rows themselves carry added_version = version.
      uow.record({
        action: 'catalog.add',
        targetType: 'Catalog',
        targetId: 'catalog',
        after: { version: next, requested: entries.length, added: count, duplicates: entries.length - count, byKind },
      });
      return count;
    });
    if (version !== null) await this.notifyLocal(version);
    return added;
  }

  /** Removes one entry; an unknown or malformed id is NOT_FOUND. */
  async removeEntry(actor: Actor, id: string): Promise<true> {
    if (!BIGINT_ID.test(id) || BigInt(id) > MAX_BIGINT) throw notFound('Catalog entry', id, CatalogReason.CATALOG_ENTRY_NOT_FOUND);
    const version = await this.transactions.run(actor, async (uow: UnitOfWork) => {
      const next = (await lockCatalog(uow.manager)) + 1;
      const [rows]: [Array<{ kind: CatalogKind; text: string }>, number] = await uow.manager.query(
        'DELETE FROM catalog_entries WHERE id = $1 RETURNING kind, text', [id],
      );
      if (rows.length === 0) throw notFound('Catalog entry', id, CatalogReason.CATALOG_ENTRY_NOT_FOUND);
      await uow.manager.query('INSERT INTO catalog_removals (entry_id, version) VALUES ($1, $2)', [id, next]);
      await publishVersion(uow.manager, next);
      uow.record({
        action: 'catalog.remove', targetType: 'CatalogEntry', targetId: id,
        before: { kind: rows[0].kind, text: rows[0].text }, after: { version: next },
      });
      return next;
    });
    await this.notifyLocal(version);
    return true;
  }

  /** Newest first. */
  async list(kind: CatalogKind | null, limit: number): Promise<Pick<CatalogEntryEntity, 'id' | 'kind' | 'text'>[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
      throw badInput(`limit must be from 1 to ${MAX_LIST_LIMIT}`, 'limit', {}, InputReason.LIMIT_OUT_OF_RANGE);
    }
    return this.dataSource.getRepository(CatalogEntryEntity).find({
      select: { id: true, kind: true, text: true },
      where: kind === null ? {} : { kind },
      order: { id: 'DESC' },
      take: limit,
    });
  }

  /** The catalog version as committed. */
  async currentVersion(): Promise<number> {
    const [{ version }] = await this.dataSource.query('SELECT version FROM catalog_state');
    return Number(version);
  }

  private async notifyLocal(version: number): Promise<void> {
    for (const listener of this.listeners) await listener(version);
  }
}

/** Every entry checked first, so a bad one anywhere leaves nothing written. */
function validateAll(entries: readonly CatalogEntryInputLike[]): CatalogEntryDraft[] {
  const drafts: CatalogEntryDraft[] = [];
  for (let i = 0; i < entries.length; i++) {
    const check = checkCatalogEntry(String(entries[i].kind), String(entries[i].text));
    if (!check.ok) throw badInput(`entries[${i}].${check.field}: ${check.message}`, `entries[${i}].${check.field}`, {}, CatalogReason.INVALID_CATALOG_ENTRY);
    drafts.push(check.entry);
  }
  return drafts;
}

/**
 * Catalog changes take turns on the single catalog_state row: versions then
 * commit in order, so "rows with added_version > v" is exactly what a process
 * at version v has not seen, and concurrent bulk inserts cannot deadlock.
 */
async function lockCatalog(manager: EntityManager): Promise<number> {
  const [{ version }] = await manager.query('SELECT version FROM catalog_state FOR UPDATE');
  return Number(version);
}

async function publishVersion(manager: EntityManager, version: number): Promise<void> {
  await manager.query('UPDATE catalog_state SET version = $1', [version]);
  // Delivered at commit, to every process listening.
  await manager.query('SELECT pg_notify($1, $2)', [CATALOG_CHANGED_CHANNEL, String(version)]);
}

/** Set-based insert in chunks; returns how many new rows each kind got. */
async function insertNew(manager: EntityManager, drafts: CatalogEntryDraft[], version: number): Promise<Partial<Record<CatalogKind, number>>> {
  const byKind: Partial<Record<CatalogKind, number>> = {};
  for (let i = 0; i < drafts.length; i += INSERT_CHUNK) {
    const chunk = drafts.slice(i, i + INSERT_CHUNK);
    // Duplicates inside one statement are skipped by ON CONFLICT too: the first one wins.
    const rows: Array<{ kind: CatalogKind }> = await manager.query(
      `INSERT INTO catalog_entries (kind, text, text_key, added_version)
       SELECT u.kind, u.text, decode(u.key, 'hex'), $4
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS u(kind, text, key, n)
       ORDER BY u.n
       ON CONFLICT (kind, text_key) DO NOTHING
       RETURNING kind`,
      [chunk.map((d) => d.kind), chunk.map((d) => d.text), chunk.map((d) => d.key), version],
    );
    for (const { kind } of rows) byKind[kind] = (byKind[kind] ?? 0) + 1;
  }
  return byKind;
}
