import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { isSuspensionActive } from '../../domain/activity';
import { AccountStatus, Role } from '../../domain/enums';
import type { AccountEntity, AppealEntity, AuthorizationEntity, SuspensionEntity } from '../../entities';
import { assertAccountAccess } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { actorOf } from '../context';
import { enforcementLoaders } from '../enforcement-loaders';
import { Account } from '../types/account.types';
import { Appeal, Authorization, Suspension } from '../types/enforcement.types';

/** The Account fields that enforcement owns, and the admin's government-status verification. */
@Resolver(() => Account)
export class AccountEnforcementResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => Account, { description: 'Records an admin finding on 9(k); it overrides the self-declaration until changed.' })
  verifyGovernmentStatus(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('governmentEntity', () => Boolean) governmentEntity: boolean,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountEntity> {
    return ctx.services.governmentStatus.verify(actorOf(ctx), accountId, governmentEntity, note);
  }

  @FieldResolver(() => AccountStatus, { description: 'SUSPENDED exactly when a suspension is in force now.' })
  async status(@Root() account: Pick<AccountEntity, 'id'>, @Ctx() ctx: GraphQLContext): Promise<AccountStatus> {
    assertAccountAccess(ctx, account.id);
    const suspensions = await enforcementLoaders(ctx).suspensionsByAccount.load(account.id);
    const now = ctx.services.clock.now();
    return suspensions.some((s) => isSuspensionActive(s, now)) ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE;
  }

  @FieldResolver(() => [Authorization], { description: 'Every written authorization, revoked and expired ones included; newest first.' })
  authorizations(@Root() account: Pick<AccountEntity, 'id'>, @Ctx() ctx: GraphQLContext): Promise<AuthorizationEntity[]> {
    assertAccountAccess(ctx, account.id);
    return enforcementLoaders(ctx).authorizationsByAccount.load(account.id);
  }

  @FieldResolver(() => [Suspension], { description: 'Every suspension, past ones included; newest first.' })
  suspensions(@Root() account: Pick<AccountEntity, 'id'>, @Ctx() ctx: GraphQLContext): Promise<SuspensionEntity[]> {
    assertAccountAccess(ctx, account.id);
    return enforcementLoaders(ctx).suspensionsByAccount.load(account.id);
  }

  @FieldResolver(() => [Appeal], {
    description: "The account's appeals and their outcome, newest first: how its user follows a complaint.",
  })
  appeals(@Root() account: Pick<AccountEntity, 'id'>, @Ctx() ctx: GraphQLContext): Promise<AppealEntity[]> {
    assertAccountAccess(ctx, account.id);
    return enforcementLoaders(ctx).appealsByAccount.load(account.id);
  }
}
