import { performance } from 'node:perf_hooks';
import { Client, ClientConfig } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { CatalogKind } from '../domain/enums';
import { CatalogEntryFact, ScreeningIndex, ScreeningResult } from '../domain/screening/screening-index';
import { ScreeningView } from '../domain/screening/screening-view';
import { badInput } from '../errors';
import type { Logger } from '../logger';
import { CATALOG_CHANGED_CHANNEL } from './catalog.service';

export const MAX_SCREEN_INPUT = 100_000;
const LOAD_PAGE = 10_000;
const MIN_RECONNECT_MS = 100;
const MAX_RECONNECT_MS = 10_000;

export interface ScreeningServiceOptions {
  lyricsMinWords: number;
  logger: Logger;
  /** Safety net behind LISTEN: how often the committed version is compared with ours. */
  pollIntervalMs?: number;
  /** Rebuild the base once the overlay holds this many changes, or this share of the base, whichever is more. */
  compactMin?: number;
  compactRatio?: number;
}

/**
 * Holds this process's screening index and follows the catalog: a LISTEN on
 * catalog_changed plus a version poll bring in the changes since the version
 * held (an overlay, cheap), and a background rebuild folds the overlay into
 * the base once it grows. Screening never touches the database. The input is
 * neither stored nor logged.
 */
export class ScreeningService {
  private view: ScreeningView | null = null;
  private running = false;
  /** Catch-ups and swaps run one at a time, in order. */
  private queue: Promise<void> = Promise.resolve();
  /** A catch-up queued but not yet started: later requests share it. */
  private pending: Promise<void> | null = null;
  private compaction: Promise<void> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private listener: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay = MIN_RECONNECT_MS;
  private readonly pollIntervalMs: number;
  private readonly compactMin: number;
  private readonly compactRatio: number;
  private readonly logger: Logger;

  constructor(private readonly dataSource: DataSource, private readonly options: ScreeningServiceOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.compactMin = options.compactMin ?? 10_000;
    this.compactRatio = options.compactRatio ?? 0.05;
    this.logger = options.logger.child({ component: 'screening' });
  }

  /** Screens an input against the catalog version this process holds. */
  screen(text: string): ScreeningResult {
    if (text.length > MAX_SCREEN_INPUT) throw badInput(`text must be at most ${MAX_SCREEN_INPUT} characters`, 'text');
    if (this.view === null) throw new Error('the screening index is not loaded: start() was not called');
    return this.view.screen(text);
  }

  /** What this process screens with, for health checks and tests. */
  get status(): { version: number | null; baseEntries: number; pendingChanges: number; rebuilding: boolean } {
    const view = this.view;
    return {
      version: view?.version ?? null,
      baseEntries: view?.baseSize ?? 0,
      pendingChanges: view?.pendingChanges ?? 0,
      rebuilding: this.compaction !== null,
    };
  }

  /** Builds the index (the server must not answer before it can screen), then follows changes. */
  async start(): Promise<void> {
    if (this.running) return;
    this.view = await this.loadFull();
    this.running = true;
    this.connectListener();
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = null;
    if (listener) await listener.end().catch(() => undefined);
    await this.queue;
    await this.compaction;
  }

