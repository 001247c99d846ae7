import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { isAuthorizationActive } from '../../domain/activity';
import { Role } from '../../domain/enums';
import type { AuthorizationEntity } from '../../entities';
import type { GraphQLContext } from '../context';
import { actorOf } from '../context';
import { Authorization, GrantAuthorizationInput } from '../types/enforcement.types';

@Resolver(() => Authorization)
export class AuthorizationResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => Authorization, { description: 'Records a prior written authorization.' })
  grantAuthorization(
    @Arg('input', () => GrantAuthorizationInput) input: GrantAuthorizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthorizationEntity> {
    return ctx.services.authorizations.grant(actorOf(ctx), input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Authorization)
  revokeAuthorization(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuthorizationEntity> {
    return ctx.services.authorizations.revoke(actorOf(ctx), id, reason);
  }

  @FieldResolver(() => Boolean, { description: 'In force at the time of the query.' })
  active(@Root() authorization: AuthorizationEntity, @Ctx() ctx: GraphQLContext): boolean {
    return isAuthorizationActive(authorization, ctx.services.clock.now());
  }
}
