import { DataSource } from 'typeorm';
import { refuse } from '../../errors';
import type { ChangeListener } from '../../infrastructure/change-listener';
import { Clock, systemClock } from '../../infrastructure/clock';
import type { Logger } from '../../logger';
import { decodeEntitlementCursor, invalidEntitlementCursor } from './entitlement-cursor';
import { ENTITLEMENT_CHANGED_CHANNEL } from './entitlement-feed';

/** One entitlement.changed event as subscribers receive it. */
export interface EntitlementChangeMessage {
  /** The outbox id: the event's position in commit order (its cursor). */
  seq: string;
  eventId: string;
  accountId: string;
  occurredAt: Date;
  /** revision: the state the decisions were computed from (absent on events written before revisions existed). */
  data: { accountId: string; changes: any[]; validUntil: string | null; revision?: string };
}

export interface EntitlementHubOptions {
  /** How far back a cursor may reach. */
  retentionMs: number;
  /** Undelivered events held per subscriber before it reads on from the outbox instead. */
  maxBuffered?: number;
  clock?: Clock;
  logger?: Logger;
}

interface Row {
  id: string | number;
  message_id: string;
  account_id: string;
  occurred_at: Date;
  payload: EntitlementChangeMessage['data'];
}

const PAGE = 500;
// Beyond this many undelivered events a subscriber reads on from the outbox instead of from memory.
const MAX_BUFFERED = 1000;
// A NOTIFY lost without the connection noticing is caught up with this late at worst.
const SAFETY_POLL_MS = 5000;
const RETRY_MS = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DONE: IteratorResult<EntitlementChangeMessage> = { value: undefined, done: true };
const COLUMNS = 'id, message_id, account_id, occurred_at, payload';

function toMessage(row: Row): EntitlementChangeMessage {
  return { seq: String(row.id), eventId: row.message_id, accountId: row.account_id, occurredAt: row.occurred_at, data: row.payload };
}

/**
 * Fans entitlement.changed events out to this process's subscribers, in
 * commit order, without gaps. The outbox is the source: outbox ids are taken
 * under a lock held to commit, so an id seen means every smaller one has
 * committed. NOTIFY (from any process) only wakes the hub, which reads every
 * event after the last one it read; a lost notification (the listener was
 * down) is caught up at the reconnect, or by the safety poll.
 *
 * A subscription with a cursor is registered first (collecting live events),
 * then replays from the outbox up to the newest event, then goes on with the
 * collected events after the last replayed one: nothing between is missed, and
 * nothing is sent twice. A subscriber too slow for MAX_BUFFERED reads on from
 * the outbox the same way.
 */
export class EntitlementHub {
  private readonly streams = new Set<ChangeStream>();
  /** The same streams by what they follow: every account (key null) or one. */
  private readonly following = new Map<string | null, Set<ChangeStream>>();
  private readonly clock: Clock;
  /** The last outbox id read; null until the first subscription. */
  private tail: bigint | null = null;
  private tailReady: Promise<void> | null = null;
  private pumping = false;
  private again = false;
  private poll: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    listener: ChangeListener,
    private readonly options: EntitlementHubOptions,
  ) {
    this.clock = options.clock ?? systemClock();
    listener.subscribe(ENTITLEMENT_CHANGED_CHANNEL, { onNotification: () => this.wake(), onConnected: () => this.wake() });
  }

  get subscriberCount(): number {
    return this.streams.size;
  }

  /** The last outbox id read and pushed to subscribers (null before the first subscription). */
  get position(): string | null {
    return this.tail === null ? null : this.tail.toString();
  }

  /**
   * The events of every account (or of one) from now on, or after a cursor:
   * replayed from the outbox first. The cursor is checked before anything
   * starts: INVALID_CURSOR when it is not one, CURSOR_EXPIRED when its event
   * is older than the history kept.
   */
  async open(options: { accountId?: string; after?: string | null }): Promise<AsyncIterableIterator<EntitlementChangeMessage>> {
    const from = options.after === undefined || options.after === null ? null : await this.positionOf(options.after);
    await this.ensureTail();
    const accountId = options.accountId === undefined ? null : options.accountId.toLowerCase();
    // Registered in the same turn as the tail is read: every event the hub reads from here on reaches it.
    const stream = new ChangeStream(this, accountId, from ?? this.tail!, from !== null, this.options.maxBuffered ?? MAX_BUFFERED);
    this.streams.add(stream);
    const set = this.following.get(accountId) ?? new Set<ChangeStream>();
    set.add(stream);
    this.following.set(accountId, set);
    if (!this.poll) {
      this.poll = setInterval(() => this.wake(), SAFETY_POLL_MS);
      this.poll.unref();
    }
    return stream.iterator;
  }

  /** Events after an outbox id, oldest first, a page at a time. */
  async page(after: bigint, accountId: string | null): Promise<EntitlementChangeMessage[]> {
    if (accountId !== null && !UUID.test(accountId)) return [];
    const rows: Row[] =
      accountId === null
        ? await this.dataSource.query(
            `SELECT ${COLUMNS} FROM webhook_events WHERE type = 'entitlement.changed' AND id > $1 ORDER BY id LIMIT $2`,
            [after.toString(), PAGE],
          )
        : await this.dataSource.query(
            `SELECT ${COLUMNS} FROM webhook_events
              WHERE type = 'entitlement.changed' AND account_id = $3 AND id > $1 ORDER BY id LIMIT $2`,
            [after.toString(), PAGE, accountId],
          );
    return rows.map(toMessage);
  }

  static get pageSize(): number {
    return PAGE;
  }

  remove(stream: ChangeStream): void {
    this.streams.delete(stream);
    const set = this.following.get(stream.accountId);
    set?.delete(stream);
    if (set?.size === 0) this.following.delete(stream.accountId);
    if (this.streams.size === 0 && this.poll) {
      clearInterval(this.poll);
      this.poll = null;
    }
  }

  private async positionOf(cursor: string): Promise<bigint> {
    const id = decodeEntitlementCursor(cursor);
    const [row]: Array<{ type: string; occurred_at: Date }> = await this.dataSource.query(
      'SELECT type, occurred_at FROM webhook_events WHERE id = $1',
      [id.toString()],
    );
    if (row && row.type !== 'entitlement.changed') throw invalidEntitlementCursor();
    if (!row) {
      // Ids are only ever given out for events: one below the newest is an event since removed.
      const [{ max }] = await this.dataSource.query('SELECT coalesce(max(id), 0)::text AS max FROM webhook_events');
      if (id > BigInt(max)) throw invalidEntitlementCursor();
      throw cursorExpired(this.options.retentionMs);
    }
    if (row.occurred_at.getTime() < this.clock.now().getTime() - this.options.retentionMs) throw cursorExpired(this.options.retentionMs);
    return id;
  }

  private ensureTail(): Promise<void> {
    this.tailReady ??= this.newestId().then(
      (max) => {
        this.tail ??= max;
      },
      (error) => {
        this.tailReady = null;
        throw error;
      },
    );
    return this.tailReady;
  }

  private async newestId(): Promise<bigint> {
    const [{ max }] = await this.dataSource.query('SELECT coalesce(max(id), 0)::text AS max FROM webhook_events');
    return BigInt(max);
  }

  private wake(): void {
    if (this.tail === null) return; // nobody has subscribed yet
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.pump();
  }

  private async pump(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.catchUp();
      } while (this.again);
    } catch (error) {
      // The tail did not move: the next attempt reads the same events.
      this.options.logger?.warn({ err: error }, 'entitlement change hub could not read the outbox; retrying');
      if (!this.retry && this.streams.size > 0) {
        this.retry = setTimeout(() => {
          this.retry = null;
          this.wake();
        }, RETRY_MS);
        this.retry.unref();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      if (this.streams.size === 0) {
        // Nobody to read for: move the tail past what exists. Checked again after the
        // read, so a subscription that arrived meanwhile is not skipped over.
        const max = await this.newestId();
        if (this.streams.size === 0) {
          if (max > this.tail!) this.tail = max;
          return;
        }
      }
      const page = await this.page(this.tail!, null);
      for (const message of page) {
        this.tail = BigInt(message.seq);
        for (const stream of this.following.get(null) ?? []) stream.push(message);
        for (const stream of this.following.get(message.accountId) ?? []) stream.push(message);
      }
      if (page.length < PAGE) return;
    }
  }
}

