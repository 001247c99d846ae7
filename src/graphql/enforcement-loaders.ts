import DataLoader from 'dataloader';
import type { AppealEntity, AuthorizationEntity, SuspensionEntity } from '../entities';
import type { GraphQLContext } from './context';

export interface EnforcementLoaders {
  authorizationsByAccount: DataLoader<string, AuthorizationEntity[]>;
  suspensionsByAccount: DataLoader<string, SuspensionEntity[]>;
  appealsByAccount: DataLoader<string, AppealEntity[]>;
}

// One set per operation (Apollo gives every operation its own context object),
// so nothing outlives the request. No caching: a later mutation in the same
// operation must not read what an earlier field loaded; batching is what counts.
const perContext = new WeakMap<GraphQLContext, EnforcementLoaders>();

/** Batches Account.authorizations / suspensions / status into one query per list. */
export function enforcementLoaders(ctx: GraphQLContext): EnforcementLoaders {
  let loaders = perContext.get(ctx);
  if (!loaders) {
    const { authorizations, suspensions, appeals } = ctx.services;
    loaders = {
      authorizationsByAccount: new DataLoader(
        async (ids) => {
          const byAccount = await authorizations.listForAccounts(ids);
          return ids.map((id) => byAccount.get(id) ?? []);
        },
        { cache: false },
      ),
      suspensionsByAccount: new DataLoader(
        async (ids) => {
          const byAccount = await suspensions.listForAccounts(ids);
          return ids.map((id) => byAccount.get(id) ?? []);
        },
        { cache: false },
      ),
      appealsByAccount: new DataLoader(
        async (ids) => {
          const byAccount = await appeals.listForAccounts(ids);
          return ids.map((id) => byAccount.get(id) ?? []);
        },
        { cache: false },
      ),
    };
    perContext.set(ctx, loaders);
  }
  return loaders;
}
