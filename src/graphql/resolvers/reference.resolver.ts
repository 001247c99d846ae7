import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { ANY_ROLE } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { Industry, Plan, PolicyClause, PolicyVersion } from '../types/reference.types';

@Resolver()
export class ReferenceResolver {
  @Authorized(ANY_ROLE)
  @Query(() => [Plan])
  plans(@Ctx() ctx: GraphQLContext): Promise<Plan[]> {
    return ctx.services.reference.listPlans();
  }

  @Authorized(ANY_ROLE)
  @Query(() => Industry, { nullable: true, description: 'A NAICS 2017 industry by code; null when there is none.' })
  industry(@Arg('code', () => String) code: string, @Ctx() ctx: GraphQLContext): Promise<Industry | null> {
    return ctx.services.reference.findIndustry(code.trim());
  }

  @Authorized(ANY_ROLE)
  @Query(() => [PolicyClause])
  policyClauses(@Ctx() ctx: GraphQLContext): Promise<PolicyClause[]> {
    return ctx.services.reference.listClauses();
  }

  @Authorized(ANY_ROLE)
  @Query(() => PolicyVersion, { description: 'The policy version in effect now.' })
  currentPolicy(@Ctx() ctx: GraphQLContext): Promise<PolicyVersion> {
    return ctx.services.policy.current();
  }

  @Authorized(ANY_ROLE)
  @Query(() => [PolicyVersion], { description: 'Every version, newest first, scheduled ones included.' })
  policyVersions(@Ctx() ctx: GraphQLContext): Promise<PolicyVersion[]> {
    return ctx.services.policy.listVersions();
  }
}
