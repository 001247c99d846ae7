import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AppealStatus, Role } from '../../domain/enums';
import type { AppealEntity } from '../../entities';
import { userAccountIdOf } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { actorOf } from '../context';
import { Appeal, AppealConnection, DecideAppealInput, FileAppealInput } from '../types/enforcement.types';
import { ConnectionShape, DEFAULT_PAGE_SIZE, toConnection } from '../types/pagination';

@Resolver(() => Appeal)
export class AppealResolver {
  // A user's complaint about its own suspension or one that blocks it (9(n)); not staff's.
  @Authorized(Role.USER)
  @Mutation(() => Appeal, { description: "Appeals an active suspension of the caller's own account." })
  fileAppeal(@Arg('input', () => FileAppealInput) input: FileAppealInput, @Ctx() ctx: GraphQLContext): Promise<AppealEntity> {
    return ctx.services.appeals.file(actorOf(ctx), input, userAccountIdOf(ctx));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Appeal, { description: 'Decided by an admin other than the one who imposed the suspension; OVERTURN lifts it.' })
  decideAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => DecideAppealInput) input: DecideAppealInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AppealEntity> {
    return ctx.services.appeals.decide(actorOf(ctx), id, input);
  }

  @Authorized(Role.ADMIN)
  @Query(() => [Appeal], { description: 'Oldest first.' })
  appeals(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => AppealStatus, { nullable: true }) status?: AppealStatus | null,
  ): Promise<AppealEntity[]> {
    return ctx.services.appeals.list(status ?? null);
  }

  @Authorized(Role.ADMIN)
  @Query(() => AppealConnection, { description: 'The appeal queue in pages, oldest first like appeals. first: 1 to 200.' })
  async appealsConnection(
    @Ctx() ctx: GraphQLContext,
    @Arg('status', () => AppealStatus, { nullable: true }) status?: AppealStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<AppealEntity>> {
    return toConnection(await ctx.services.appeals.page(status ?? null, { first: first ?? DEFAULT_PAGE_SIZE, after }));
  }
}
