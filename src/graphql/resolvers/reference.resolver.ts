import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
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
  @Query(() => [Industry], {
    description:
      'NAICS 2017 industries for a typeahead: a code prefix, or words of the title (case- and accent-insensitive, ' +
      'typos tolerated), best matches first. first: 1 to 200.',
  })
  industries(
    @Arg('search', () => String) search: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number | null,
  ): Promise<Industry[]> {
    return ctx.services.reference.searchIndustries(search, first ?? 20);
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
