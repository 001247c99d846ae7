import { performance } from 'node:perf_hooks';
import { DataSource, QueryRunner } from 'typeorm';
import { CatalogKind } from '../domain/enums';
import { characterCount } from '../domain/screening/catalog-entry-rules';
import { CatalogEntryFact, ScreeningIndex, ScreeningResult } from '../domain/screening/screening-index';
import { ScreeningView } from '../domain/screening/screening-view';
import { InputReason, badInput } from '../errors';
import type { Logger } from '../logger';
import { CATALOG_CHANGED_CHANNEL } from './catalog.service';
import { ChangeListener } from './change-listener';

export const MAX_SCREEN_INPUT = 100_000;
const LOAD_PAGE = 10_000;

export interface ScreeningServiceOptions {
  lyricsMinWords: number;
  logger: Logger;
  /** The process's change listener; this service subscribes, its owner starts and stops it. */
  changes: ChangeListener;
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
  private readonly pollIntervalMs: number;
  private readonly compactMin: number;
  private readonly compactRatio: number;
  private readonly logger: Logger;

  constructor(private readonly dataSource: DataSource, private readonly options: ScreeningServiceOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.compactMin = options.compactMin ?? 10_000;
    this.compactRatio = options.compactRatio ?? 0.05;
    this.logger = options.logger.child({ component: 'screening' });
    // Notifications sent while the connection is down are lost: catch up on every (re)connect.
    options.changes.subscribe(CATALOG_CHANGED_CHANNEL, {
      onNotification: (payload) => {
        if (Number(payload) > (this.view?.version ?? -1)) void this.refresh();
      },
      onConnected: () => void this.refresh(),
      // the version poll carries on while disconnected
    });
  }

  /** Screens an input against the catalog version this process holds. */
  screen(text: string): ScreeningResult {
    // Characters as elsewhere in the API (code points); the UTF-16 length is an upper bound, so most inputs skip the count.
    if (text.length > MAX_SCREEN_INPUT && characterCount(text) > MAX_SCREEN_INPUT) {
      throw badInput(`text must be at most ${MAX_SCREEN_INPUT} characters`, 'text', {}, InputReason.TEXT_TOO_LONG);
    }
    if (this.view === null) throw new Error('the screening index is not loaded: start() was not called');
    return this.view.screen(text);
  }

  /** What this process screens with, for health checks and tests. */
  get status(): { version: number | null; entries: number; baseEntries: number; pendingChanges: number; rebuilding: boolean } {
    const view = this.view;
    return {
      version: view?.version ?? null,
      entries: view?.size ?? 0,
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
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pollTimer) clearTimeout(this.pollTimer);
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
