import { cancel, later, TimerHandle, WebSocketConstructor, WebSocketLike } from './platform';
import type { Entitlement, StreamStatus } from './types';

// The entitlementChanges subscription over graphql-transport-ws, kept by hand
// rather than through graphql-ws's client: every reconnect must subscribe with
// the latest cursor (graphql-ws retries with the first variables), a peer that
// stops answering must be dropped (a read timeout on pings), and close() must
// not wait for a connection that is still being attempted.

const PROTOCOL = 'graphql-transport-ws';
const TOKEN_EXPIRED = 4401;

export const ENTITLEMENT_FIELDS =
  'accountId use allowed reasons { code clause message remedy authorization } policyVersion decidedAt validUntil stale recordsAsOf revision';

const SUBSCRIPTION = `subscription($after: String) {
  entitlementChanges(after: $after) { eventId accountId occurredAt validUntil cursor entitlements { ${ENTITLEMENT_FIELDS} } }
}`;

export interface EntitlementChange {
  eventId: string;
  accountId: string;
  occurredAt: string;
  validUntil: string | null;
  cursor: string;
  entitlements: Entitlement[];
}

interface GraphQLErrorLike {
  message?: string;
  extensions?: { code?: string; reason?: string };
}

interface ExecutionResult {
  data?: { entitlementChanges?: EntitlementChange } | null;
  errors?: GraphQLErrorLike[];
}

export interface ChangeStreamOptions {
  url: string;
  webSocketImpl: WebSocketConstructor;
  token(): Promise<string>;
  /** Ping this often; a pong must come back within pongTimeoutMs or the socket is dropped. */
  pingIntervalMs: number;
  pongTimeoutMs: number;
  /** How long after subscribing before memory may answer (the protocol does not acknowledge a subscription). */
  settleMs: number;
  /** The connection must be acknowledged within this. */
  connectTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  onChange(change: EntitlementChange): void;
  /** History was lost (first start, a drop before any cursor, CURSOR_EXPIRED): what memory holds may be missing changes. */
  onReset(): void;
  /** The stream proved alive: live again, a pong, or a change. */
  onHeard(): void;
  onError(error: Error): void;
}

/** The subscription, reconnected from its last cursor until closed. */
export class ChangeStream {
  private socket: WebSocketLike | null = null;
  private cursor: string | null = null;
  private connected = false;
  private live = false;
  private closed = false;
  private attempt = 0;
  private resets = 0;
  private reconnects = 0;
  private subscriptionId = 0;
  private anchoredEpoch = -1;
  private timers: { ping?: TimerHandle; pong?: TimerHandle; settle?: TimerHandle; connect?: TimerHandle; retry?: TimerHandle } = {};
  private closedSocket: Promise<void> = Promise.resolve();
  private readonly liveWaiters = new Set<() => void>();
  /** Starts over each time history is lost; memory stored in an earlier epoch is dropped. */
  epoch = 0;

  constructor(private readonly options: ChangeStreamOptions) {}

  start(): void {
    this.connect();
  }

  status(): StreamStatus {
    return { connected: this.connected, live: this.live, cursor: this.cursor, resets: this.resets, reconnects: this.reconnects };
  }

  isLive(): boolean {
    return this.live;
  }

  /**
   * Whether a server answer fetched now can be kept: every later change to it
   * will reach this stream (it resumes from a cursor, or its live start has
   * settled in this epoch).
   */
  isAnchored(): boolean {
    return this.cursor !== null || this.anchoredEpoch === this.epoch;
  }

  /** Resolves when memory may answer (or the stream is closed). */
  whenLive(): Promise<void> {
    if (this.live || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.liveWaiters.add(resolve));
  }

  /** Ends the socket and every timer; resolves once the socket has closed. */
  close(): Promise<void> {
    if (this.closed) return this.closedSocket;
    this.closed = true;
    this.clearTimers();
    cancel(this.timers.retry);
    this.dropSocket(1000, 'client closed');
    this.setLive(false);
    for (const resolve of this.liveWaiters) resolve();
    this.liveWaiters.clear();
    // A socket that never finishes closing does not hold close() up for long.
    const closing = this.closedSocket;
    this.closedSocket = new Promise((resolve) => {
      const timer = later(resolve, 1000);
      void closing.then(() => {
        cancel(timer);
        resolve();
      });
    });
    return this.closedSocket;
  }

