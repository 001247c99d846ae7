import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import { STAFF } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { actorOf } from '../context';
import { ConnectionShape, DEFAULT_PAGE_SIZE, toConnection } from '../types/pagination';
import { AccountCluster, AccountSignalInput, LinkedAccount, LinkedAccountConnection } from '../types/signal.types';

/** Identifying signals and the links and clusters they make (9(n)). */
@Resolver()
export class SignalResolver {
  @Authorized(STAFF)
  @Mutation(() => Int, {
    description: 'Records identifying signals seen for an account; returns how many were new. Values are keyed-hashed before storage.',
  })
  recordAccountSignals(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('signals', () => [AccountSignalInput]) signals: AccountSignalInput[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    return ctx.services.signals.record(actorOf(ctx), accountId, signals);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [LinkedAccount], { description: 'Every other account sharing at least one signal of any kind with this one.' })
  linkedAccounts(@Arg('accountId', () => ID) accountId: string, @Ctx() ctx: GraphQLContext): Promise<LinkedAccount[]> {
    return ctx.services.signals.linked(accountId);
  }

  @Authorized(Role.ADMIN)
  @Query(() => LinkedAccountConnection, { description: 'linkedAccounts in pages, in the same order. first: 1 to 200.' })
  async linkedAccountsConnection(
    @Arg('accountId', () => ID) accountId: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<LinkedAccount>> {
    return toConnection(await ctx.services.signals.linkedPage(accountId, { first: first ?? DEFAULT_PAGE_SIZE, after }));
  }

  @Authorized(Role.ADMIN)
  @Query(() => [AccountCluster], {
    description:
      'Clusters with at least minSize (>= 2) accounts on plans without commercial use, most such accounts first; limit 1 to 500.',
  })
  freePlanClusters(
    @Ctx() ctx: GraphQLContext,
    @Arg('minSize', () => Int, { defaultValue: 3 }) minSize = 3,
    @Arg('limit', () => Int, { defaultValue: 50 }) limit = 50,
  ): Promise<AccountCluster[]> {
    return ctx.services.signals.freePlanClusters(minSize, limit);
  }
}
