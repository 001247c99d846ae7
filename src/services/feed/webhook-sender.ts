import { randomBytes } from 'node:crypto';
import dns, { LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { isPublicAddress } from '../../domain/change-feed';
import { Clock, systemClock } from '../../infrastructure/clock';

/** A new signing secret in the Standard Webhooks form: whsec_ + base64 of 24 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The webhook-signature header: one `v1,<sig>` per secret in use, space-separated (both during a rotation's overlap). */
export function signatureHeader(secrets: readonly string[], messageId: string, at: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' ');
}

export interface OutgoingWebhook {
  url: string;
  messageId: string;
  body: string;
  secrets: string[];
}

export interface SendResult {
  status: number | null;
  error: string | null;
  durationMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * Resolves a host name and, when only public addresses are allowed, refuses
 * if any address it resolves to is not public. The socket connects to the
 * address checked here, so a DNS answer that changes between the check and
 * the connection (rebinding) cannot reach an internal address.
 */
export function guardedLookup(publicOnly: boolean): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: any[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      if (publicOnly) {
        const blocked = addresses.find((a) => !isPublicAddress(a.address));
        if (blocked || addresses.length === 0) {
          return callback(Object.assign(new Error(`${hostname} resolves to an address that is not public`), { code: 'EADDRNOTPUBLIC' }));
        }
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  }) as LookupFunction;
}

/** Resolves a host name to every address it has now (for checks when an endpoint is saved). */
export async function resolveAll(hostname: string): Promise<string[]> {
  const found = await dns.promises.lookup(hostname, { all: true });
  return found.map((a) => a.address);
}

/** Posts one signed webhook; never throws: failures are results. */
export class WebhookSender {
  // Kept-alive connections: a reused socket goes to the address checked when it was opened.
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 50, timeout: 30_000 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 50, timeout: 30_000 }),
  };

  constructor(
    private readonly options: { timeoutMs: number; publicOnly: boolean },
    private readonly clock: Clock = systemClock(),
  ) {}

  /** Closes idle kept-alive connections (at shutdown). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  send(message: OutgoingWebhook, signal: AbortSignal): Promise<SendResult> {
    const started = performance.now();
    const at = this.clock.now();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'entitlement-api-webhooks/1',
      'webhook-id': message.messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signatureHeader(message.secrets, message.messageId, at, message.body),
    };
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const done = (status: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        resolve({ status, error, durationMs: Math.round(performance.now() - started) });
      };
      let url: URL;
      try {
        url = new URL(message.url);
      } catch {
        return done(null, 'invalid URL');
      }
      if (this.options.publicOnly) {
        const host = url.hostname.replace(/^\[|\]$/g, '');
        if (url.protocol !== 'https:') return done(null, 'only https is allowed');
        if (/^[\d.]+$|:/.test(host) && !isPublicAddress(host)) return done(null, 'the address is not public');
      }
      const secure = url.protocol === 'https:';
      const client = secure ? https : http;
      const req = client.request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(message.body) },
          lookup: guardedLookup(this.options.publicOnly),
          timeout: this.options.timeoutMs,
          signal,
          agent: secure ? this.agents.https : this.agents.http,
        },
        (res) => {
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BYTES) res.destroy();
          });
          res.on('end', () => done(res.statusCode ?? null, null));
          res.on('close', () => done(res.statusCode ?? null, null));
          res.on('error', () => done(res.statusCode ?? null, null));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no response within ${this.options.timeoutMs} ms`)));
      req.on('error', (error: NodeJS.ErrnoException) => done(null, describe(error)));
      req.end(message.body);
    });
  }
}

/** A short, safe description of a network failure for the admin's view. */
function describe(error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRNOTPUBLIC') return error.message;
  if (error.name === 'AbortError') return 'aborted';
  if (error.code) return `${error.code}`;
  return error.message.slice(0, 200);
}
