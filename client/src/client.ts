import { ChangeStream, ENTITLEMENT_FIELDS, EntitlementChange } from './change-stream';
import { afterThisTick, deadline, defaultFetch, defaultWebSocket, FetchLike, now, WebSocketConstructor } from './platform';
import { laterRevision, revisionPosition } from './revision';
import type { CheckOptions, CheckResult, DecisionReason, Entitlement, Fallback, StreamStatus, Use } from './types';

export interface EntitlementClientOptions {
  /** The GraphQL endpoint, e.g. `https://entitlements.example.com/graphql`. */
  url: string;
  /** The subscription endpoint; by default `url` with ws: or wss:. */
  wsUrl?: string;
  /** A service or admin token (the change stream is for those roles). */
  token?: string;
  /** Called for every request and (re)connection instead of `token`: return a current token. */
  getToken?: () => string | Promise<string>;
  /** The answer per use when the server cannot be reached. Default: deny. */
  fallback?: Fallback;
  /** Default: globalThis.WebSocket. In Node 20 pass the `ws` package's WebSocket. */
  webSocketImpl?: WebSocketConstructor;
  /** Default: globalThis.fetch. */
  fetchImpl?: FetchLike;
  /** false: no change stream, every check asks the server (batched). Default true. */
  stream?: boolean;
  /** A request that takes longer counts as unreachable. Default 2,000 ms. */
  requestTimeoutMs?: number;
  /** Ping the stream this often. Default 5,000 ms. */
  pingIntervalMs?: number;
  /** A ping unanswered for this long drops the stream (and memory stops answering). Default 3,000 ms. */
  pongTimeoutMs?: number;
  /** After (re)subscribing, memory answers only once this has passed. Default 500 ms. */
  settleMs?: number;
  /** Default 5,000 ms. */
  connectTimeoutMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Accounts held in memory; the oldest stored is dropped beyond this. Default 100,000. */
  maxAccounts?: number;
  /**
   * A server answer kept in memory is asked again after this long even if no
   * change came for it. Default 5 minutes. See client/README.md, "Limits".
   */
  maxAgeMs?: number;
  /** Background errors (stream drops, refused subscriptions); checks never throw them. */
  onError?: (error: Error) => void;
}

/** A refusal from the server (bad input, a token without the right role): not a reachability problem, so no fallback. */
export class EntitlementRequestError extends Error {
  override readonly name = 'EntitlementRequestError';
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly reason: string | undefined,
    readonly errors: readonly unknown[],
  ) {
    super(message);
  }
}

/** A change the stream applied to one account. */
export interface AccountChange {
  eventId: string;
  /** When the server decided it (ISO 8601). */
  occurredAt: string;
  cursor: string;
  uses: Use[];
}

/** Called with the change, or with nothing when memory was dropped (history lost). */
export type ChangeListener = (change?: AccountChange) => void;

export interface EntitlementClient {
  /** May `accountId` use the service this way now? From memory when it can be, otherwise from the server (batched per tick). */
  check(accountId: string, use?: Use, options?: CheckOptions): Promise<CheckResult>;
  /** The memory answer only, synchronously; undefined when memory cannot answer. */
  peek(accountId: string, use?: Use, options?: CheckOptions): CheckResult | undefined;
  /** Runs a mutation (or query) and notes its revision, so later checks read that write. */
  mutate<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Later checks reflect at least this revision (from a write made elsewhere). */
  noteRevision(revision: string): void;
  /** Called when the stream changes this account (with the change), or memory is dropped (without); returns the unsubscribe. */
  onChange(accountId: string, listener: ChangeListener): () => void;
  /** Resolves once memory may answer (the stream is live), or at close. */
  ready(): Promise<void>;
  status(): StreamStatus & { accounts: number; requests: number };
  /** Ends the stream, its socket and timers; pending checks still settle. */
  close(): Promise<void>;
}

interface Entry {
  allowed: boolean;
  reasons: readonly DecisionReason[];
  policyVersion: string;
  validUntil: string | null;
  validUntilMs: number;
  revision: string;
  position: number | null;
  /** Server answers are asked again after maxAgeMs; stream answers are what the server announced. */
  expiresAt: number;
}

interface Waiter {
  resolve(result: CheckResult): void;
  reject(error: Error): void;
}

interface Pending {
  waiters: Waiter[];
  /** A change for this account arrived while its answer was being fetched: the fetched answer may be older, so it is not kept. */
  overtaken: boolean;
}

