import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditChainVerifier, AuditRecord, ChainVerification, GENESIS_HASH, auditHash, toAuditValue } from '../../domain/audit-chain';
import { AuditEventEntity } from '../../entities';
import { Actor } from '../shared/actor';
import { Keyset, keysetPage, Page, PageArgs } from '../shared/keyset-page';
import { Clock, systemClock } from '../../infrastructure/clock';

/** An event as stored; use-cases record typed ones (TypedAuditChange, src/domain/audit-actions.ts). */
export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** @deprecated the old name of AuditEntry. */
export type AuditChange = AuditEntry;

// Any constant works; it only has to be the same for every writer (the change
// feed's outbox takes it too, so event ids follow the commit order).
export const AUDIT_CHAIN_LOCK = 7_311_004;
const VERIFY_PAGE = 5000;

export interface AuditFilters {
  targetId?: string | null;
  action?: string | null;
}

/** Newest first: sequence is unique, and every filter has an index ending in it (target_id, sequence) and (action, sequence). */
export const AUDIT_KEYSET: Keyset = { columns: [{ expr: 'e.sequence', type: 'int' }], direction: 'DESC' };

/** The append-only, hash-chained audit log. */
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock(),
  ) {}

  /**
   * Appends events inside the caller's transaction. The advisory lock makes
   * concurrent transactions take turns at the chain's head, and is held only
   * from here to commit, so callers append last.
   */
  /** @returns The sequence of the last event appended, or null when there was none. */
  async append(manager: EntityManager, actor: Actor, changes: readonly AuditEntry[]): Promise<number | null> {
    if (changes.length === 0) return null;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [head] = await manager.query('SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1');
    let sequence: number = head ? Number(head.sequence) : 0;
    let prevHash: string = head ? head.hash : GENESIS_HASH;
    const at = this.clock.now().toISOString();
    const rows: AuditEventEntity[] = [];
    for (const change of changes) {
      sequence += 1;
      const record: AuditRecord = {
        sequence,
        actor: actor.sub,
        actorRole: actor.role,
        action: change.action,
        targetType: change.targetType,
        targetId: change.targetId,
        before: toAuditValue(change.before),
        after: toAuditValue(change.after),
        at,
        requestId: actor.requestId,
      };
      const hash = auditHash(prevHash, record);
      rows.push(manager.create(AuditEventEntity, { ...record, at: new Date(at), prevHash, hash }));
      prevHash = hash;
    }
    await manager.getRepository(AuditEventEntity).insert(rows as never);
    return sequence;
  }

  async list(targetId: string | null, limit: number): Promise<AuditEventEntity[]> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').orderBy('e.sequence', 'DESC').limit(limit);
    if (targetId !== null) qb.where('e.target_id = :targetId', { targetId });
    return qb.getMany();
  }

  page(filters: AuditFilters, args: PageArgs): Promise<Page<AuditEventEntity>> {
    return keysetPage(this.listQuery(filters), AUDIT_KEYSET, args);
  }

  listQuery(filters: AuditFilters): SelectQueryBuilder<AuditEventEntity> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (filters.targetId !== undefined && filters.targetId !== null) qb.andWhere('e.target_id = :targetId', { targetId: filters.targetId });
    if (filters.action !== undefined && filters.action !== null) qb.andWhere('e.action = :action', { action: filters.action });
    return qb;
  }

  /** Re-reads the whole chain in pages and recomputes every hash. */
  async verify(): Promise<ChainVerification> {
    const repo = this.dataSource.getRepository(AuditEventEntity);
    const verifier = new AuditChainVerifier();
    let after = 0;
    for (;;) {
      const page = await repo
        .createQueryBuilder('e')
        .where('e.sequence > :after', { after })
        .orderBy('e.sequence', 'ASC')
        .limit(VERIFY_PAGE)
        .getMany();
      if (page.length === 0) break;
      let intact = true;
      for (const e of page) {
        intact = verifier.feed({
          sequence: e.sequence,
          actor: e.actor,
          actorRole: e.actorRole,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          before: e.before,
          after: e.after,
          at: e.at.toISOString(),
          requestId: e.requestId,
          prevHash: e.prevHash,
          hash: e.hash,
        });
        if (!intact) break;
      }
      if (!intact) break;
      after = page[page.length - 1].sequence;
    }
    return verifier.result();
  }
}
