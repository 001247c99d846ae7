import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { PrincipalQuotaView } from '../../services/quota/quota-admin.service';
import { FieldErrors } from '../../services/shared/field-errors';
import { ANY_ROLE } from '../auth-checker';
import { actorOf } from '../context';
import type { GraphQLContext } from '../context';
import { PrincipalQuota, QuotaSource, RateLimit, SetPrincipalQuotaInput } from '../types/quota.types';

function toPrincipalQuota(view: PrincipalQuotaView): PrincipalQuota {
  const { override } = view;
  return {
    principal: view.principal,
    source: view.budget.source as QuotaSource,
    limit: view.budget.limit.points,
    windowSeconds: view.budget.limit.windowS,
    remaining: view.remaining,
    resetAt: view.resetAt,
    override: override && {
      limit: override.points,
      windowSeconds: override.windowS,
      note: override.note,
      setBy: override.setBy,
      setAt: override.setAt,
    },
  };
}

@Resolver()
export class QuotaResolver {
  @Authorized(ANY_ROLE)
  @Query(() => RateLimit, {
    nullable: true,
    description: "The caller's request budget after this request (which it also spends); null when budgets are off.",
  })
  rateLimit(@Ctx() ctx: GraphQLContext): RateLimit | null {
    const answer = ctx.quota;
    if (answer === undefined) return null;
    return {
      cost: answer.requested,
      limit: answer.budget.limit.points,
      windowSeconds: answer.budget.limit.windowS,
      remaining: answer.remaining,
      resetAt: new Date(ctx.services.clock.nowMs() + answer.resetMs),
      policy: answer.budget.name,
    };
  }

  @Authorized(Role.ADMIN)
  @Query(() => PrincipalQuota, { description: "A principal's budget and what is left of it." })
  async principalQuota(@Arg('principal', () => String) principal: string, @Ctx() ctx: GraphQLContext): Promise<PrincipalQuota> {
    return toPrincipalQuota(await ctx.services.quotaAdmin.read(principal));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PrincipalQuota, { description: "Gives a principal a budget of its own in place of its role's or plan's (audited)." })
  async setPrincipalQuota(
    @Arg('input', () => SetPrincipalQuotaInput) input: SetPrincipalQuotaInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PrincipalQuota> {
    const problems = new FieldErrors();
    if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 1_000_000_000) {
      problems.add('limit', 'limit must be from 1 to 1,000,000,000 points');
    }
    if (!Number.isInteger(input.windowSeconds) || input.windowSeconds < 1 || input.windowSeconds > 86_400) {
      problems.add('windowSeconds', 'windowSeconds must be from 1 to 86,400');
    }
    if (input.note.trim().length === 0) problems.add('note', 'note is required');
    if (input.note.length > 500) problems.add('note', 'note must be at most 500 characters');
    problems.throwIfAny();
    const view = await ctx.services.quotaAdmin.set(actorOf(ctx), {
      principal: input.principal,
      points: input.limit,
      windowS: input.windowSeconds,
      note: input.note.trim(),
    });
    return toPrincipalQuota(view);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => PrincipalQuota, { description: "Gives a principal back its role's or plan's budget (audited when it had an override)." })
  async clearPrincipalQuota(@Arg('principal', () => String) principal: string, @Ctx() ctx: GraphQLContext): Promise<PrincipalQuota> {
    return toPrincipalQuota(await ctx.services.quotaAdmin.clear(actorOf(ctx), principal));
  }
}
