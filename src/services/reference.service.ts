import { DataSource } from 'typeorm';
import { IndustryEntity, PlanEntity, PolicyClauseEntity } from '../entities';
import { PolicyReason, badInput } from '../errors';

/**
 * Reference data installed by migrations. Plans and clauses are small and
 * change only by migration, so they are read once and kept.
 */
export class ReferenceService {
  private plans: Promise<PlanEntity[]> | null = null;
  private clauses: Promise<PolicyClauseEntity[]> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  listPlans(): Promise<PlanEntity[]> {
    this.plans ??= this.dataSource.getRepository(PlanEntity).find({ order: { commercialUse: 'ASC', code: 'DESC' } })
      .catch((error) => { this.plans = null; throw error; });
    return this.plans;
  }

  async findPlan(code: string): Promise<PlanEntity | null> {
    return (await this.listPlans()).find((p) => p.code === code) ?? null;
  }

  listClauses(): Promise<PolicyClauseEntity[]> {
    this.clauses ??= this.dataSource.getRepository(PolicyClauseEntity).find({ order: { position: 'ASC' } })
      .catch((error) => { this.clauses = null; throw error; });
    return this.clauses;
  }

  async clauseExists(clause: string): Promise<boolean> {
    return (await this.listClauses()).some((c) => c.clause === clause);
  }

  /** The clause as registered (trimmed), or BAD_USER_INPUT naming what was given. */
  async requireClause(given: string, field = 'clause'): Promise<string> {
    const clause = given.trim();
    if (!(await this.clauseExists(clause))) throw badInput(`clause "${given}" is not in the policy's clause registry`, field, {}, PolicyReason.UNKNOWN_CLAUSE);
    return clause;
  }

  findIndustry(code: string): Promise<IndustryEntity | null> {
    if (!/^([0-9]{2}(-[0-9]{2})?|[0-9]{3,6})$/.test(code)) return Promise.resolve(null);
    return this.dataSource.getRepository(IndustryEntity).findOneBy({ code });
  }
}
