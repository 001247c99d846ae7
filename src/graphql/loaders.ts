import DataLoader from 'dataloader';
import { AccountEntity, OrganizationEntity, PlanEntity } from '../entities';
import type { AcceptanceRecord } from '../services/policy/policy.service';
import type { GraphQLContext } from './context';

/** Batched, per-request reads behind Account's field resolvers: a list of accounts costs one query per field. */
export interface AccountLoaders {
  /** Null for an unknown or malformed id. */
  account: DataLoader<string, AccountEntity | null>;
  plan: DataLoader<string, PlanEntity | null>;
  organization: DataLoader<string, OrganizationEntity | null>;
  /** Newest first. */
  acceptances: DataLoader<string, AcceptanceRecord[]>;
}

// Keyed by the context object, so the loaders (and their caches) live exactly as long as one request.
const perRequest = new WeakMap<GraphQLContext, AccountLoaders>();

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

function createLoaders(ctx: GraphQLContext): AccountLoaders {
  const { services } = ctx;
  return {
    account: new DataLoader(async (ids) => {
      const found = new Map((await services.accounts.findMany(ids)).map((a) => [a.id, a]));
      return ids.map((id) => found.get(id.toLowerCase()) ?? null);
    }),
    plan: new DataLoader(async (codes) => {
      const plans = await services.reference.listPlans();
      return codes.map((code) => plans.find((p) => p.code === code) ?? null);
    }),
    organization: new DataLoader(async (accountIds) => {
      const rows = await services.organizations.forAccounts(accountIds);
      return groupBy(accountIds, rows, (o) => o.accountId).map((group) => group[0] ?? null);
    }),
    acceptances: new DataLoader(async (accountIds) => {
      const rows = await services.policy.acceptancesFor(accountIds);
      return groupBy(accountIds, rows, (a) => a.accountId);
    }),
  };
}

export function loadersOf(ctx: GraphQLContext): AccountLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    loaders = createLoaders(ctx);
    perRequest.set(ctx, loaders);
  }
  return loaders;
}

/** A mutation changed this account: later fields of the same request must read it afresh. */
export function forgetAccount(ctx: GraphQLContext, accountId: string): void {
  const loaders = perRequest.get(ctx);
  if (!loaders) return;
  loaders.account.clear(accountId);
  loaders.organization.clear(accountId);
  loaders.acceptances.clear(accountId);
}
