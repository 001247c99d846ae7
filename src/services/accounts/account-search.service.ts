import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AccountStatus } from '../../domain/enums';
import { MAX_SEARCH_LENGTH, parseAccountSearch } from '../../domain/account-search';
import { AccountEntity } from '../../entities';
import { refuse } from '../../errors';
import { Clock, systemClock } from '../../infrastructure/clock';
import { Keyset, keysetPage, Page, PageArgs } from '../shared/keyset-page';

export interface AccountFilters {
  search?: string | null;
  status?: AccountStatus | null;
  planCode?: string | null;
}

/** Newest first; the index accounts_created_idx (and accounts_plan_idx for a plan) has the same order. */
export const ACCOUNT_KEYSET: Keyset = {
  columns: [
    { expr: 'a.created_at', type: 'timestamptz' },
    { expr: 'a.id', type: 'uuid' },
  ],
  direction: 'DESC',
};

// Account.status is SUSPENDED exactly while a suspension is in force (isSuspensionActive).
// "Now" is the services' clock, as for Account.status.
const SUSPENDED_NOW = `EXISTS (SELECT 1 FROM suspensions s WHERE s.account_id = a.id AND s.starts_at <= :now
  AND (s.ends_at IS NULL OR s.ends_at > :now) AND (s.lifted_at IS NULL OR s.lifted_at > :now))`;

/** The admin's account search and list. */
export class AccountSearchService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock(),
  ) {}

  search(filters: AccountFilters, page: PageArgs): Promise<Page<AccountEntity>> {
    return keysetPage(this.listQuery(filters), ACCOUNT_KEYSET, page);
  }

  /** The filters as a query, before paging (the benchmark EXPLAINs it). */
  listQuery(filters: AccountFilters): SelectQueryBuilder<AccountEntity> {
    if ((filters.search ?? '').length > MAX_SEARCH_LENGTH) {
      throw refuse('TEXT_TOO_LONG', `search must be at most ${MAX_SEARCH_LENGTH} characters`, { field: 'search' });
    }
    const qb = this.dataSource.getRepository(AccountEntity).createQueryBuilder('a');
    const search = parseAccountSearch(filters.search);
    if (search?.kind === 'id') {
      qb.andWhere('a.id = :id', { id: search.id });
    } else if (search?.kind === 'email') {
      qb.andWhere(`a.email LIKE :emailPrefix || '%'`, { emailPrefix: search.emailPrefix });
    } else if (search?.kind === 'text') {
      // One index per branch (email btree, two trigram GINs), so a UNION of ids rather than an OR across a join.
      // ARRAY(...) makes the matches a value computed first, then fetched by primary key and sorted: the cost
      // follows the number of matches. As a join, the planner hashes a broad match and reads every account.
      const names =
        search.name === null
          ? ''
          : `
        UNION SELECT n.id FROM accounts n WHERE search_fold(n.display_name) LIKE '%' || search_fold(:name) || '%'
        UNION SELECT o.account_id FROM organizations o WHERE search_fold(o.legal_name) LIKE '%' || search_fold(:name) || '%'`;
      qb.andWhere(`a.id = ANY(ARRAY(SELECT e.id FROM accounts e WHERE e.email LIKE :emailPrefix || '%' ${names}))`, {
        emailPrefix: search.emailPrefix,
        name: search.name,
      });
    }
    if (filters.status === AccountStatus.SUSPENDED) qb.andWhere(SUSPENDED_NOW, { now: this.clock.now() });
    if (filters.status === AccountStatus.ACTIVE) qb.andWhere(`NOT ${SUSPENDED_NOW}`, { now: this.clock.now() });
    if (filters.planCode !== undefined && filters.planCode !== null) {
      qb.andWhere('a.plan_code = :planCode', { planCode: filters.planCode.trim() });
    }
    return qb;
  }
}