const MAX_IDS_PER_REQUEST = 1000;
const QUERY = `query($ids: [ID!]!, $use: Use!, $atLeast: String) { entitlements(accountIds: $ids, use: $use, atLeast: $atLeast) { ${ENTITLEMENT_FIELDS} } }`;

/** An entitlement client: answers from memory kept current by the change stream, asks the server otherwise. */
export function createEntitlementClient(options: EntitlementClientOptions): EntitlementClient {
  return new Client(options);
}

class Client implements EntitlementClient {
  /** accountId -> use -> entry */
  private readonly memory = new Map<string, Map<Use, Entry>>();
  /** use + atLeast -> accountId -> pending */
  private batches = new Map<string, { use: Use; atLeast: string | null; ids: Map<string, Pending> }>();
  private readonly inFlight = new Map<string, Set<Pending>>();
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private flushScheduled = false;
  private minRevision: string | null = null;
  private closed = false;
  private requests = 0;
  private heardAt = '';
  private readonly stream: ChangeStream | null;
  private readonly fetchImpl: FetchLike;
  private readonly maxAgeMs: number;
  private readonly maxAccounts: number;
  private readonly requestTimeoutMs: number;
  private readonly onError: (error: Error) => void;

  constructor(private readonly options: EntitlementClientOptions) {
    const fetchImpl = options.fetchImpl ?? defaultFetch();
    if (!fetchImpl) throw new Error('No fetch: pass fetchImpl');
    if (options.token === undefined && options.getToken === undefined) throw new Error('Pass token or getToken');
    this.fetchImpl = fetchImpl;
    this.maxAgeMs = options.maxAgeMs ?? 300_000;
    this.maxAccounts = options.maxAccounts ?? 100_000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 2000;
    this.onError = options.onError ?? (() => undefined);
    if (options.stream === false) {
      this.stream = null;
      return;
    }
    const webSocketImpl = options.webSocketImpl ?? defaultWebSocket();
    if (!webSocketImpl) throw new Error('No WebSocket: pass webSocketImpl (in Node 20, the ws package), or stream: false');
    this.stream = new ChangeStream({
      url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
      webSocketImpl,
      token: () => this.token(),
      pingIntervalMs: options.pingIntervalMs ?? 5000,
      pongTimeoutMs: options.pongTimeoutMs ?? 3000,
      settleMs: options.settleMs ?? 500,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      reconnectMinMs: options.reconnectMinMs ?? 100,
      reconnectMaxMs: options.reconnectMaxMs ?? 5000,
      onChange: (change) => this.applyChange(change),
      onReset: () => this.dropMemory(),
      onHeard: () => {
        this.heardAt = new Date(now()).toISOString();
      },
      onError: (error) => this.onError(error),
    });
    this.stream.start();
  }

  check(accountId: string, use: Use = 'PERSONAL', options?: CheckOptions): Promise<CheckResult> {
    const remembered = this.peek(accountId, use, options);
    if (remembered) return Promise.resolve(remembered);
    if (this.closed) return Promise.reject(new Error('The entitlement client is closed'));
    const atLeast = options?.atLeast === undefined ? this.minRevision : laterRevision(this.minRevision, options.atLeast);
    return new Promise((resolve, reject) => this.enqueue(accountId, use, atLeast, { resolve, reject }));
  }

  peek(accountId: string, use: Use = 'PERSONAL', options?: CheckOptions): CheckResult | undefined {
    if (this.stream === null || !this.stream.isLive()) return undefined;
    const entry = this.memory.get(accountId)?.get(use);
    if (entry === undefined) return undefined;
    const t = now();
    if (t >= entry.validUntilMs || t >= entry.expiresAt) return undefined;
    const atLeast = options?.atLeast === undefined ? this.minRevision : laterRevision(this.minRevision, options.atLeast);
    if (atLeast !== null) {
      // Read-your-writes: only an entry known to reflect the write may answer.
      const wanted = revisionPosition(atLeast);
      if (wanted === null || entry.position === null || entry.position < wanted) return undefined;
    }
    return {
      accountId,
      use,
      allowed: entry.allowed,
      reasons: entry.reasons,
      source: 'memory',
      stale: false,
      recordsAsOf: this.heardAt,
      revision: entry.revision,
      validUntil: entry.validUntil,
      policyVersion: entry.policyVersion,
    };
  }

