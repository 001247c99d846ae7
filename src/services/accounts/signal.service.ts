import { DataSource, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isSuspensionActive } from '../../domain/activity';
import { AccountStatus, SignalKind } from '../../domain/enums';
import { isUuid } from '../../domain/ids';
import { CLUSTER_SIGNAL_KINDS, DENYING_SIGNAL_KINDS, MAX_SIGNALS_PER_CALL, canonicalizeSignal, signalHash } from '../../domain/signals';
import { SuspensionEntity } from '../../entities';
import { refuse, notFoundMessage } from '../../errors';
import { Actor } from '../shared/actor';
import { ClusterRow, SqlRunner, findFreePlanClusters, joinClusters } from './account-clusters';
import { FieldErrors } from '../shared/field-errors';
import { Keyset, keysetRawPage, Page, PageArgs } from '../shared/keyset-page';
import { requireAccount } from '../shared/records';
import { TransactionRunner, UnitOfWork } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';

export interface SignalInput {
  kind: SignalKind;
  value: string;
}

/** A signal ready to store: its kind and the keyed hash of its canonical value. The value itself is gone. */
export interface HashedSignal {
  kind: SignalKind;
  hash: string;
}

export interface LinkedAccountView {
  accountId: string;
  sharedSignals: SignalKind[];
  status: AccountStatus;
  planCode: string;
}

export const MAX_CLUSTER_PAGE = 500;

// Two-key advisory locks (a key space apart from the one-key locks) on each
// linking value: two accounts recording the same value take turns, so the
// second always sees the first and touches and joins it.
const VALUE_LOCK_CLASS = 9_011;

interface LinkedRow {
  account_id: string;
  kinds: SignalKind[];
  plan_code: string;
}

// Mixed directions (counts descending, id ascending) as one row comparison: negate the counts.
export const LINKED_KEYSET: Keyset = {
  columns: [
    { expr: '-l.denying', type: 'int' },
    { expr: '-l.shared', type: 'int' },
    { expr: 'l.account_id', type: 'uuid' },
  ],
  direction: 'ASC',
};

const kindList = (kinds: readonly SignalKind[]) => `ARRAY[${kinds.map((k) => `'${k}'`).join(', ')}]::text[]`;

