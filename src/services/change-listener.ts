import { Client, ClientConfig, Notification } from 'pg';
import type { Logger } from '../logger';

export interface ChangeListenerHandlers {
  /** A NOTIFY arrived on a channel. */
  onNotification(channel: string, payload: string): void;
  /** The connection dropped: notifications may be lost from now until onConnected. */
  onDisconnected(): void;
  /** LISTEN is in place (first time or after a reconnect). */
  onConnected(): void;
}

const MAX_BACKOFF_MS = 5000;

/**
 * One dedicated connection that LISTENs for changes committed by any process.
 * It reconnects by itself; while it is down the handlers are told, so caches
 * can stop trusting themselves instead of serving stale answers.
 */
export class ChangeListener {
  private client: Client | null = null;
  private stopped = false;
  private backoffMs = 100;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private connected = false;

  constructor(
    private readonly clientConfig: ClientConfig,
    private readonly channels: string[],
    private readonly handlers: ChangeListenerHandlers,
    private readonly logger: Logger,
  ) {}

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

  /** For tests: drops the connection as a network failure would. */
  simulateDisconnect(): void {
    const client = this.client;
    if (client) (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  }

  private async connect(): Promise<void> {
    const client = new Client({ ...this.clientConfig, application_name: 'entitlement-api-listener', keepAlive: true });
    // Without an error handler a dropped connection would crash the process.
    client.on('error', (error) => this.handleDrop(client, error));
    client.on('end', () => this.handleDrop(client));
    client.on('notification', (n: Notification) => this.handlers.onNotification(n.channel, n.payload ?? ''));
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn({ err: error }, 'change listener could not connect; retrying');
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
    this.handlers.onConnected();
  }

  private handleDrop(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.connected = false;
    this.handlers.onDisconnected();
    if (this.stopped) return;
    this.logger.warn({ err: error }, 'change listener connection lost; reconnecting');
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