  async mutate<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const body = await this.post(query, variables);
    const revision = body.extensions?.revision;
    if (typeof revision === 'string') this.noteRevision(revision);
    if (body.errors?.length) throw refusal(body.errors);
    return body.data as T;
  }

  noteRevision(revision: string): void {
    this.minRevision = laterRevision(this.minRevision, revision);
  }

  onChange(accountId: string, listener: ChangeListener): () => void {
    let set = this.listeners.get(accountId);
    if (!set) this.listeners.set(accountId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(accountId) === set) this.listeners.delete(accountId);
    };
  }

  ready(): Promise<void> {
    return this.stream ? this.stream.whenLive() : Promise.resolve();
  }

  status(): StreamStatus & { accounts: number; requests: number } {
    const stream = this.stream?.status() ?? { connected: false, live: false, cursor: null, resets: 0, reconnects: 0 };
    return { ...stream, accounts: this.memory.size, requests: this.requests };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stream?.close();
    this.memory.clear();
  }

  // --- fetching ---

  private enqueue(accountId: string, use: Use, atLeast: string | null, waiter: Waiter): void {
    const key = `${use} ${atLeast ?? ''}`;
    let batch = this.batches.get(key);
    if (!batch) this.batches.set(key, (batch = { use, atLeast, ids: new Map() }));
    let pending = batch.ids.get(accountId);
    if (!pending) batch.ids.set(accountId, (pending = { waiters: [], overtaken: false }));
    pending.waiters.push(waiter);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      afterThisTick(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batches = this.batches;
    this.batches = new Map();
    for (const { use, atLeast, ids } of batches.values()) {
      const entries = [...ids];
      for (let i = 0; i < entries.length; i += MAX_IDS_PER_REQUEST) {
        void this.fetchBatch(use, atLeast, entries.slice(i, i + MAX_IDS_PER_REQUEST));
      }
    }
  }

  /** One `entitlements` request; never rejects (every waiter is settled). */
  private async fetchBatch(use: Use, atLeast: string | null, entries: Array<[string, Pending]>): Promise<void> {
    const epoch = this.stream?.epoch;
    const keepable = this.stream !== null && this.stream.isAnchored();
    for (const [accountId, pending] of entries) this.track(accountId, pending, true);
    try {
      let body: GraphQLBody;
      try {
        body = await this.post(QUERY, { ids: entries.map(([id]) => id), use, atLeast });
      } catch (error) {
        if (!(error instanceof EntitlementUnreachableError)) throw error;
        for (const [accountId, pending] of entries) settle(pending, this.fallback(accountId, use));
        return;
      }
      const answers = body.data?.entitlements as Entitlement[] | undefined;
      if (!answers) {
        const error = refusal(body.errors ?? []);
        if (entries.length > 1 && error.reason === 'ACCOUNT_NOT_FOUND') {
          // One bad id refuses the whole list: ask again in halves, so the others still get answers.
          const half = Math.ceil(entries.length / 2);
          await Promise.all([this.fetchBatch(use, atLeast, entries.slice(0, half)), this.fetchBatch(use, atLeast, entries.slice(half))]);
          return;
        }
        for (const [, pending] of entries) for (const w of pending.waiters) w.reject(error);
        return;
      }
      answers.forEach((answer, i) => {
        const pending = entries[i][1];
        if (keepable && !pending.overtaken && this.stream!.epoch === epoch && !answer.stale && !this.closed) this.store(answer, 'server');
        settle(pending, fromServer(answer));
      });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const [, pending] of entries) for (const w of pending.waiters) w.reject(failure);
    } finally {
      for (const [accountId, pending] of entries) this.track(accountId, pending, false);
    }
  }

  private track(accountId: string, pending: Pending, on: boolean): void {
    let set = this.inFlight.get(accountId);
    if (on) {
      if (!set) this.inFlight.set(accountId, (set = new Set()));
      set.add(pending);
    } else if (set) {
      set.delete(pending);
      if (set.size === 0) this.inFlight.delete(accountId);
    }
  }

  private async post(query: string, variables?: Record<string, unknown>): Promise<GraphQLBody> {
    this.requests += 1;
    let token: string;
    try {
      token = await this.token();
    } catch (error) {
      throw new EntitlementUnreachableError(`No token: ${String(error)}`);
    }
    const timeout = deadline(this.requestTimeoutMs);
    try {
      const response = await this.fetchImpl(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: timeout.signal,
      });
      const text = await response.text();
      let body: GraphQLBody;
      try {
        body = JSON.parse(text);
      } catch {
        throw new EntitlementUnreachableError(`HTTP ${response.status}: not a GraphQL answer`);
      }
      // A server that cannot answer (its database away, an internal error) counts as unreachable: fallback, not a refusal.
      const internal = body.errors?.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
      if (response.status >= 500 || (internal && !body.data)) throw new EntitlementUnreachableError(`HTTP ${response.status}`);
      return body;
    } catch (error) {
      if (error instanceof EntitlementUnreachableError) throw error;
      throw new EntitlementUnreachableError(String(error));
    } finally {
      timeout.done();
    }
  }

  private async token(): Promise<string> {
    return this.options.getToken ? await this.options.getToken() : this.options.token!;
  }

  private fallback(accountId: string, use: Use): CheckResult {
    const table = this.options.fallback;
    let allowed = false;
    if (typeof table === 'function') {
      try {
        allowed = table(accountId, use) === true;
      } catch {
        allowed = false;
      }
    } else if (table) {
      allowed = (table[use] ?? table.default) === true;
    }
    return {
      accountId,
      use,
      allowed,
      reasons: [],
      source: 'fallback',
      stale: true,
      recordsAsOf: null,
      revision: null,
      validUntil: null,
      policyVersion: null,
    };
  }

  // --- memory ---

  private store(answer: Entitlement, from: 'server' | 'stream'): void {
    let uses = this.memory.get(answer.accountId);
    if (!uses) {
      if (this.memory.size >= this.maxAccounts) this.memory.delete(this.memory.keys().next().value!);
      this.memory.set(answer.accountId, (uses = new Map()));
    }
    const validUntilMs = answer.validUntil === null ? Infinity : Date.parse(answer.validUntil);
    uses.set(answer.use, {
      allowed: answer.allowed,
      reasons: Object.freeze(answer.reasons.map((r) => Object.freeze({ ...r }))),
      policyVersion: answer.policyVersion,
      validUntil: answer.validUntil,
      validUntilMs: Number.isNaN(validUntilMs) ? 0 : validUntilMs,
      revision: answer.revision,
      position: revisionPosition(answer.revision),
      expiresAt: from === 'server' ? now() + this.maxAgeMs : Infinity,
    });
  }

  private applyChange(change: EntitlementChange): void {
    this.heardAt = new Date(now()).toISOString();
    for (const pending of this.inFlight.get(change.accountId) ?? []) pending.overtaken = true;
    const uses = this.memory.get(change.accountId);
    if (uses) {
      for (const answer of change.entitlements) {
        const held = uses.get(answer.use);
        const position = revisionPosition(answer.revision);
        if (held && (position === null || held.position === null || position < held.position)) {
          // Older than what a server answer gave: which is newer is unknown, so ask again.
          uses.delete(answer.use);
        } else {
          this.store(answer, 'stream');
        }
      }
    }
    this.notify(change.accountId, {
      eventId: change.eventId,
      occurredAt: change.occurredAt,
      cursor: change.cursor,
      uses: change.entitlements.map((e) => e.use),
    });
  }

  private dropMemory(): void {
    this.memory.clear();
    for (const set of this.inFlight.values()) for (const pending of set) pending.overtaken = true;
    for (const accountId of [...this.listeners.keys()]) this.notify(accountId);
  }

  private notify(accountId: string, change?: AccountChange): void {
    const set = this.listeners.get(accountId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(change);
      } catch (error) {
        this.onError(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string; [key: string]: unknown } }>;
  extensions?: { revision?: string; [key: string]: unknown };
}

/** The server could not be reached or could not answer (network, timeout, HTTP 5xx, an internal error). */
export class EntitlementUnreachableError extends Error {
  override readonly name = 'EntitlementUnreachableError';
}

function refusal(errors: NonNullable<GraphQLBody['errors']>): EntitlementRequestError {
  const first = errors[0];
  return new EntitlementRequestError(
    first?.message ?? 'The server refused the request',
    first?.extensions?.code,
    first?.extensions?.reason,
    errors,
  );
}

function settle(pending: Pending, result: CheckResult): void {
  for (const waiter of pending.waiters) waiter.resolve(result);
}

function fromServer(answer: Entitlement): CheckResult {
  return {
    accountId: answer.accountId,
    use: answer.use,
    allowed: answer.allowed,
    reasons: answer.reasons,
    source: 'server',
    stale: answer.stale,
    recordsAsOf: answer.recordsAsOf,
    revision: answer.revision,
    validUntil: answer.validUntil,
    policyVersion: answer.policyVersion,
  };
}
