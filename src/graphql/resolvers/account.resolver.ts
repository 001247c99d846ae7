import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AccountStatus, Role } from '../../domain/enums';
import { isGovernmentEntity } from '../../domain/government';
import { latestVersion } from '../../domain/policy-schedule';
import { refuse, notFoundMessage } from '../../errors';
import type { AccountEntity, OrganizationEntity, PlanEntity } from '../../entities';
import { ANY_ROLE, STAFF, assertAccountAccess } from '../auth-checker';
import { actorOf } from '../context';
import type { GraphQLContext } from '../context';
import { forgetAccount, loadersOf } from '../loaders';
import { Account, AccountConnection, CreateAccountInput } from '../types/account.types';
import { ConnectionShape, DEFAULT_PAGE_SIZE, toConnection } from '../types/pagination';
import { Organization } from '../types/organization.types';
import { PolicyAcceptance } from '../types/policy.types';
import { Plan } from '../types/reference.types';

/** Accounts, their plans, and the onboarding facts shown on an account. */
@Resolver(() => Account)
export class AccountResolver {
  @Authorized(ANY_ROLE)
  @Query(() => Account, { nullable: true, description: 'Staff: any account. A user: only its own (FORBIDDEN otherwise).' })
  async account(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AccountEntity> {
    assertAccountAccess(ctx, id);
    // Through the loader, so that many account(id) fields in one request are one query, and so are their fields.
    const account = await loadersOf(ctx).account.load(id);
    if (!account) throw refuse('ACCOUNT_NOT_FOUND', notFoundMessage('Account', id));
    return account;
  }

  @Authorized(STAFF)
  @Query(() => AccountConnection, {
    description:
      'Newest first. search: an exact id, an email (exact or prefix), or part of the display name or the ' +
      "organization's legal name (3 characters or more), case- and accent-insensitive. first: 1 to 200.",
  })
  async accounts(
    @Ctx() ctx: GraphQLContext,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('status', () => AccountStatus, { nullable: true }) status?: AccountStatus | null,
    @Arg('planCode', () => String, { nullable: true }) planCode?: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConnectionShape<AccountEntity>> {
    return toConnection(
      await ctx.services.accountSearch.search({ search, status, planCode }, { first: first ?? DEFAULT_PAGE_SIZE, after }),
    );
  }

  @Authorized(ANY_ROLE)
  @Query(() => Account, { nullable: true, description: "The calling user's account; null for service and admin principals." })
  async me(@Ctx() ctx: GraphQLContext): Promise<AccountEntity | null> {
    if (!ctx.principal.roles.includes(Role.USER)) return null;
    return loadersOf(ctx).account.load(ctx.principal.sub);
  }

  @Authorized(STAFF)
  @Mutation(() => Account)
  createAccount(@Arg('input', () => CreateAccountInput) input: CreateAccountInput, @Ctx() ctx: GraphQLContext): Promise<AccountEntity> {
    return ctx.services.accounts.create(actorOf(ctx), input);
  }

  @Authorized(STAFF)
  @Mutation(() => Account)
  async changePlan(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('planCode', () => String) planCode: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AccountEntity> {
    const account = await ctx.services.accounts.changePlan(actorOf(ctx), accountId, planCode);
    forgetAccount(ctx, account.id);
    return account;
  }

  @FieldResolver(() => Plan)
  async plan(@Root() account: Account, @Ctx() ctx: GraphQLContext): Promise<PlanEntity> {
    const plan = await loadersOf(ctx).plan.load(account.planCode);
    // plan_code is a foreign key: a missing plan is a broken database, not a client error.
    if (!plan) throw new Error(`plan ${account.planCode} of account ${account.id} is missing`);
    return plan;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Null until the account declares one.' })
  organization(@Root() account: Account, @Ctx() ctx: GraphQLContext): Promise<OrganizationEntity | null> {
    return loadersOf(ctx).organization.load(account.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'A government entity under 9(k): the admin verification when there is one, else what the organization declares.',
  })
  async governmentEntity(@Root() account: Account, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    const organization = await loadersOf(ctx).organization.load(account.id);
    return isGovernmentEntity({
      governmentVerified: account.governmentVerified,
      organization: organization && {
        kind: organization.kind,
        industry: organization.industry ?? null,
        declaredSectors: organization.declaredSectors,
        performsPublicFunctions: organization.performsPublicFunctions,
      },
    });
  }

  @FieldResolver(() => String, { nullable: true, description: 'The latest version accepted (by effective date); null when none.' })
  async acceptedPolicyVersion(@Root() account: Account, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return latestVersion(await loadersOf(ctx).acceptances.load(account.id))?.version ?? null;
  }

  @FieldResolver(() => [PolicyAcceptance], { description: 'Every acceptance, newest first.' })
  policyAcceptances(@Root() account: Account, @Ctx() ctx: GraphQLContext): Promise<PolicyAcceptance[]> {
    return loadersOf(ctx).acceptances.load(account.id);
  }
}
