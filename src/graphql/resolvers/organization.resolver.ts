import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { AccountEntity } from '../../entities';
import { ANY_ROLE, assertAccountAccess } from '../auth-checker';
import { actorOf } from '../context';
import type { GraphQLContext } from '../context';
import { forgetAccount } from '../loaders';
import { Account } from '../types/account.types';
import { OrganizationInput } from '../types/organization.types';

@Resolver()
export class OrganizationResolver {
  @Authorized(ANY_ROLE)
  @Mutation(() => Account, {
    description: "Replaces the account's declaration; the audit log keeps every one. The account's own user, or staff.",
  })
  async declareOrganization(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('input', () => OrganizationInput) input: OrganizationInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountEntity> {
    assertAccountAccess(ctx, accountId);
    const account = await ctx.services.organizations.declare(actorOf(ctx), accountId, input);
    forgetAccount(ctx, account.id);
    return account;
  }
}
