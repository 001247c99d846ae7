import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Use } from '../../domain/enums';
import { decodeRevision } from '../../domain/revision';
import { refuse } from '../../errors';
import type { EntitlementAnswer } from '../../services/entitlement/entitlement.service';
import { ANY_ROLE, assertAccountAccess, isStaff } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { Entitlement } from '../types/entitlement.types';

const ATLEAST =
  'A revision from a mutation or an earlier answer: the answer reflects at least that state, on any server process (from memory when this process has heard of it, otherwise from the database).';

@Resolver()
export class EntitlementResolver {
  @Authorized(ANY_ROLE)
  @Query(() => Entitlement)
  entitlement(
    @Arg('accountId', () => ID) accountId: string,
    @Arg('use', () => Use, { defaultValue: Use.PERSONAL }) use: Use,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Arg('atLeast', () => String, { nullable: true, description: ATLEAST }) atLeast: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Entitlement | Promise<Entitlement> {
    assertAccountAccess(ctx, accountId);
    return decide(ctx, [accountId], use, at, atLeast, first);
  }

  @Authorized(ANY_ROLE)
  @Query(() => [Entitlement], { description: 'Up to 1,000 accounts, answered in the order asked.' })
  entitlements(
    @Arg('accountIds', () => [ID]) accountIds: string[],
    @Arg('use', () => Use, { defaultValue: Use.PERSONAL }) use: Use,
    @Arg('at', () => Date, { nullable: true }) at: Date | null,
    @Arg('atLeast', () => String, { nullable: true, description: ATLEAST }) atLeast: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Entitlement[] | Promise<Entitlement[]> {
    if (!isStaff(ctx) && accountIds.some((id) => id !== ctx.principal.sub)) {
      throw refuse('NOT_OWN_ACCOUNT', 'You may only act on your own account');
    }
    return decide(ctx, accountIds, use, at, atLeast, all);
  }
}

const first = (answers: EntitlementAnswer[]): EntitlementAnswer => answers[0];
const all = (answers: EntitlementAnswer[]): EntitlementAnswer[] => answers;

/**
 * Both fields decide the same way and count once. Answers from memory come
 * back without a promise, and so does the field (no microtask on the warm path).
 */
function decide<T>(
  ctx: GraphQLContext,
  ids: string[],
  use: Use,
  at: Date | null,
  atLeast: string | null,
  pick: (answers: EntitlementAnswer[]) => T,
): T | Promise<T> {
  const { entitlements, metrics, clock } = ctx.services;
  const answers = entitlements.decide(ids, use, at ?? clock.now(), atLeast == null ? null : revisionOf(atLeast));
  if (Array.isArray(answers)) {
    metrics.countDecisions(answers);
    return pick(answers);
  }
  return answers.then((loaded) => {
    metrics.countDecisions(loaded);
    return pick(loaded);
  });
}

function revisionOf(token: string): number {
  const sequence = decodeRevision(token);
  if (sequence === null) throw refuse('INVALID_REVISION', 'atLeast is not a revision this service handed out', { field: 'atLeast' });
  return sequence;
}
