import { performance } from 'node:perf_hooks';
import { DataSource, QueryRunner } from 'typeorm';
import { characterCount } from '../../domain/screening/catalog-entry-rules';
import { MatchVerdict, ScreeningOverride } from '../../domain/enums';
import {
  CatalogEntryFact,
  CatalogRelation,
  ScreeningIndexBuilder,
  ScreeningIndexOptions,
  ScreeningResult,
} from '../../domain/screening/screening-index';
import { ScreeningView } from '../../domain/screening/screening-view';
import { suggestRewrite } from '../../domain/screening/suggestion';
import type { PromptVocabulary } from '../../domain/screening/descriptors';
import type { WordFrequency } from '../../domain/screening/word-frequency';
import { refuse } from '../../errors';
import type { Logger } from '../../logger';
import { CATALOG_CHANGED_CHANNEL } from './catalog.service';
import { ChangeListener } from '../../infrastructure/change-listener';
import { screeningVocabulary } from './screening-vocabulary';
import { subtlexWordFrequency } from './word-frequencies';

export const MAX_SCREEN_INPUT = 100_000;
/** Rows per FETCH from the load cursor: one round trip per 20,000 entries, never OFFSET. */
const LOAD_BATCH = 20_000;
/** Past this many blocked references a rewrite helps nobody; not offering one bounds the work a long input can cause. */
export const MAX_SUGGESTED_REFERENCES = 100;

