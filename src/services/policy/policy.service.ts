import { DataSource, EntityManager } from 'typeorm';
import { policyVersionInEffect } from '../../domain/activity';
import { MAX_SUMMARY_LENGTH, MAX_VERSION_LENGTH, VERSION_PATTERN, checkSchedule, latestVersion } from '../../domain/policy-schedule';
import { AccountEntity, PolicyVersionEntity } from '../../entities';
import { PG_UNIQUE_VIOLATION, pgErrorCode, refuse, notFoundMessage } from '../../errors';
import { Actor } from '../shared/actor';
import { Clock, systemClock } from '../../infrastructure/clock';
import { FieldErrors } from '../shared/field-errors';
import { requireAccount } from '../shared/records';
import { TransactionRunner } from '../../infrastructure/transaction-runner';

export interface NewPolicyVersion {
  version: string;
  effectiveAt: Date;
  significant: boolean;
  summary: string;
}

/** One acceptance, with the effective date of the version accepted. */
export interface AcceptanceRecord {
  accountId: string;
  version: string;
  acceptedAt: Date;
  acceptedBy: string;
  effectiveAt: Date;
}

export interface VersionImpact {
  version: string;
  significant: boolean;
  effectiveAt: Date;
  affectedAccounts: number;
  sampleAccountIds: string[];
}

const IMPACT_SAMPLE_SIZE = 20;

