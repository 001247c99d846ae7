import { Client, ClientConfig, Notification } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { Logger } from '../logger';

export interface ChannelSubscriber {
  /** A NOTIFY arrived on the channel. */
  onNotification(payload: string): void;
  /** The connection dropped: notifications may be lost from now until onConnected. */
  onDisconnected?(): void;
  /** LISTEN is in place (first time or after a reconnect): catch up on what may have been missed. */
  onConnected?(): void;
}

// Refused connections cost nothing; a short ceiling puts the cache back in
// trust (and degraded answers back to fresh) within a second of the database.
const MAX_BACKOFF_MS = 500;

/**
 * One dedicated connection per process that LISTENs for changes committed by
 * any process, on every channel a subscriber asked for. It reconnects by
 * itself; while it is down the subscribers are told, so caches can stop
 * trusting themselves instead of serving stale answers.
 */
export class ChangeListener {
  private client: Client | null = null;
  private stopped = false;
  private backoffMs = 100;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private connected = false;
  private retryLogged = false;
  private holdUntil = 0;

  private readonly subscribers = new Map<string, ChannelSubscriber[]>();

  constructor(
    private readonly clientConfig: ClientConfig,
    private readonly logger: Logger,
  ) {}

  /** Subscribe before start(); channel names are identifiers of this code base, never user input. */
  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), subscriber]);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }

  /** For tests: drops the connection as a network failure would, and stays away for holdMs. */
  simulateDisconnect(holdMs = 0): void {
    this.holdUntil = performance.now() + holdMs;
    const client = this.client;
    if (client) (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }

  /** For tests: ends a simulated outage at once. */
  endSimulatedOutage(): void {
    this.holdUntil = 0;
    if (this.stopped || !this.reconnectTimer) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({
      ...this.clientConfig,
      application_name: 'entitlement-api-listener',
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // Without an error handler a dropped connection would crash the process.
    client.on('error', (error) => this.handleDrop(client, error));
    client.on('end', () => this.handleDrop(client));
    client.on('notification', (n: Notification) => {
      for (const s of this.subscribers.get(n.channel) ?? []) s.onNotification(n.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.subscribers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      if (this.stopped) return;
      // Once per outage: retries come every half second.
      if (!this.retryLogged) this.logger.warn({ err: error }, 'change listener could not connect; retrying');
      this.retryLogged = true;
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.connected = true;
    this.backoffMs = 100;
    this.retryLogged = false;
    this.each((s) => s.onConnected?.());
  }

  private handleDrop(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.connected = false;
    this.each((s) => s.onDisconnected?.());
    if (this.stopped) return;
    this.logger.warn({ err: error }, 'change listener connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private each(fn: (s: ChannelSubscriber) => void): void {
    for (const list of this.subscribers.values()) for (const s of list) fn(s);
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = Math.max(this.backoffMs, this.holdUntil - performance.now());
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}

/** The DataSource's own connection settings, for a client outside its pool. */
export function listenerConfig(dataSource: DataSource): ClientConfig {
  const o = dataSource.options as PostgresConnectionOptions;
  const config: ClientConfig = {
    connectionString: o.url,
    host: o.host,
    port: o.port,
    user: o.username,
    password: o.password,
    database: o.database,
    ssl: o.ssl as ClientConfig['ssl'],
    connectionTimeoutMillis: 5000,
  };
  for (const key of Object.keys(config) as Array<keyof ClientConfig>) if (config[key] === undefined) delete config[key];
  return config;
}
