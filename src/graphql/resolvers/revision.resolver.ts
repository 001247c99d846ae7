import { Ctx, FieldResolver, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { Account } from '../types/account.types';
import { Appeal, Authorization, Report, Suspension } from '../types/enforcement.types';
import { PolicyVersion } from '../types/reference.types';

const DESCRIPTION =
  'Consistency token: every change committed up to this revision is reflected, this one included when a mutation returned it. Pass it as `atLeast` to `entitlement` or `entitlements` to read your own write on any server process.';

type Revisioned = abstract new (...args: never[]) => unknown;

/** `revision` on a type that a decision-changing mutation returns. */
function revisionResolverFor(type: Revisioned) {
  @Resolver(() => type)
  class RevisionResolver {
    // Resolved after the mutation committed, so the process's newest known revision includes it.
    @FieldResolver(() => String, { description: DESCRIPTION })
    revision(@Ctx() ctx: GraphQLContext): string {
      return ctx.services.revisions.latest();
    }
  }
  Object.defineProperty(RevisionResolver, 'name', { value: `${type.name}RevisionResolver` });
  return RevisionResolver;
}

/** The types returned by mutations that change what a decision depends on. */
export const revisionResolvers = [Account, Appeal, Authorization, PolicyVersion, Report, Suspension].map(revisionResolverFor);
