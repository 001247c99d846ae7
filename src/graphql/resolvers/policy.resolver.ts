import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../domain/enums';
import type { AccountEntity, PolicyVersionEntity } from '../../entities';
import { ANY_ROLE, assertAccountAccess } from '../auth-checker';
import { actorOf } from '../context';
import type { GraphQLContext } from '../context';
import { forgetAccount } from '../loaders';
import { Account } from '../types/account.types';
import { PolicyVersionImpact, PublishPolicyVersionInput } from '../types/policy.types';
import { PolicyVersion } from '../types/reference.types';
import type { VersionImpact } from '../../services/policy/policy.service';

/** Publishing policy versions and accepting them. Reading them is in ReferenceResolver. */
@Resolver()
export class PolicyResolver {
  @Authorized(Role.ADMIN)
  @Mutation(() => PolicyVersion)
  publishPolicyVersion(
    @Arg('input', () => PublishPolicyVersionInput) input: PublishPolicyVersionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PolicyVersionEntity> {
    return ctx.services.policy.publish(actorOf(ctx), input);
  }

  @Authorized(ANY_ROLE)
  @Mutation(() => Account, {
    description:
      'Records an acceptance (scheduled versions too) with its time. Accepting a version already accepted ' +
      "changes nothing and is not an error. The account's own user, or staff.",
  })
  async acceptPolicy(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('version', () => String) version: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountEntity> {
    assertAccountAccess(ctx, accountId);
    const account = await ctx.services.policy.accept(actorOf(ctx), accountId, version);
    forgetAccount(ctx, account.id);
    return account;
  }

  @Authorized(Role.ADMIN)
  @Query(() => PolicyVersionImpact, { description: 'Previews a policy change: who has not accepted this version or a later one.' })
  policyVersionImpact(@Arg('version', () => String) version: string, @Ctx() ctx: GraphQLContext): Promise<VersionImpact> {
    return ctx.services.policy.impact(version);
  }
}