/** Validates the fields that need no database and returns them trimmed. */
function normalizeVersionInput(input: NewPolicyVersion): NewPolicyVersion {
  const problems = new FieldErrors();
  const version = input.version.trim();
  if (version.length < 1 || version.length > MAX_VERSION_LENGTH || !VERSION_PATTERN.test(version)) {
    problems.add(
      'version',
      `version must be 1 to ${MAX_VERSION_LENGTH} characters: letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
  const summary = input.summary.trim();
  if (summary.length < 1 || summary.length > MAX_SUMMARY_LENGTH) {
    problems.add('summary', `summary must be 1 to ${MAX_SUMMARY_LENGTH} characters after trimming`);
  }
  if (Number.isNaN(input.effectiveAt.getTime())) problems.add('effectiveAt', 'effectiveAt must be a valid date-time');
  problems.throwIfAny();
  return { ...input, version, summary };
}

/** Policy versions (what is in effect, what is scheduled) and each account's acceptances. */
export class PolicyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly noticeDays: number,
    readonly clock: Clock = systemClock(),
  ) {}

  /** Newest first, scheduled versions included. */
  listVersions(): Promise<PolicyVersionEntity[]> {
    return this.dataSource.getRepository(PolicyVersionEntity).find({ order: { effectiveAt: 'DESC', version: 'DESC' } });
  }

  async current(at: Date = this.clock.now()): Promise<PolicyVersionEntity> {
    const versions = await this.listVersions();
    const version = policyVersionInEffect(versions, at);
    const found = versions.find((v) => v.version === version);
    if (!found) throw refuse('POLICY_VERSION_NOT_FOUND', notFoundMessage('Policy version'));
    return found;
  }

  /**
   * Publishes a version. A significant one needs the notice period between
   * now and its effective date; none may take effect in the past. Every
   * account's decision can change, so every account is touched.
   */
  async publish(actor: Actor, raw: NewPolicyVersion): Promise<PolicyVersionEntity> {
    const input = normalizeVersionInput(raw);
    const publishedAt = this.clock.now();
    const schedule = checkSchedule({
      publishedAt,
      effectiveAt: input.effectiveAt,
      significant: input.significant,
      noticeDays: this.noticeDays,
    });
    if (!schedule.ok) {
      const earliest = schedule.earliest.toISOString();
      const message =
        schedule.reason === 'NOTICE_TOO_SHORT'
          ? `A significant version needs ${this.noticeDays} days of notice: effectiveAt must be ${earliest} or later`
          : `A policy version cannot take effect in the past: effectiveAt must be ${earliest} or later`;
      const reason = schedule.reason === 'NOTICE_TOO_SHORT' ? 'NOTICE_TOO_SHORT' : 'EFFECTIVE_IN_THE_PAST';
      throw refuse(reason, message, { field: 'effectiveAt', earliestEffectiveAt: earliest });
    }
    return this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(PolicyVersionEntity);
      const row = repo.create({
        version: input.version,
        publishedAt,
        effectiveAt: schedule.effectiveAt,
        significant: input.significant,
        summary: input.summary,
        publishedBy: actor.sub,
      });
      try {
        await repo.insert(row);
      } catch (error) {
        if (pgErrorCode(error) === PG_UNIQUE_VIOLATION)
          throw refuse('POLICY_VERSION_EXISTS', `Policy version "${input.version}" already exists`);
        throw error;
      }
      uow.record({ action: 'policy.publish', targetType: 'PolicyVersion', targetId: row.version, before: null, after: row });
      uow.touchAccounts('*');
      return row;
    });
  }

  /**
   * Records that an account accepts a version (scheduled ones included).
   * Acceptances are history: each is kept with its time and who recorded it.
   * Accepting a version already accepted is idempotent: nothing is written,
   * no audit event, the account is returned as it is.
   */
  async accept(actor: Actor, accountId: string, rawVersion: string): Promise<AccountEntity> {
    const version = rawVersion.trim();
    return this.transactions.run(actor, async (uow) => {
      const account = await requireAccount(uow.manager, accountId, { lock: true });
      const target = version === '' ? null : await uow.manager.getRepository(PolicyVersionEntity).findOneBy({ version });
      if (!target) throw refuse('UNKNOWN_POLICY_VERSION', `Policy version "${version}" does not exist`, { field: 'version' });
      const previous = await this.acceptancesIn(uow.manager, [account.id]);
      const inserted: Array<{ accepted_at: Date }> = await uow.manager.query(
        `INSERT INTO policy_acceptances (account_id, version, accepted_at, accepted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT policy_acceptances_once DO NOTHING RETURNING accepted_at`,
        [account.id, version, this.clock.now(), actor.sub],
      );
      if (inserted.length === 0) return account;
      const accepted = { version, acceptedAt: inserted[0].accepted_at, acceptedBy: actor.sub };
      uow.record({
        action: 'policy.accept',
        targetType: 'Account',
        targetId: account.id,
        before: { acceptedPolicyVersion: latestVersion(previous)?.version ?? null },
        after: {
          acceptedPolicyVersion: latestVersion([...previous, { ...accepted, effectiveAt: target.effectiveAt }])!.version,
          accepted,
        },
      });
      uow.touchAccounts(account.id);
      return account;
    });
  }

  /** Every acceptance of some accounts, newest first. */
  acceptancesFor(accountIds: readonly string[]): Promise<AcceptanceRecord[]> {
    return this.acceptancesIn(this.dataSource.manager, accountIds);
  }

  /**
   * Accounts that have accepted neither this version nor any later one: the
   * accounts a significant version would deny once it takes effect. Counted
   * in SQL; the sample is the oldest accounts first.
   */
  async impact(rawVersion: string): Promise<VersionImpact> {
    const version = rawVersion.trim();
    const target = version === '' ? null : await this.dataSource.getRepository(PolicyVersionEntity).findOneBy({ version });
    if (!target) throw refuse('UNKNOWN_POLICY_VERSION', `Policy version "${version}" does not exist`, { field: 'version' });
    // The decision's rule (satisfiesRequirement in src/domain/activity.ts): the version itself, or one that
    // takes effect strictly later. test/integration/policy-impact.test.ts holds this SQL to the domain.
    const rows: Array<{ id: string; total: number }> = await this.dataSource.query(
      `WITH target AS (SELECT effective_at, version FROM policy_versions WHERE version = $1)
       SELECT a.id, count(*) OVER ()::int AS total
         FROM accounts a CROSS JOIN target t
        WHERE NOT EXISTS (
          SELECT 1 FROM policy_acceptances pa JOIN policy_versions pv ON pv.version = pa.version
           WHERE pa.account_id = a.id
             AND (pv.version = t.version OR pv.effective_at > t.effective_at))
        ORDER BY a.created_at, a.id
        LIMIT $2`,
      [target.version, IMPACT_SAMPLE_SIZE],
    );
    return {
      version: target.version,
      significant: target.significant,
      effectiveAt: target.effectiveAt,
      affectedAccounts: rows[0]?.total ?? 0,
      sampleAccountIds: rows.map((r) => r.id),
    };
  }

  private async acceptancesIn(manager: EntityManager, accountIds: readonly string[]): Promise<AcceptanceRecord[]> {
    if (accountIds.length === 0) return [];
    const rows: Array<{ account_id: string; version: string; accepted_at: Date; accepted_by: string; effective_at: Date }> =
      await manager.query(
        `SELECT pa.account_id, pa.version, pa.accepted_at, pa.accepted_by, pv.effective_at
           FROM policy_acceptances pa JOIN policy_versions pv ON pv.version = pa.version
          WHERE pa.account_id = ANY($1::uuid[])
          ORDER BY pa.accepted_at DESC, pa.id DESC`,
        [accountIds],
      );
    return rows.map((r) => ({
      accountId: r.account_id,
      version: r.version,
      acceptedAt: r.accepted_at,
      acceptedBy: r.accepted_by,
      effectiveAt: r.effective_at,
    }));
  }
}
