/**
 * Runs work in turns by key, a few at a time, so that one key with many
 * requests waiting cannot put them all ahead of another's.
 *
 * Why: Node answers the requests read in one pass of its event loop in the
 * order they arrived. A principal with sixteen connections sending at once
 * puts sixteen requests ahead of another principal's one, in every pass,
 * whatever its budget says (most of them are answered within it). Queued here
 * instead, each pass runs at most `quantum` requests and then lets the loop
 * read what arrived meanwhile.
 *
 * Which runs next, as FQ-CoDel schedules network flows (RFC 8290): a key that
 * had nothing waiting (a principal sending one request at a time) goes ahead
 * of keys with a backlog; keys with a backlog take one turn each, round
 * robin. So a request of a principal that keeps no backlog waits for at most
 * the pass under way, never for another's backlog, and backlogged principals
 * share what is left evenly. A key's own work runs in the order it was pushed.
 */
export class FairQueue {
  /** Keys that had nothing waiting when their work came: served first, in arrival order. */
  private readonly fresh = new Map<string, Array<() => void>>();
  /** Keys with a backlog after their turn, round robin (a Map keeps insertion order: the first is next). */
  private readonly backlogged = new Map<string, Array<() => void>>();
  private waiting = 0;
  private scheduled = false;

  constructor(
    /** The most work run in one pass before the loop reads new arrivals. */
    private readonly quantum: number,
    /** Reports work that threw (the queue goes on with the rest). */
    private readonly onError: (error: unknown) => void,
    /** After the event loop's I/O: Node's check phase (setImmediate). */
    private readonly defer: (fn: () => void) => void = setImmediate,
  ) {
    if (!Number.isInteger(quantum) || quantum < 1) throw new RangeError(`quantum must be a positive integer, got ${quantum}`);
  }

  /** Work waiting, every key. */
  get size(): number {
    return this.waiting;
  }

  push(key: string, work: () => void): void {
    const queue = this.fresh.get(key) ?? this.backlogged.get(key);
    if (queue === undefined) this.fresh.set(key, [work]);
    else queue.push(work);
    this.waiting += 1;
    if (!this.scheduled) {
      this.scheduled = true;
      this.defer(this.drain);
    }
  }

  private readonly drain = (): void => {
    for (let ran = 0; ran < this.quantum && this.waiting > 0; ran += 1) {
      const from = this.fresh.size > 0 ? this.fresh : this.backlogged;
      const [key, queue] = from.entries().next().value as [string, Array<() => void>];
      // This key's turn: to the back of the backlogged keys if it has more.
      from.delete(key);
      const work = queue.shift()!;
      if (queue.length > 0) this.backlogged.set(key, queue);
      this.waiting -= 1;
      try {
        work();
      } catch (error) {
        this.onError(error);
      }
    }
    // Still scheduled while it runs: work pushed meanwhile joins this pass's rotation.
    if (this.waiting > 0) this.defer(this.drain);
    else this.scheduled = false;
  };
}