/** Identifying signals of accounts (9(n)): recording them, and the links and clusters they make. */
export class SignalService {
  private readonly key: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    key: string | null,
    private readonly clock: Clock = systemClock(),
  ) {
    if (!key) throw new Error('SIGNAL_HASH_KEY is not configured');
    this.key = key;
  }

  /**
   * Canonicalizes and hashes a whole list, or throws one BAD_USER_INPUT naming
   * every bad entry (signals[i].value), so that nothing is recorded.
   */
  hashAll(inputs: readonly SignalInput[]): HashedSignal[] {
    if (inputs.length > MAX_SIGNALS_PER_CALL) {
      throw refuse('TOO_MANY_SIGNALS', `At most ${MAX_SIGNALS_PER_CALL} signals may be recorded at once, got ${inputs.length}`, {
        field: 'signals',
      });
    }
    const problems = new FieldErrors();
    const hashed: HashedSignal[] = [];
    inputs.forEach((input, i) => {
      const canonical = canonicalizeSignal(input.kind, input.value);
      if (canonical.ok) hashed.push({ kind: input.kind, hash: signalHash(this.key, input.kind, canonical.value) });
      else problems.add(`signals[${i}].value`, `signals[${i}] (${input.kind}): ${canonical.problem}`);
    });
    problems.throwIfAny();
    return hashed;
  }

  /** The EMAIL signal of an account's own (already valid) address. */
  emailSignal(email: string): HashedSignal {
    const [signal] = this.hashAll([{ kind: SignalKind.EMAIL, value: email }]);
    return signal;
  }

  /** Records what onboarding or billing saw; returns how many signals were new. */
  async record(actor: Actor, accountId: string, inputs: readonly SignalInput[]): Promise<number> {
    if (!isUuid(accountId)) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', accountId));
    const signals = this.hashAll(inputs);
    return this.transactions.run(actor, async (uow) => {
      // The stored id (lower case), whatever case the caller wrote it in.
      const account = await requireAccount(uow.manager, accountId);
      return this.recordIn(uow, account.id, signals, { audit: true });
    });
  }

  /**
   * Stores signals inside the caller's transaction. A value new to this
   * account that another account already has is a new link: the decisions of
   * both sides may change (EMAIL and PAYMENT_FINGERPRINT links deny while
   * either is suspended), so all of them are touched, and their clusters join.
   */
  async recordIn(uow: UnitOfWork, accountId: string, signals: readonly HashedSignal[], options: { audit: boolean }): Promise<number> {
    if (signals.length === 0) return 0;
    const sql: SqlRunner = (text, params) => uow.manager.query(text, params);
    const linking = signals.filter((s) => s.kind !== SignalKind.IP_ADDRESS);
    if (linking.length > 0) {
      // Sorted, so that two transactions locking overlapping values cannot deadlock.
      await sql(`SELECT count(pg_advisory_xact_lock($1, k)) FROM (SELECT DISTINCT k FROM unnest($2::int[]) AS k ORDER BY k) locks`, [
        VALUE_LOCK_CLASS,
        linking.map((s) => Number.parseInt(s.hash.slice(0, 8), 16) | 0),
      ]);
    }
    const inserted = await sql<{ kind: SignalKind; value_hash: string }>(
      `INSERT INTO account_signals (account_id, kind, value_hash)
       SELECT $1, t.kind, t.value_hash FROM unnest($2::text[], $3::text[]) AS t(kind, value_hash)
       ON CONFLICT DO NOTHING
       RETURNING kind, value_hash`,
      [accountId, signals.map((s) => s.kind), signals.map((s) => s.hash)],
    );
    if (inserted.length === 0) return 0;

    const fresh = inserted.filter((s) => s.kind !== SignalKind.IP_ADDRESS);
    const links =
      fresh.length === 0
        ? []
        : await sql<{ account_id: string; kind: SignalKind }>(
            `SELECT DISTINCT o.account_id, o.kind
         FROM unnest($2::text[], $3::text[]) AS t(kind, value_hash)
         JOIN account_signals o ON o.kind = t.kind AND o.value_hash = t.value_hash
        WHERE o.account_id <> $1`,
            [accountId, fresh.map((s) => s.kind), fresh.map((s) => s.value_hash)],
          );
    if (inserted.some((s) => DENYING_SIGNAL_KINDS.includes(s.kind))) {
      uow.touchAccounts(accountId, ...links.filter((l) => DENYING_SIGNAL_KINDS.includes(l.kind)).map((l) => l.account_id));
    }
    const joined = links.filter((l) => CLUSTER_SIGNAL_KINDS.includes(l.kind)).map((l) => l.account_id);
    if (joined.length > 0) await joinClusters(sql, [accountId, ...joined]);

    if (options.audit) {
      // Kinds and counts only: neither values nor their hashes belong in the audit log.
      const byKind: Record<string, number> = {};
      for (const s of inserted) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
      uow.record({
        action: 'account.signals.record',
        targetType: 'Account',
        targetId: accountId,
        before: null,
        after: { recorded: inserted.length, byKind, newlyLinkedAccounts: new Set(links.map((l) => l.account_id)).size },
      });
    }
    return inserted.length;
  }

  /** Every other account sharing at least one signal of any kind with this one, with which kinds. */
  async linked(accountId: string): Promise<LinkedAccountView[]> {
    if (!isUuid(accountId)) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', accountId));
    await requireAccount(this.dataSource.manager, accountId);
    const rows: LinkedRow[] = await this.dataSource.query(
      `SELECT o.account_id, array_agg(DISTINCT o.kind ORDER BY o.kind) AS kinds, a.plan_code
         FROM account_signals mine
         JOIN account_signals o ON o.kind = mine.kind AND o.value_hash = mine.value_hash AND o.account_id <> mine.account_id
         JOIN accounts a ON a.id = o.account_id
        WHERE mine.account_id = $1
        GROUP BY o.account_id, a.plan_code
        ORDER BY count(DISTINCT o.kind) FILTER (WHERE o.kind = ANY(${kindList(DENYING_SIGNAL_KINDS)})) DESC,
                 count(DISTINCT o.kind) DESC, o.account_id`,
      [accountId],
    );
    return this.withStatus(rows);
  }

  /**
   * linked() in keyset pages, in the same order (denying links first, then
   * most shared kinds, then id). The links of one account are aggregated
   * whole, so a page costs what that account's links cost, never the table.
   */
  async linkedPage(accountId: string, args: PageArgs): Promise<Page<LinkedAccountView>> {
    if (!isUuid(accountId)) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', accountId));
    await requireAccount(this.dataSource.manager, accountId);
    const page = await keysetRawPage<LinkedRow>(this.linkedQuery(accountId), LINKED_KEYSET, args);
    const views = await this.withStatus(page.items.map((i) => i.node));
    return { ...page, items: page.items.map((item, i) => ({ node: views[i], cursor: item.cursor })) };
  }

  linkedQuery(accountId: string): SelectQueryBuilder<ObjectLiteral> {
    const links = `(SELECT o.account_id, array_agg(DISTINCT o.kind ORDER BY o.kind) AS kinds, a.plan_code,
        count(DISTINCT o.kind) FILTER (WHERE o.kind = ANY(${kindList(DENYING_SIGNAL_KINDS)}))::int AS denying,
        count(DISTINCT o.kind)::int AS shared
      FROM account_signals mine
      JOIN account_signals o ON o.kind = mine.kind AND o.value_hash = mine.value_hash AND o.account_id <> mine.account_id
      JOIN accounts a ON a.id = o.account_id
      WHERE mine.account_id = :accountId
      GROUP BY o.account_id, a.plan_code)`;
    return this.dataSource
      .createQueryBuilder()
      .select(['l.account_id AS account_id', 'l.kinds AS kinds', 'l.plan_code AS plan_code'])
      .from(links, 'l')
      .setParameter('accountId', accountId);
  }

  private async withStatus(rows: LinkedRow[]): Promise<LinkedAccountView[]> {
    if (rows.length === 0) return [];
    const suspensions = await this.dataSource.getRepository(SuspensionEntity).find({
      where: { accountId: In(rows.map((r) => r.account_id)) },
      select: { accountId: true, startsAt: true, endsAt: true, liftedAt: true },
    });
    const now = this.clock.now();
    const suspended = new Set(suspensions.filter((s) => isSuspensionActive(s, now)).map((s) => s.accountId));
    return rows.map((r) => ({
      accountId: r.account_id,
      sharedSignals: r.kinds,
      status: suspended.has(r.account_id) ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE,
      planCode: r.plan_code,
    }));
  }

  /** Clusters of at least `minSize` free-plan accounts, largest first (see findFreePlanClusters). */
  freePlanClusters(minSize: number, limit: number): Promise<ClusterRow[]> {
    const problems = new FieldErrors();
    if (!Number.isInteger(minSize) || minSize < 2) problems.add('minSize', 'minSize must be at least 2');
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CLUSTER_PAGE)
      problems.add('limit', `limit must be from 1 to ${MAX_CLUSTER_PAGE}`);
    problems.throwIfAny();
    return findFreePlanClusters((text, params) => this.dataSource.query(text, params), minSize, limit);
  }
}
