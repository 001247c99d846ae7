import type { QuotaConfig } from '../../config';
import type { QuotaLimit } from '../../domain/quota-bucket';
import type { QuotaSubject } from './quota-subject';

/** Where a principal's budget comes from: an admin's override, the account's plan, or the role's default. */
export type BudgetSource = 'OVERRIDE' | 'PLAN' | 'ROLE';

export interface Budget {
  limit: QuotaLimit;
  source: BudgetSource;
  /** The policy's name in the RateLimit headers: `override`, `plan-<code>` or the role. */
  name: string;
}

/** The budget of a subject from the facts the store read (override, plan) and the configuration. */
export function budgetOf(
  subject: QuotaSubject,
  facts: { override: { points: number; windowS: number } | null; plan: string | null },
  config: Pick<QuotaConfig, 'windowS' | 'roles' | 'plans'>,
): Budget {
  if (facts.override) return { limit: { ...facts.override }, source: 'OVERRIDE', name: 'override' };
  if (subject.accountId !== null && facts.plan !== null && Object.hasOwn(config.plans, facts.plan)) {
    return { limit: { points: config.plans[facts.plan], windowS: config.windowS }, source: 'PLAN', name: `plan-${facts.plan}` };
  }
  const role = subject.role === 'none' ? 'user' : subject.role;
  return { limit: { points: config.roles[role], windowS: config.windowS }, source: 'ROLE', name: role };
}
