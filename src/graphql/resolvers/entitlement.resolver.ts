import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Use } from '../../domain/enums';
import { refuse } from '../../errors';
import { ANY_ROLE, assertAccountAccess, isStaff } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { Entitlement } from '../types/entitlement.types';

@Resolver()
export class EntitlementResolver {
  @Authorized(ANY_ROLE)
  @Query(() => Entitlement)
  entitlement(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('use', () => Use, { defaultValue: Use.PERSONAL }) use: Use,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() ctx: GraphQLContext,
  ): Entitlement | Promise<Entitlement> {
    assertAccountAccess(ctx, accountId);
    const when = at ?? ctx.services.clock.now();
    const cached = ctx.services.entitlements.decideFromCache([accountId], use, when);
    if (cached) {
      ctx.services.metrics.countDecisions(cached);
      return cached[0];
    }
    return ctx.services.entitlements.decide(accountId, use, when).then((decision) => {
      ctx.services.metrics.countDecisions([decision]);
      return decision;
    });
  }

  @Authorized(ANY_ROLE)
  @Query(() => [Entitlement], { description: 'Up to 1,000 accounts, answered in the order asked.' })
  entitlements(
    @Arg('accountIds', () => [ID]) accountIds: string[],
    @Arg('use', () => Use, { defaultValue: Use.PERSONAL }) use: Use,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Ctx() ctx: GraphQLContext,
  ): Entitlement[] | Promise<Entitlement[]> {
    if (!isStaff(ctx) && accountIds.some((id) => id !== ctx.principal.sub)) {
      throw refuse('NOT_OWN_ACCOUNT', 'You may only act on your own account');
    }
    const when = at ?? ctx.services.clock.now();
    const cached = ctx.services.entitlements.decideFromCache(accountIds, use, when);
    if (cached) {
      ctx.services.metrics.countDecisions(cached);
      return cached;
    }
    return ctx.services.entitlements.decideMany(accountIds, use, when).then((decisions) => {
      ctx.services.metrics.countDecisions(decisions);
      return decisions;
    });
  }
}