  private connect(): void {
    if (this.closed) return;
    let socket: WebSocketLike;
    try {
      socket = new this.options.webSocketImpl(this.options.url, PROTOCOL);
    } catch (error) {
      this.options.onError(asError(error));
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    let resolveClosed!: () => void;
    this.closedSocket = new Promise((resolve) => (resolveClosed = resolve));
    this.timers.connect = later(
      () => this.fail(socket, new Error('The stream was not acknowledged in time')),
      this.options.connectTimeoutMs,
    );
    socket.onopen = () => {
      this.options.token().then(
        (token) => this.send(socket, { type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }),
        (error) => this.fail(socket, asError(error)),
      );
    };
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onerror = () => undefined; // the close that follows says what happened
    socket.onclose = (event) => {
      resolveClosed();
      if (socket !== this.socket) return;
      // 4401: the token expired; reconnect at once with a fresh one and the last cursor.
      this.lost(
        event.code === TOKEN_EXPIRED ? 0 : undefined,
        new Error(`The stream closed (${event.code}${event.reason ? ` ${event.reason}` : ''})`),
      );
    };
  }

  private receive(socket: WebSocketLike, data: unknown): void {
    if (socket !== this.socket) return;
    let message: { type?: string; id?: string; payload?: unknown };
    try {
      message = JSON.parse(String(data));
    } catch {
      this.fail(socket, new Error('The stream sent something that is not JSON'));
      return;
    }
    switch (message.type) {
      case 'connection_ack':
        cancel(this.timers.connect);
        this.attempt = 0;
        this.connected = true;
        this.subscribe(socket);
        this.ping(socket);
        return;
      case 'ping':
        this.send(socket, { type: 'pong' });
        return;
      case 'pong':
        cancel(this.timers.pong);
        this.timers.pong = undefined;
        if (this.live) this.options.onHeard();
        return;
      case 'next':
        if (message.id === String(this.subscriptionId)) this.next(socket, message.payload as ExecutionResult | undefined);
        return;
      case 'error':
        if (message.id === String(this.subscriptionId)) this.refused(socket, message.payload as GraphQLErrorLike[] | undefined);
        return;
      case 'complete':
        // The server ended the subscription: start it again from where it was.
        if (message.id === String(this.subscriptionId)) this.subscribe(socket);
        return;
      default:
        return;
    }
  }

  private subscribe(socket: WebSocketLike): void {
    this.subscriptionId += 1;
    this.setLive(false);
    if (this.cursor === null) this.reset();
    this.send(socket, {
      id: String(this.subscriptionId),
      type: 'subscribe',
      payload: { query: SUBSCRIPTION, variables: { after: this.cursor } },
    });
    const epoch = this.epoch;
    cancel(this.timers.settle);
    this.timers.settle = later(() => {
      if (socket !== this.socket || this.epoch !== epoch) return;
      this.anchoredEpoch = epoch;
      this.setLive(true);
    }, this.options.settleMs);
  }

  private next(socket: WebSocketLike, payload: ExecutionResult | undefined): void {
    const change: EntitlementChange | undefined = payload?.data?.entitlementChanges;
    // A subscription refused when it starts comes as a result with errors only (then complete).
    if (!change && Array.isArray(payload?.errors)) {
      this.refused(socket, payload.errors);
      return;
    }
    if (!change || typeof change.cursor !== 'string') {
      this.options.onError(new Error(`The stream sent an error: ${JSON.stringify(payload?.errors ?? payload)}`));
      this.fail(socket, new Error('The stream sent a change without data'));
      return;
    }
    this.options.onChange(change);
    this.cursor = change.cursor;
  }

  /** A refused subscription: an expired or unknown cursor starts over live; anything else reconnects later. */
  private refused(socket: WebSocketLike, errors: GraphQLErrorLike[] | undefined): void {
    const reason = Array.isArray(errors) ? errors[0]?.extensions?.reason : undefined;
    if (reason === 'CURSOR_EXPIRED' || reason === 'INVALID_CURSOR') {
      this.cursor = null;
      this.subscribe(socket);
      return;
    }
    this.fail(socket, new Error(`The stream was refused: ${JSON.stringify(errors)}`));
  }

  /** History is lost: a new epoch, memory is dropped by the owner. */
  private reset(): void {
    this.epoch += 1;
    this.resets += 1;
    this.options.onReset();
  }

  private ping(socket: WebSocketLike): void {
    this.timers.ping = later(() => {
      if (socket !== this.socket) return;
      this.send(socket, { type: 'ping' });
      if (this.timers.pong === undefined) {
        // A read timeout: a socket that stops answering is dropped, and memory stops answering with it.
        this.timers.pong = later(() => this.fail(socket, new Error('The stream stopped answering pings')), this.options.pongTimeoutMs);
      }
      this.ping(socket);
    }, this.options.pingIntervalMs);
  }

  private send(socket: WebSocketLike, message: object): void {
    if (socket !== this.socket || socket.readyState !== 1) return;
    try {
      socket.send(JSON.stringify(message));
    } catch (error) {
      this.fail(socket, asError(error));
    }
  }

  private fail(socket: WebSocketLike, error: Error): void {
    if (socket !== this.socket) return;
    this.dropSocket(4499, 'dropped');
    this.lost(undefined, error);
  }

  private lost(delayMs: number | undefined, error: Error): void {
    this.socket = null;
    this.connected = false;
    this.clearTimers();
    this.setLive(false);
    if (this.closed) return;
    this.options.onError(error);
    this.reconnects += 1;
    this.scheduleReconnect(delayMs);
  }

  private scheduleReconnect(delayMs?: number): void {
    if (this.closed) return;
    const backoff = Math.min(this.options.reconnectMaxMs, this.options.reconnectMinMs * 2 ** this.attempt);
    this.attempt += 1;
    const wait = delayMs ?? backoff / 2 + Math.random() * (backoff / 2);
    cancel(this.timers.retry);
    this.timers.retry = later(() => this.connect(), wait);
  }

  private dropSocket(code: number, reason: string): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    try {
      // A peer that stopped answering would never finish a closing handshake.
      if (code !== 1000 && typeof socket.terminate === 'function') socket.terminate();
      else socket.close(code === 1000 ? 1000 : 4499, reason);
    } catch {
      // closing a socket that is still connecting may throw; it is gone either way
      socket.terminate?.();
    }
  }

  private clearTimers(): void {
    for (const key of ['ping', 'pong', 'settle', 'connect'] as const) {
      cancel(this.timers[key]);
      this.timers[key] = undefined;
    }
  }

  private setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    if (live) {
      this.options.onHeard();
      for (const resolve of this.liveWaiters) resolve();
      this.liveWaiters.clear();
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
