// One catalog version as a process screens it: a large base index built once,
// plus a small overlay for the changes committed since. Rebuilding the base
// costs seconds at a million entries; applying a change costs only the size of
// the overlay, so every process can follow the catalog within a second.
// Pure: no persistence, no I/O.

import { MatchVerdict } from '../enums';
import { CatalogEntryFact, ScreeningIndex, ScreeningIndexOptions, ScreeningMatch, ScreeningResult } from './screening-index';

function compareMatches(a: ScreeningMatch, b: ScreeningMatch): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.end !== b.end) return a.end - b.end;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}

/** Immutable: changes produce a new view, so readers never see a half-applied one. */
export class ScreeningView {
  private constructor(
    /** The catalog version this view reflects. */
    readonly version: number,
    private readonly base: ScreeningIndex,
    /** Entries added after the base was built, still present. */
    private readonly added: readonly CatalogEntryFact[],
    private readonly overlay: ScreeningIndex | null,
    /** Ids removed after the base was built; their base matches are dropped. */
    private readonly removed: ReadonlySet<string>,
    private readonly options: ScreeningIndexOptions,
  ) {}

  /**
   * A view with nothing but a freshly built base.
   *
   * @param version - Catalog version the base was read at.
   * @param base - Index of every entry at that version.
   * @param options - The options the base was built with; the overlay uses the same
   *   (relations only count inside the base: a relation to an entry added since waits for the next rebuild).
   */
  static of(version: number, base: ScreeningIndex, options: ScreeningIndexOptions = {}): ScreeningView {
    return new ScreeningView(version, base, [], null, new Set(), { ...options, relations: undefined });
  }

  /** Entries in the base index. */
  get baseSize(): number {
    return this.base.size;
  }

  /** Entries this view screens against: the base without its removed ids, plus the added ones. */
  get size(): number {
    return this.base.size - this.removed.size + this.added.length;
  }

  /** Changes held outside the base (added entries plus removed ids); a measure of when to rebuild. */
  get pendingChanges(): number {
    return this.added.length + this.removed.size;
  }

  /**
   * Applies the changes committed after this view's version.
   *
   * @param version - The catalog version the changes lead to.
   * @param added - Entries added since this view's version (ids never reused).
   * @param removedIds - Ids removed since this view's version.
   * @returns A new view; this one is unchanged and may still be in use.
   */
  withChanges(version: number, added: readonly CatalogEntryFact[], removedIds: readonly string[]): ScreeningView {
    if (added.length === 0 && removedIds.length === 0) {
      return new ScreeningView(version, this.base, this.added, this.overlay, this.removed, this.options);
    }
    const gone = new Set(removedIds);
    const kept = gone.size > 0 ? this.added.filter((e) => !gone.has(e.id)) : this.added;
    const nextAdded = added.length > 0 ? [...kept, ...added] : kept;
    const overlayChanged = nextAdded !== this.added;
    // Ids that were only ever in the overlay need no tombstone.
    const overlayIds = gone.size > 0 ? new Set(this.added.map((e) => e.id)) : null;
    let removed = this.removed;
    for (const id of gone) {
      if (overlayIds!.has(id) || removed.has(id)) continue;
      if (removed === this.removed) removed = new Set(this.removed);
      (removed as Set<string>).add(id);
    }
    const overlay = !overlayChanged ? this.overlay : nextAdded.length > 0 ? ScreeningIndex.build(nextAdded, this.options) : null;
    return new ScreeningView(version, this.base, nextAdded, overlay, removed, this.options);
  }

  /**
   * Screens one input against this catalog version.
   *
   * @param text - The input as given.
   * @returns Every match, as {@link ScreeningIndex.screen} reports them.
   */
  screen(text: string): ScreeningResult {
    const fromBase = this.base.screen(text);
    if (this.overlay === null && this.removed.size === 0) return fromBase;
    let matches = this.removed.size > 0 ? fromBase.matches.filter((m) => !this.removed.has(m.entryId)) : fromBase.matches;
    if (this.overlay !== null) {
      const fromOverlay = this.overlay.screen(text).matches;
      if (fromOverlay.length > 0) matches = [...matches, ...fromOverlay].sort(compareMatches);
    }
    return { allowed: !matches.some((m) => m.verdict === MatchVerdict.BLOCK), matches };
  }
}
