import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../services/shared/actor';
import type { TypedAuditChange } from '../domain/audit-actions';
import { encodeAccountChange } from '../domain/revision';
import { AuditEntry, AuditService } from '../services/audit/audit.service';
import { Revisions } from './revisions';

/**
 * Channel on which every audited commit announces its audit sequence and the
 * accounts whose decisions it affects (`sequence:id,id,...`, see domain/revision).
 */
export const ACCOUNT_CHANGED_CHANNEL = 'account_changed';
const NOTIFY_BATCH = 100; // NOTIFY payloads are capped at 8000 bytes

export type AccountsChangedListener = (accountIds: string[]) => void;
/** Runs inside the transaction, after its audit events: the last writes before commit. */
export type CommitHook = (uow: UnitOfWork) => Promise<void>;

/** What a use-case sees inside its transaction. */
export class UnitOfWork {
  /** Events to append at commit; record() is the typed way in. */
  readonly changes: AuditEntry[] = [];
  readonly touchedAccounts = new Set<string>();

  constructor(
    readonly manager: EntityManager,
    readonly actor: Actor,
  ) {}

  /** Queues the audit event; it is written in the same transaction, at its end. */
  record(change: TypedAuditChange): void {
    this.changes.push(change);
  }

  /** Marks accounts whose entitlement decisions this change can alter. */
  touchAccounts(...ids: string[]): void {
    // Ids are compared as PostgreSQL prints uuids: lower case.
    for (const id of ids) this.touchedAccounts.add(id.toLowerCase());
  }
}

/**
 * Runs a use-case in one transaction: the state change, its audit events and
 * the change notification commit together or not at all. Local listeners run
 * after commit and before the caller gets its answer, so this process is
 * never stale once a mutation has returned.
 */
export class TransactionRunner {
  private readonly listeners: AccountsChangedListener[] = [];
  private readonly commitHooks: CommitHook[] = [];
  /** Audit events committed by this process (read by /metrics). */
  auditEventsWritten = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    /** Told of every sequence this process commits (consistency tokens). */
    readonly revisions: Revisions = new Revisions(),
  ) {}

  onAccountsChanged(listener: AccountsChangedListener): void {
    this.listeners.push(listener);
  }

  /** Adds writes to every transaction (the change feed's outbox), committed with it or not at all. */
  beforeCommit(hook: CommitHook): void {
    this.commitHooks.push(hook);
  }

  async run<T>(actor: Actor, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    let touched: string[] = [];
    let result: T;
    let audited = 0;
    let sequence: number | null = null;
    try {
      result = await this.dataSource.transaction(async (manager) => {
        const uow = new UnitOfWork(manager, actor);
        const value = await work(uow);
        touched = [...uow.touchedAccounts];
        sequence = await this.audit.append(manager, actor, uow.changes);
        // Every audited commit is announced, touching accounts or not, so other processes learn its sequence.
        const batches = touched.length === 0 && sequence !== null ? 1 : Math.ceil(touched.length / NOTIFY_BATCH);
        for (let b = 0; b < batches; b += 1) {
          const ids = touched.slice(b * NOTIFY_BATCH, (b + 1) * NOTIFY_BATCH);
          await manager.query('SELECT pg_notify($1, $2)', [ACCOUNT_CHANGED_CHANNEL, encodeAccountChange(sequence, ids)]);
        }
        for (const hook of this.commitHooks) await hook(uow);
        audited = uow.changes.length;
        return value;
      });
      this.auditEventsWritten += audited;
      if (sequence !== null) this.revisions.committed(sequence);
    } catch (error) {
      // A connection lost during COMMIT leaves the outcome unknown, and its
      // notification may never arrive: forgetting is always safe.
      if (touched.length > 0) for (const listener of this.listeners) listener(touched);
      throw error;
    }
    if (touched.length > 0) for (const listener of this.listeners) listener(touched);
    return result;
  }
}
