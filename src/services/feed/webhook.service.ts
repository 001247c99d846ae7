import { DataSource, EntityManager, In } from 'typeorm';
import { checkEndpointUrl, isPublicAddress, WEBHOOK_EVENT_TYPES, WebhookDeliveryStatus } from '../../domain/change-feed';
import { isUuid } from '../../domain/ids';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from '../../entities';
import { refuse, notFoundMessage } from '../../errors';
import { Actor } from '../shared/actor';
import type { JobQueue } from '../../infrastructure/job-queue';
import { newWebhookSecret, resolveAll } from './webhook-sender';
import { TransactionRunner } from '../../infrastructure/transaction-runner';
import { Clock, systemClock } from '../../infrastructure/clock';

export interface EndpointInput {
  url: string;
  events: string[];
  description?: string | null;
}

export interface EndpointPatch {
  url?: string | null;
  events?: string[] | null;
  description?: string | null;
  enabled?: boolean | null;
}

export interface DeliveryRow extends WebhookDeliveryEntity {
  messageId: string;
  eventType: string;
}

const MAX_DESCRIPTION = 500;
const MAX_PAGE = 100;
const MAX_OVERLAP_HOURS = 24 * 30;

/** What the audit log keeps of an endpoint: never its secrets. */
function auditView(e: WebhookEndpointEntity) {
  return {
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    previousSecretExpiresAt: e.previousSecretExpiresAt,
  };
}

