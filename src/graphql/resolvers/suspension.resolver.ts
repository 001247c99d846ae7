import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { isSuspensionActive } from '../../domain/activity';
import { Role } from '../../domain/enums';
import type { SuspensionEntity } from '../../entities';
import type { GraphQLContext } from '../context';
import { actorOf } from '../context';
import { SuspendAccountInput, Suspension } from '../types/enforcement.types';

@Resolver(() => Suspension)
export class SuspensionResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => Suspension, { description: 'Suspends an account from now on, until endsAt or until lifted.' })
  suspendAccount(
    @Arg('input', () => SuspendAccountInput) input: SuspendAccountInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SuspensionEntity> {
    return ctx.services.suspensions.suspend(actorOf(ctx), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Suspension)
  liftSuspension(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SuspensionEntity> {
    return ctx.services.suspensions.lift(actorOf(ctx), id, reason);
  }

  @FieldResolver(() => Boolean, { description: 'In force at the time of the query.' })
  active(@Root() suspension: SuspensionEntity, @Ctx() ctx: GraphQLContext): boolean {
    return isSuspensionActive(suspension, ctx.services.clock.now());
  }
}