  /**
   * Brings this process to the committed catalog version; resolves once it is
   * there (or the attempt failed and was logged; the poll retries).
   */
  refresh(): Promise<void> {
    if (!this.running) return Promise.resolve();
    this.pending ??= this.enqueue(() => {
      this.pending = null; // a request from now on may follow a commit this catch-up does not see
      return this.catchUp();
    });
    return this.pending;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task).catch((error) => {
      this.logger.warn({ err: error }, 'catalog refresh failed; retrying on the next poll');
    });
    this.queue = run;
    return run;
  }

  private async catchUp(): Promise<void> {
    const view = this.view;
    if (!this.running || view === null) return;
    const [{ version }] = await this.dataSource.query('SELECT version FROM catalog_state');
    if (Number(version) <= view.version) return;
    const started = performance.now();
    const next = await this.withSnapshot((q) => applyChangesSince(q, view));
    this.view = next;
    this.logger.debug({ version: next.version, pending: next.pendingChanges, ms: Math.round(performance.now() - started) }, 'catalog changes applied');
    this.maybeCompact();
  }

  /** Folds the overlay into a fresh base in the background; the current view keeps serving meanwhile. */
  private maybeCompact(): void {
    const view = this.view;
    if (!this.running || this.compaction || view === null) return;
    if (view.pendingChanges < Math.max(this.compactMin, view.baseSize * this.compactRatio)) return;
    this.compaction = (async () => {
      const fresh = await this.loadFull();
      await this.enqueue(async () => {
        if (!this.running) return;
        // Whatever committed while the base was built goes on top before the swap.
        this.view = await this.withSnapshot((q) => applyChangesSince(q, fresh));
      });
    })()
      .catch((error) => this.logger.warn({ err: error }, 'catalog rebuild failed'))
      .finally(() => {
        this.compaction = null;
      });
  }

  /** Reads the whole catalog in pages from one snapshot and builds a base index. */
  private async loadFull(): Promise<ScreeningView> {
    const started = performance.now();
    const { version, ids, kinds, texts } = await this.withSnapshot(async (q) => {
      const [{ version: v }] = await q.query('SELECT version FROM catalog_state');
      // Columns, not entity objects: a million rows stay a few compact arrays.
      const columns = { version: Number(v), ids: [] as string[], kinds: [] as CatalogKind[], texts: [] as string[] };
      for (let after = '0'; ;) {
        const page: Array<{ id: string; kind: CatalogKind; text: string }> = await q.query(
          'SELECT id, kind, text FROM catalog_entries WHERE id > $1 ORDER BY id LIMIT $2', [after, LOAD_PAGE],
        );
        for (const row of page) {
          columns.ids.push(row.id);
          columns.kinds.push(row.kind);
          columns.texts.push(row.text);
        }
        if (page.length < LOAD_PAGE) break;
        after = page[page.length - 1].id;
      }
      return columns;
    });
    const read = performance.now();
    const index = ScreeningIndex.build(factsOf(ids, kinds, texts), { lyricsMinWords: this.options.lyricsMinWords });
    this.logger.info(
      { version, entries: ids.length, indexed: index.size, readMs: Math.round(read - started), buildMs: Math.round(performance.now() - read) },
      'screening index built',
    );
    return ScreeningView.of(version, index, { lyricsMinWords: this.options.lyricsMinWords });
  }

  /** Runs reads in one REPEATABLE READ transaction, so the version and the rows agree. */
  private async withSnapshot<T>(work: (q: QueryRunner) => Promise<T>): Promise<T> {
    const q = this.dataSource.createQueryRunner();
    try {
      await q.connect();
      await q.startTransaction('REPEATABLE READ');
      const result = await work(q);
      await q.commitTransaction();
      return result;
    } finally {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      await q.release();
    }
  }

  private schedulePoll(): void {
    if (!this.running) return;
    this.pollTimer = setTimeout(() => {
      void this.refresh().then(() => this.schedulePoll());
    }, this.pollIntervalMs);
    this.pollTimer.unref();
  }

  /**
   * A dedicated connection for LISTEN. It needs its own error handler (a
   * dropped connection would otherwise crash the process) and reconnects with
   * backoff; notifications sent meanwhile are lost, so it catches up on connect.
   */
  private connectListener(): void {
    if (!this.running) return;
    const client = new Client(listenerConfig(this.dataSource));
    let failed = false;
    const fail = (error?: Error) => {
      if (failed) return;
      failed = true;
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      if (!this.running) return;
      this.logger.warn({ err: error, retryInMs: this.reconnectDelay }, 'catalog listener disconnected');
      this.reconnectTimer = setTimeout(() => this.connectListener(), this.reconnectDelay);
      this.reconnectTimer.unref();
      this.reconnectDelay = Math.min(this.reconnectDelay * 2, MAX_RECONNECT_MS);
    };
    client.on('error', fail);
    client.on('end', () => fail());
    client.on('notification', (message) => {
      if (message.channel === CATALOG_CHANGED_CHANNEL && Number(message.payload) > (this.view?.version ?? -1)) void this.refresh();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${CATALOG_CHANGED_CHANNEL}`))
      .then(() => {
        if (!this.running) {
          failed = true;
          return client.end();
        }
        this.listener = client;
        this.reconnectDelay = MIN_RECONNECT_MS;
        return this.refresh();
      })
      .catch(fail);
  }
}

/** Reads the changes committed after `view.version` (inside the caller's snapshot) and applies them. */
async function applyChangesSince(q: QueryRunner, view: ScreeningView): Promise<ScreeningView> {
  const [{ version }] = await q.query('SELECT version FROM catalog_state');
  if (Number(version) <= view.version) return view;
  const added: Array<{ id: string; kind: CatalogKind; text: string }> = await q.query(
    'SELECT id, kind, text FROM catalog_entries WHERE added_version > $1 ORDER BY id', [view.version],
  );
  const removed: Array<{ entry_id: string }> = await q.query(
    'SELECT entry_id FROM catalog_removals WHERE version > $1', [view.version],
  );
  return view.withChanges(Number(version), added, removed.map((r) => r.entry_id));
}

function* factsOf(ids: string[], kinds: CatalogKind[], texts: string[]): Generator<CatalogEntryFact> {
  for (let i = 0; i < ids.length; i++) {
    yield { id: ids[i], kind: kinds[i], text: texts[i] };
    texts[i] = ''; // the index keeps what it needs; let the text go
  }
}

/** The DataSource's own connection settings, for a client outside its pool. */
function listenerConfig(dataSource: DataSource): ClientConfig {
  const o = dataSource.options as PostgresConnectionOptions;
  const config: ClientConfig = {
    connectionString: o.url,
    host: o.host,
    port: o.port,
    user: o.username,
    password: o.password,
    database: o.database,
    ssl: o.ssl as ClientConfig['ssl'],
    application_name: 'entitlement-api-catalog-listener',
    connectionTimeoutMillis: 5000,
    keepAlive: true,
  };
  for (const key of Object.keys(config) as Array<keyof ClientConfig>) if (config[key] === undefined) delete config[key];
  return config;
}
