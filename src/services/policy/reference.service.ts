import { DataSource } from 'typeorm';
import { IndustryEntity, PlanEntity, PolicyClauseEntity } from '../../entities';
import { isValidPageSize, MAX_PAGE_SIZE } from '../../domain/cursor';
import { MAX_INDUSTRY_SEARCH_LENGTH, parseIndustrySearch } from '../../domain/industry-search';
import { refuse } from '../../errors';

/**
 * Reference data installed by migrations. Plans and clauses are small and
 * change only by migration, so they are read once and kept.
 */
export class ReferenceService {
  private plans: Promise<PlanEntity[]> | null = null;
  private clauses: Promise<PolicyClauseEntity[]> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  listPlans(): Promise<PlanEntity[]> {
    this.plans ??= this.dataSource
      .getRepository(PlanEntity)
      .find({ order: { commercialUse: 'ASC', code: 'DESC' } })
      .catch((error) => {
        this.plans = null;
        throw error;
      });
    return this.plans;
  }

  async findPlan(code: string): Promise<PlanEntity | null> {
    return (await this.listPlans()).find((p) => p.code === code) ?? null;
  }

  listClauses(): Promise<PolicyClauseEntity[]> {
    this.clauses ??= this.dataSource
      .getRepository(PolicyClauseEntity)
      .find({ order: { position: 'ASC' } })
      .catch((error) => {
        this.clauses = null;
        throw error;
      });
    return this.clauses;
  }

  async clauseExists(clause: string): Promise<boolean> {
    return (await this.listClauses()).some((c) => c.clause === clause);
  }

  /** The clause as registered (trimmed), or BAD_USER_INPUT naming what was given. */
  async requireClause(given: string, field = 'clause'): Promise<string> {
    const clause = given.trim();
    if (!(await this.clauseExists(clause)))
      throw refuse('UNKNOWN_CLAUSE', `clause "${given}" is not in the policy's clause registry`, { field });
    return clause;
  }

  findIndustry(code: string): Promise<IndustryEntity | null> {
    if (!/^([0-9]{2}(-[0-9]{2})?|[0-9]{3,6})$/.test(code)) return Promise.resolve(null);
    return this.dataSource.getRepository(IndustryEntity).findOneBy({ code });
  }

  /**
   * Typeahead over NAICS 2017: a code prefix (shortest codes first), or title
   * words, each a substring of the title (case and accents folded); a title
   * within trigram word similarity of the text also counts, for typos. Best
   * first: titles that start with the text, then by word similarity.
   */
  searchIndustries(search: string, first: number): Promise<IndustryEntity[]> {
    if (search.length > MAX_INDUSTRY_SEARCH_LENGTH) {
      throw refuse('TEXT_TOO_LONG', `search must be at most ${MAX_INDUSTRY_SEARCH_LENGTH} characters`, { field: 'search' });
    }
    if (!isValidPageSize(first)) throw refuse('LIMIT_OUT_OF_RANGE', `first must be from 1 to ${MAX_PAGE_SIZE}`, { field: 'first' });
    const parsed = parseIndustrySearch(search);
    if (parsed === null) return Promise.resolve([]);
    const qb = this.dataSource.getRepository(IndustryEntity).createQueryBuilder('i').limit(first);
    if (parsed.kind === 'code') {
      // A sector range ("31-33") is a two-digit sector: it ranks as one and answers for each of its sectors ("32").
      return qb
        .where(
          `(i.code LIKE :prefix || '%' OR (i.code LIKE '%-%' AND left(:prefix, 2) BETWEEN split_part(i.code, '-', 1) AND split_part(i.code, '-', 2)))`,
          { prefix: parsed.prefix },
        )
        .orderBy(`CASE WHEN i.code LIKE '%-%' THEN 2 ELSE length(i.code) END`)
        .addOrderBy('i.code')
        .getMany();
    }
    const words = parsed.words.map((_, n) => `search_fold(i.title) LIKE '%' || search_fold(:w${n}) || '%'`).join(' AND ');
    const params = Object.fromEntries(parsed.words.map((w, n) => [`w${n}`, w]));
    return qb
      .where(`((${words}) OR search_fold(:text) <% search_fold(i.title))`, { ...params, text: parsed.text })
      .orderBy(`search_fold(i.title) LIKE search_fold(:text) || '%'`, 'DESC')
      .addOrderBy('word_similarity(search_fold(:text), search_fold(i.title))', 'DESC')
      .addOrderBy('length(i.title)')
      .addOrderBy('i.code')
      .getMany();
  }
}
