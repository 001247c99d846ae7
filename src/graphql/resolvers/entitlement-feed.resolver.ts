import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { EntitlementChangeMessage } from '../../services/feed/entitlement-hub';
import { ANY_ROLE, assertAccountAccess } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { refuse } from '../../errors';
import { EntitlementChange } from '../types/webhook.types';
import { encodeRevision } from '../../domain/revision';

function toDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

@Resolver()
export class EntitlementFeedResolver {
  /*
   * Over graphql-ws on /graphql. Roles and ownership are checked here, when the
   * subscription starts: a `user` only for its own account, like the queries.
   */
  @Authorized(ANY_ROLE)
  @Subscription(() => EntitlementChange, {
    description: 'entitlement.changed events of one account as they happen, from any server process (graphql-ws on /graphql).',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { accountId: string }, GraphQLContext>) => {
      if (!ANY_ROLE.some((role) => context.principal.roles.includes(role)))
        throw refuse('ROLE_NOT_ALLOWED', 'You are not allowed to do this');
      assertAccountAccess(context, args.accountId);
      return context.services.entitlementHub.subscribe(args.accountId);
    },
  })
  entitlementChanged(@Arg('accountId', () => ID) _accountId: string, @Root() message: EntitlementChangeMessage): EntitlementChange {
    const decidedAt = new Date(message.occurredAt);
    return {
      eventId: message.eventId,
      accountId: message.accountId,
      occurredAt: decidedAt,
      validUntil: toDate(message.data.validUntil),
      entitlements: message.data.changes.map((c) => ({
        accountId: message.accountId,
        use: c.use,
        allowed: c.allowed,
        reasons: c.reasons,
        policyVersion: c.policyVersion,
        decidedAt,
        validUntil: toDate(c.validUntil),
        // Computed by the worker from records read in its own transaction: current as of the event.
        stale: false,
        recordsAsOf: decidedAt,
        revision: message.data.revision ?? encodeRevision(0),
      })),
    };
  }
}
