import DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { WebhookDeliveryStatus } from '../../domain/change-feed';
import { Role } from '../../domain/enums';
import type { WebhookAttemptEntity, WebhookEndpointEntity } from '../../entities';
import type { DeliveryRow } from '../../services/feed/webhook.service';
import { actorOf } from '../context';
import type { GraphQLContext } from '../context';
import { decodeCursor, encodeCursor } from '../types/pagination';
import {
  CreateWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '../types/webhook.types';

/** A delivery row as the API shows it: the event by its public id. */
function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.messageId,
    eventType: row.eventType as never,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.status === WebhookDeliveryStatus.PENDING ? row.nextAttemptAt : null,
    firstAttemptAt: row.firstAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    lastResponseStatus: row.lastResponseStatus,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt,
    createdAt: row.createdAt,
  };
}

@Resolver()
export class WebhookResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [WebhookEndpoint])
  webhookEndpoints(@Ctx() ctx: GraphQLContext): Promise<WebhookEndpointEntity[]> {
    return ctx.services.webhooks.list();
  }

  @Authorized(Role.ADMIN)
  @Query(() => WebhookDeliveryConnection)
  async webhookDeliveries(
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true }) status: WebhookDeliveryStatus | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookDeliveryConnection> {
    // Omitted nullable arguments arrive as undefined. The cursor is the event id (newest first).
    const position = after == null ? null : String(decodeCursor(after, ['number'])[0]);
    const { rows, hasNextPage } = await ctx.services.webhooks.deliveries(endpointId, status ?? null, first, position);
    const edges = rows.map((row) => ({ cursor: encodeCursor([String(row.eventId)]), node: toDelivery(row) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null } };
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookEndpointWithSecret, { description: 'Creates an endpoint; its signing secret is in the answer, and only there.' })
  createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.webhooks.create(actorOf(ctx), { url: input.url, events: input.events, description: input.description });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookEndpoint)
  updateWebhookEndpoint(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookEndpointEntity> {
    return ctx.services.webhooks.update(actorOf(ctx), id, input);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookEndpoint, { description: 'Stops sending to an endpoint (updateWebhookEndpoint with enabled: true resumes).' })
  disableWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<WebhookEndpointEntity> {
    return ctx.services.webhooks.update(actorOf(ctx), id, { enabled: false });
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => Boolean, { description: 'Deletes an endpoint and its delivery history.' })
  deleteWebhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.services.webhooks.delete(actorOf(ctx), id);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => WebhookEndpointWithSecret, { description: 'A new secret, shown once; the old one also signs for overlapHours.' })
  rotateWebhookSecret(
    @Arg('id', () => ID) id: string,
    @Arg('overlapHours', () => Int, { defaultValue: 24 }) overlapHours: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.webhooks.rotateSecret(actorOf(ctx), id, overlapHours);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => [WebhookDelivery], {
    description: 'Sends an event again with its original webhook-id: to one endpoint, or to every enabled endpoint subscribed to its type.',
  })
  async replayWebhookEvent(
    @Arg('eventId', () => ID) eventId: string,
    @Arg('endpointId', () => ID, { nullable: true }) endpointId: string | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<WebhookDelivery[]> {
    return (await ctx.services.webhooks.replay(actorOf(ctx), eventId, endpointId ?? null)).map(toDelivery);
  }
}

// Per request: a page of deliveries reads its attempts in one query.
const attemptLoaders = new WeakMap<GraphQLContext, DataLoader<string, WebhookAttemptEntity[]>>();

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first.' })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: GraphQLContext): Promise<WebhookAttemptEntity[]> {
    let loader = attemptLoaders.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const byDelivery = await ctx.services.webhooks.attemptsFor(ids);
        return ids.map((id) => byDelivery.get(id) ?? []);
      });
      attemptLoaders.set(ctx, loader);
    }
    return loader.load(delivery.id);
  }
}