/** Webhook endpoints and their deliveries, kept by admins. */
export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly options: { production: boolean },
    private readonly jobs: JobQueue,
    private readonly clock: Clock = systemClock(),
  ) {}

  async create(actor: Actor, input: EndpointInput): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    const url = await this.checkUrl(input.url);
    const eventTypes = checkEvents(input.events);
    const description = checkDescription(input.description ?? '');
    const secret = newWebhookSecret();
    return this.transactions.run(actor, async (uow) => {
      const repo = uow.manager.getRepository(WebhookEndpointEntity);
      const row = repo.create({
        url,
        eventTypes,
        description,
        enabled: true,
        secret,
        previousSecret: null,
        previousSecretExpiresAt: null,
        createdBy: actor.sub,
      });
      await repo.insert(row);
      const saved = await repo.findOneByOrFail({ id: row.id });
      uow.record({
        action: 'webhook.endpoint.create',
        targetType: 'WebhookEndpoint',
        targetId: saved.id,
        before: null,
        after: auditView(saved),
      });
      return { endpoint: saved, secret };
    });
  }

  async update(actor: Actor, id: string, patch: EndpointPatch): Promise<WebhookEndpointEntity> {
    const change: Partial<WebhookEndpointEntity> = {};
    if (patch.url != null) change.url = await this.checkUrl(patch.url);
    if (patch.events != null) change.eventTypes = checkEvents(patch.events);
    if (patch.description != null) change.description = checkDescription(patch.description);
    if (patch.enabled != null) change.enabled = patch.enabled;
    return this.transactions.run(actor, async (uow) => {
      const endpoint = await requireEndpoint(uow.manager, id);
      const before = auditView(endpoint);
      if (Object.keys(change).length === 0) return endpoint;
      await uow.manager.getRepository(WebhookEndpointEntity).update({ id: endpoint.id }, change);
      const saved = await uow.manager.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: endpoint.id });
      uow.record({ action: 'webhook.endpoint.update', targetType: 'WebhookEndpoint', targetId: saved.id, before, after: auditView(saved) });
      // Re-enabled: what waited while it was disabled goes out now, in order.
      if (saved.enabled && !endpoint.enabled) await this.jobs.deliver(uow.manager, [saved.id]);
      return saved;
    });
  }

  async delete(actor: Actor, id: string): Promise<boolean> {
    return this.transactions.run(actor, async (uow) => {
      const endpoint = await requireEndpoint(uow.manager, id);
      await uow.manager.getRepository(WebhookEndpointEntity).delete({ id: endpoint.id });
      uow.record({
        action: 'webhook.endpoint.delete',
        targetType: 'WebhookEndpoint',
        targetId: endpoint.id,
        before: auditView(endpoint),
        after: null,
      });
      return true;
    });
  }

  /**
   * A new secret, returned once. The old one keeps signing (a second
   * signature in webhook-signature) for overlapHours, so receivers can switch
   * without losing a message.
   */
  async rotateSecret(actor: Actor, id: string, overlapHours: number): Promise<{ endpoint: WebhookEndpointEntity; secret: string }> {
    if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_OVERLAP_HOURS) {
      throw refuse('LIMIT_OUT_OF_RANGE', `overlapHours must be a whole number from 0 to ${MAX_OVERLAP_HOURS}`, { field: 'overlapHours' });
    }
    const secret = newWebhookSecret();
    return this.transactions.run(actor, async (uow) => {
      const endpoint = await requireEndpoint(uow.manager, id);
      const before = auditView(endpoint);
      const overlapEnds = overlapHours > 0 ? new Date(this.clock.now().getTime() + overlapHours * 3_600_000) : null;
      const change = { secret, previousSecret: overlapEnds ? endpoint.secret : null, previousSecretExpiresAt: overlapEnds };
      await uow.manager.getRepository(WebhookEndpointEntity).update({ id: endpoint.id }, change);
      const saved = await uow.manager.getRepository(WebhookEndpointEntity).findOneByOrFail({ id: endpoint.id });
      uow.record({
        action: 'webhook.endpoint.rotate-secret',
        targetType: 'WebhookEndpoint',
        targetId: saved.id,
        before,
        after: auditView(saved),
      });
      return { endpoint: saved, secret };
    });
  }

  list(): Promise<WebhookEndpointEntity[]> {
    return this.dataSource.getRepository(WebhookEndpointEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Newest event first; `after` is the cursor of the last row of the previous page. */
  async deliveries(
    endpointId: string,
    status: WebhookDeliveryStatus | null,
    first: number,
    after: string | null,
  ): Promise<{ rows: DeliveryRow[]; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE)
      throw refuse('LIMIT_OUT_OF_RANGE', `first must be from 1 to ${MAX_PAGE}`, { field: 'first' });
    if (after !== null && !/^\d{1,18}$/.test(after))
      throw refuse('INVALID_CURSOR', 'after is not a cursor of this list', { field: 'after' });
    await requireEndpoint(this.dataSource.manager, endpointId);
    const rows = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin('d.event', 'e')
      .addSelect(['e.messageId', 'e.type'])
      .where('d.endpoint_id = :endpointId', { endpointId })
      .andWhere(status ? 'd.status = :status' : 'TRUE', { status })
      .andWhere(after ? 'd.event_id < :after' : 'TRUE', { after })
      .orderBy('d.event_id', 'DESC')
      .limit(first + 1)
      .getMany();
    const page = rows.slice(0, first).map((d) => Object.assign(d, { messageId: d.event!.messageId, eventType: d.event!.type }));
    return { rows: page, hasNextPage: rows.length > first };
  }

  async attemptsFor(deliveryIds: readonly string[]): Promise<Map<string, WebhookAttemptEntity[]>> {
    const byDelivery = new Map<string, WebhookAttemptEntity[]>(deliveryIds.map((id) => [id, []]));
    if (deliveryIds.length === 0) return byDelivery;
    const rows = await this.dataSource
      .getRepository(WebhookAttemptEntity)
      .find({ where: { deliveryId: In([...deliveryIds]) }, order: { id: 'ASC' } });
    for (const row of rows) byDelivery.get(row.deliveryId)?.push(row);
    return byDelivery;
  }

  /**
   * Sends an event again, with its original webhook-id, to one endpoint or to
   * every enabled endpoint subscribed to its type; a dead delivery gets a new
   * retry window.
   */
  async replay(actor: Actor, messageId: string, endpointId: string | null): Promise<DeliveryRow[]> {
    if (!isUuid(messageId)) throw refuse('WEBHOOK_EVENT_NOT_FOUND', notFoundMessage('WebhookEvent', messageId));
    return this.transactions.run(actor, async (uow) => {
      const m = uow.manager;
      const [event] = await m.query('SELECT id, type FROM webhook_events WHERE message_id = $1', [messageId]);
      if (!event) throw refuse('WEBHOOK_EVENT_NOT_FOUND', notFoundMessage('WebhookEvent', messageId));
      if (endpointId !== null) await requireEndpoint(m, endpointId);
      const rows: Array<{ id: string; endpoint_id: string }> = await m.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_id)
         SELECT ep.id, $1 FROM webhook_endpoints ep
          WHERE ($2::uuid IS NULL AND ep.enabled AND $3 = ANY (ep.event_types)) OR ep.id = $2::uuid
         ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO UPDATE
           SET status = 'PENDING', next_attempt_at = now(), first_attempt_at = NULL
         RETURNING id, endpoint_id`,
        [event.id, endpointId, event.type],
      );
      uow.record({
        action: 'webhook.event.replay',
        targetType: 'WebhookEvent',
        targetId: messageId,
        before: null,
        after: { endpointIds: rows.map((r) => r.endpoint_id) },
      });
      await this.jobs.deliver(m, [...new Set(rows.map((r) => r.endpoint_id))]);
      if (rows.length === 0) return [];
      const saved = await m
        .getRepository(WebhookDeliveryEntity)
        .find({ where: { id: In(rows.map((r) => r.id)) }, order: { endpointId: 'ASC' } });
      return saved.map((d) => Object.assign(d, { messageId, eventType: event.type as string }));
    });
  }

  /** The URL rules; in production a host name must resolve to public addresses only (checked again at each delivery). */
  private async checkUrl(raw: string): Promise<string> {
    const checked = checkEndpointUrl(raw ?? '', this.options.production);
    if (!checked.ok) throw refuse('WEBHOOK_URL_NOT_ALLOWED', `url: ${checked.reason}`, { field: 'url' });
    if (this.options.production) {
      let addresses: string[];
      try {
        addresses = await resolveAll(checked.url.hostname.replace(/^\[|\]$/g, ''));
      } catch {
        throw refuse('WEBHOOK_URL_NOT_ALLOWED', 'url: the host name does not resolve', { field: 'url' });
      }
      if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a)))
        throw refuse('WEBHOOK_URL_NOT_ALLOWED', 'url: the host resolves to an address that is not public', { field: 'url' });
    }
    return checked.url.toString();
  }
}

async function requireEndpoint(manager: EntityManager, id: string): Promise<WebhookEndpointEntity> {
  if (!isUuid(id)) throw refuse('WEBHOOK_ENDPOINT_NOT_FOUND', notFoundMessage('WebhookEndpoint', id));
  const found = await manager.getRepository(WebhookEndpointEntity).findOneBy({ id });
  if (!found) throw refuse('WEBHOOK_ENDPOINT_NOT_FOUND', notFoundMessage('WebhookEndpoint', id));
  return found;
}

function checkEvents(events: string[]): string[] {
  const unique = [...new Set(events ?? [])];
  if (unique.length === 0) throw refuse('NO_EVENT_TYPES', 'events: subscribe to at least one event type', { field: 'events' });
  const unknown = unique.filter((e) => !WEBHOOK_EVENT_TYPES.includes(e));
  if (unknown.length > 0) throw refuse('INVALID_VALUE', `events: unknown event type ${unknown.join(', ')}`, { field: 'events' });
  return unique.sort();
}

function checkDescription(raw: string): string {
  const description = raw.trim();
  if (description.length > MAX_DESCRIPTION)
    throw refuse('TEXT_TOO_LONG', `description: at most ${MAX_DESCRIPTION} characters`, { field: 'description' });
  return description;
}
