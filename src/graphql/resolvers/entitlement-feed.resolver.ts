import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { encodeEntitlementCursor } from '../../services/feed/entitlement-cursor';
import type { EntitlementChangeMessage } from '../../services/feed/entitlement-hub';
import { ANY_ROLE, assertAccountAccess, STAFF } from '../auth-checker';
import type { GraphQLContext } from '../context';
import { refuse } from '../../errors';
import { EntitlementChange } from '../types/webhook.types';
import { encodeRevision } from '../../domain/revision';

function toDate(value: string | null | undefined): Date | null {
  return value ? new Date(value) : null;
}

function toChange(message: EntitlementChangeMessage): EntitlementChange {
  const decidedAt = new Date(message.occurredAt);
  return {
    eventId: message.eventId,
    cursor: encodeEntitlementCursor(message.seq),
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

const AFTER_DESCRIPTION =
  'The cursor of the last change received: first every change after it is replayed (kept ENTITLEMENT_CHANGES_RETENTION_H, 72 h by default), then the stream goes on live. Without it, live from now. An expired cursor is BAD_USER_INPUT CURSOR_EXPIRED: reload the entitlements and subscribe without one.';

@Resolver()
export class EntitlementFeedResolver {
  /*
   * Over graphql-ws on /graphql. Roles and ownership are checked here, when the
   * subscription starts: a `user` only for its own account, like the queries.
   */
  @Authorized(ANY_ROLE)
  @Subscription(() => EntitlementChange, {
    description:
      'entitlement.changed events of one account as they happen, from any server process (graphql-ws on /graphql); with `after`, replayed from that cursor first.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { accountId: string; after?: string | null }, GraphQLContext>) => {
      if (!ANY_ROLE.some((role) => context.principal.roles.includes(role)))
        throw refuse('ROLE_NOT_ALLOWED', 'You are not allowed to do this');
      assertAccountAccess(context, args.accountId);
      return context.services.entitlementHub.open({ accountId: args.accountId, after: args.after });
    },
  })
  entitlementChanged(
    @Arg('accountId', () => ID) _accountId: string,
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after: string | null,
    @Root() message: EntitlementChangeMessage,
  ): EntitlementChange {
    return toChange(message);
  }

  /*
   * Every account's changes, in commit order: for backends that keep all
   * entitlements in memory. Staff only: a `user` follows its own account above.
   */
  @Authorized(STAFF)
  @Subscription(() => EntitlementChange, {
    description:
      'entitlement.changed events of every account in commit order, each with its cursor (service and admin; graphql-ws on /graphql). With `after`, every change since that cursor is replayed first, then the stream goes on live with no gap and no duplicate. The subscription ends when the token expires (close code 4401): reconnect with a fresh token and the last cursor.',
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { after?: string | null }, GraphQLContext>) => {
      if (!STAFF.some((role) => context.principal.roles.includes(role))) throw refuse('ROLE_NOT_ALLOWED', 'You are not allowed to do this');
      return context.services.entitlementHub.open({ after: args.after });
    },
  })
  entitlementChanges(
    @Arg('after', () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after: string | null,
    @Root() message: EntitlementChangeMessage,
  ): EntitlementChange {
    return toChange(message);
  }
}