function cursorExpired(retentionMs: number) {
  const hours = Math.round(retentionMs / 3_600_000);
  return refuse(
    'CURSOR_EXPIRED',
    `The cursor is older than the ${hours} h of entitlement changes kept: reload the entitlements (entitlement, entitlements), then subscribe without a cursor and keep the cursor of each change from then on`,
    { field: 'after' },
  );
}

/** One subscription: replays from the outbox when it must, then passes on what the hub pushes. */
class ChangeStream {
  readonly iterator: AsyncIterableIterator<EntitlementChangeMessage>;
  private buffer: EntitlementChangeMessage[] = [];
  private replayed: EntitlementChangeMessage[] = [];
  private closed = false;
  private wakeConsumer: (() => void) | null = null;
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly hub: EntitlementHub,
    readonly accountId: string | null,
    /** The last event passed on (or the position it starts after). */
    private lastId: bigint,
    private needReplay: boolean,
    private readonly maxBuffered: number,
  ) {
    const next = () => {
      const result = this.pending.then(() => this.produce());
      this.pending = result.catch(() => undefined);
      return result;
    };
    const iterator: AsyncIterableIterator<EntitlementChangeMessage> = {
      next,
      return: () => {
        this.close();
        return Promise.resolve(DONE);
      },
      throw: (error) => {
        this.close();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    this.iterator = iterator;
  }

  push(message: EntitlementChangeMessage): void {
    if (this.closed || (this.accountId !== null && message.accountId !== this.accountId)) return;
    if (this.buffer.length >= this.maxBuffered) {
      // Everything dropped here was read before the replay that follows: it is read again.
      this.buffer = [];
      this.needReplay = true;
    } else this.buffer.push(message);
    this.signal();
  }

  private async produce(): Promise<IteratorResult<EntitlementChangeMessage>> {
    for (;;) {
      if (this.closed) return DONE;
      const next = this.replayed.shift() ?? (this.needReplay ? undefined : this.buffer.shift());
      if (next) {
        const id = BigInt(next.seq);
        if (id <= this.lastId) continue; // already passed on (replayed, then pushed live too)
        this.lastId = id;
        return { value: next, done: false };
      }
      if (this.needReplay) {
        // Cleared before reading: an overflow while the page is read asks for another one.
        this.needReplay = false;
        let page: EntitlementChangeMessage[];
        try {
          page = await this.hub.page(this.lastId, this.accountId);
        } catch (error) {
          this.close();
          throw error;
        }
        if (page.length === EntitlementHub.pageSize) this.needReplay = true;
        this.replayed = page;
        continue;
      }
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
    }
  }

  private signal(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = null;
    wake?.();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.buffer = [];
    this.replayed = [];
    this.hub.remove(this);
    this.signal();
  }
}