/** What a process screens with: one catalog version's index and the descriptions of its entries that have one. */
interface Screening {
  view: ScreeningView;
  /** Entry id -> describeAs; only the (few) entries an admin described. Replaced, never changed in place. */
  described: ReadonlyMap<string, string>;
}

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
  /** Ordinary-language word frequencies (default: SUBTLEX-US). */
  wordFrequency?: WordFrequency;
  /** Descriptors and first names (default: data/music-descriptors.json and data/first-names.json). */
  vocabulary?: PromptVocabulary;
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
  /** Swapped together with `view`, in the same synchronous step. */
  private described: ReadonlyMap<string, string> = new Map();
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
  private readonly indexOptions: ScreeningIndexOptions;
  /** Relations changed since the base was built: the next catch-up rebuilds it. */
  private relationsStale = false;

  constructor(
    private readonly dataSource: DataSource,
    options: ScreeningServiceOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.compactMin = options.compactMin ?? 10_000;
    this.compactRatio = options.compactRatio ?? 0.05;
    this.logger = options.logger.child({ component: 'screening' });
    this.indexOptions = {
      lyricsMinWords: options.lyricsMinWords,
      wordFrequency: options.wordFrequency ?? subtlexWordFrequency(),
      vocabulary: options.vocabulary ?? screeningVocabulary(),
    };
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
      throw refuse('TEXT_TOO_LONG', `text must be at most ${MAX_SCREEN_INPUT} characters`, { field: 'text' });
    }
    // Never screen with a partial index: until the whole catalog is in, there is no answer (and /readyz says 503).
    if (this.view === null) throw new Error('the screening index is not loaded yet');
    return this.view.screen(text);
  }

  /**
   * A way forward for a blocked input: the input without its blocked
   * references and their cues, or with an entry's description in their place.
   * The rewrite is screened again; what would still be blocked (a description
   * that names an entry, words a removal brought together) is taken out once
   * more, without descriptions. Null when the input was allowed, nothing
   * usable is left, or it names more than {@link MAX_SUGGESTED_REFERENCES}
   * protected entries. No database access.
   *
   * @param text - The input as screened.
   * @param result - What {@link screen} answered for it.
   */
  suggest(text: string, result: ScreeningResult): string | null {
    const view = this.view;
    if (result.allowed || view === null) return null;
    const described = this.described;
    let current = text;
    let matches = result.matches;
    for (const lookup of [(id: string) => described.get(id), () => null]) {
      const blocked = matches.filter((m) => m.verdict === MatchVerdict.BLOCK);
      if (blocked.length > MAX_SUGGESTED_REFERENCES) return null;
      const next = suggestRewrite(current, blocked, lookup);
      if (next === null) return null;
      const again = view.screen(next);
      if (again.allowed) return next;
      current = next;
      matches = again.matches;
    }
    return null;
  }

  /** The texts of the entries a text names with a BLOCK verdict; null until the index is loaded. */
  blockedEntries(text: string): string[] | null {
    if (this.view === null) return null;
    return [
      ...new Set(
        this.view
          .screen(text)
          .matches.filter((m) => m.verdict === MatchVerdict.BLOCK)
          .map((m) => m.entryText),
      ),
    ];
  }

  /** True once the whole catalog is indexed; /readyz answers 503 until then. */
  get ready(): boolean {
    return this.view !== null;
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
    const loaded = await this.loadFull();
    this.swap(loaded);
    // A new install has no catalog: say so once, or every prompt passes unnoticed.
    if (loaded.view.size === 0) {
      this.logger.warn('screening catalog is empty: screenInput allows everything until entries are imported');
    }
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
    const next = await this.withSnapshot((q) => applyChangesSince(q, { view, described: this.described }));
    this.swap(next);
    if (next.relationsChanged) this.relationsStale = true;
    this.logger.debug(
      { version: next.view.version, pending: next.view.pendingChanges, ms: Math.round(performance.now() - started) },
      'catalog changes applied',
    );
    this.maybeCompact();
  }

  /** Folds the overlay into a fresh base in the background; the current view keeps serving meanwhile. */
  private maybeCompact(): void {
    const view = this.view;
    if (!this.running || this.compaction || view === null) return;
    if (!this.relationsStale && view.pendingChanges < Math.max(this.compactMin, view.baseSize * this.compactRatio)) return;
    this.relationsStale = false;
    this.compaction = (async () => {
      const fresh = await this.loadFull();
      await this.enqueue(async () => {
        if (!this.running) return;
        // Whatever committed while the base was built goes on top before the swap.
        const next = await this.withSnapshot((q) => applyChangesSince(q, fresh));
        this.swap(next);
        if (next.relationsChanged) this.relationsStale = true;
      });
    })()
      .catch((error) => this.logger.warn({ err: error }, 'catalog rebuild failed'))
      .finally(() => {
        this.compaction = null;
        // Relations that changed while this rebuild ran need one more.
        if (this.relationsStale) this.maybeCompact();
      });
  }

  private swap(next: Screening): void {
    this.view = next.view;
    this.described = next.described;
  }

  /**
   * Streams the whole catalog from one snapshot through a server-side cursor
   * into an index builder (no OFFSET pages, no copy of the catalog in memory),
   * then the relations. The entries' descriptions come with the same rows.
   */
  private async loadFull(): Promise<Screening> {
    const started = performance.now();
    const { version, index, entries, described } = await this.withSnapshot(async (q) => {
      const [{ version: v, entries: n }] = await q.query(
        'SELECT version, (SELECT count(*) FROM catalog_entries) AS entries FROM catalog_state',
      );
      const builder = new ScreeningIndexBuilder({ ...this.indexOptions, expectedEntries: Number(n) });
      let count = 0;
      const descriptions = new Map<string, string>();
      await q.query(
        `DECLARE catalog_load NO SCROLL CURSOR FOR
         SELECT id, kind, text, screening_override AS override, describe_as AS "describeAs" FROM catalog_entries`,
      );
      for (;;) {
        const rows: DescribedFact[] = await q.query(`FETCH FORWARD ${LOAD_BATCH} FROM catalog_load`);
        for (const row of rows) {
          builder.add(row);
          if (row.describeAs !== null) descriptions.set(row.id, row.describeAs);
        }
        count += rows.length;
        if (rows.length < LOAD_BATCH) break;
      }
      await q.query('CLOSE catalog_load');
      const relations: Array<{ a: string; b: string }> = await q.query('SELECT title AS a, artist AS b FROM catalog_relations');
      return { version: Number(v), index: builder.finish(relations as CatalogRelation[]), entries: count, described: descriptions };
    });
    this.logger.info(
      { version, entries, indexed: index.size, bytes: index.bytes, described: described.size, ms: Math.round(performance.now() - started) },
      'screening index built',
    );
    return { view: ScreeningView.of(version, index, this.indexOptions), described };
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

type DescribedFact = CatalogEntryFact & { describeAs: string | null };

/**
 * Reads the changes committed after `view.version` (inside the caller's
 * snapshot) and applies them: new entries, removed ones, entries whose
 * override changed (re-added with the new override), and descriptions that
 * changed (the index untouched).
 */
async function applyChangesSince(q: QueryRunner, current: Screening): Promise<Screening & { relationsChanged: boolean }> {
  const { view } = current;
  const [{ version }] = await q.query('SELECT version FROM catalog_state');
  if (Number(version) <= view.version) return { ...current, relationsChanged: false };
  const changed: Array<DescribedFact & { overridden: boolean }> = await q.query(
    `SELECT id, kind, text, screening_override AS override, describe_as AS "describeAs", added_version <= $1 AS overridden
     FROM catalog_entries WHERE added_version > $1 OR override_version > $1 ORDER BY id`,
    [view.version],
  );
  const redescribed: Array<{ id: string; describeAs: string | null }> = await q.query(
    'SELECT id, describe_as AS "describeAs" FROM catalog_entries WHERE describe_as_version > $1',
    [view.version],
  );
  const removed: Array<{ entry_id: string }> = await q.query('SELECT entry_id FROM catalog_removals WHERE version > $1', [view.version]);
  const [{ relations }] = await q.query('SELECT EXISTS (SELECT 1 FROM catalog_relations WHERE added_version > $1) AS relations', [
    view.version,
  ]);
  const removedIds = removed.map((r) => r.entry_id);
  for (const entry of changed) if (entry.overridden) removedIds.push(entry.id);
  const added = changed.map(({ id, kind, text, override }) => ({ id, kind, text, override: override as ScreeningOverride }));
  return {
    view: view.withChanges(Number(version), added, removedIds),
    described: describedAfter(
      current.described,
      [...changed, ...redescribed],
      removed.map((r) => r.entry_id),
    ),
    relationsChanged: Boolean(relations),
  };
}

/** The descriptions with the changed entries' values applied and the removed entries' dropped; the same map when nothing changed. */
function describedAfter(
  described: ReadonlyMap<string, string>,
  changed: ReadonlyArray<{ id: string; describeAs: string | null }>,
  removedIds: readonly string[],
): ReadonlyMap<string, string> {
  const differs = (e: { id: string; describeAs: string | null }) => (described.get(e.id) ?? null) !== e.describeAs;
  if (!removedIds.some((id) => described.has(id)) && !changed.some(differs)) return described;
  const next = new Map(described);
  for (const id of removedIds) next.delete(id);
  for (const { id, describeAs } of changed) {
    if (describeAs === null) next.delete(id);
    else next.set(id, describeAs);
  }
  return next;
}
