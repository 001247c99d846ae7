import { DataSource } from 'typeorm';
import type { ChangeListener } from '../../infrastructure/change-listener';
import { ENTITLEMENT_CHANGED_CHANNEL } from './entitlement-feed';

/** One entitlement.changed event as subscribers receive it. */
export interface EntitlementChangeMessage {
  eventId: string;
  accountId: string;
  occurredAt: Date;
  /** revision: the state the decisions were computed from (absent on events written before revisions existed). */
  data: { accountId: string; changes: any[]; validUntil: string | null; revision?: string };
}

type Sink = (message: EntitlementChangeMessage) => void;

const MAX_QUEUED = 100;

/**
 * Fans entitlement.changed events out to this process's subscribers. Events
 * come from any process by NOTIFY (naming the account and event); the event
 * itself is read from the outbox, so subscribers and webhooks see the same one.
 */
export class EntitlementHub {
  private readonly sinks = new Map<string, Set<Sink>>();

  constructor(
    private readonly dataSource: DataSource,
    listener: ChangeListener,
  ) {
    listener.subscribe(ENTITLEMENT_CHANGED_CHANNEL, { onNotification: (payload) => void this.deliver(payload) });
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.sinks.values()) n += set.size;
    return n;
  }

  private async deliver(payload: string): Promise<void> {
    const [accountId, eventId] = payload.split(':');
    const sinks = this.sinks.get(accountId);
    if (!sinks || sinks.size === 0 || !/^\d+$/.test(eventId ?? '')) return;
    try {
      const [row] = await this.dataSource.query('SELECT message_id, account_id, occurred_at, payload FROM webhook_events WHERE id = $1', [
        eventId,
      ]);
      if (!row) return;
      const message: EntitlementChangeMessage = {
        eventId: row.message_id,
        accountId: row.account_id,
        occurredAt: row.occurred_at,
        data: row.payload,
      };
      for (const sink of sinks) sink(message);
    } catch {
      // A failed read loses one push; the subscriber can always query entitlement.
    }
  }

  /** The events of one account from now on, until the iterator is returned (the client unsubscribes). */
  subscribe(accountId: string): AsyncIterableIterator<EntitlementChangeMessage> {
    const key = accountId.toLowerCase();
    const queue: EntitlementChangeMessage[] = [];
    let waiting: ((r: IteratorResult<EntitlementChangeMessage>) => void) | null = null;
    let closed = false;
    const sink: Sink = (m) => {
      if (waiting) {
        const w = waiting;
        waiting = null;
        w({ value: m, done: false });
      } else if (queue.length < MAX_QUEUED) queue.push(m);
    };
    const set = this.sinks.get(key) ?? new Set<Sink>();
    set.add(sink);
    this.sinks.set(key, set);
    const close = () => {
      closed = true;
      set.delete(sink);
      if (set.size === 0) this.sinks.delete(key);
      if (waiting) waiting({ value: undefined, done: true });
      waiting = null;
    };
    const iterator: AsyncIterableIterator<EntitlementChangeMessage> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
        if (closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          waiting = resolve;
        });
      },
      return: () => {
        close();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw: (error) => {
        close();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}
