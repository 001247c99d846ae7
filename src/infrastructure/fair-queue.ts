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
 * A key's first work in a pass of the loop runs at once, as it would without
 * the queue: a principal sending one request at a time never waits for a
 * turn, and a request alone costs no more than before. Only a key's further
 * work in the same pass (a burst) is queued, and runs after the loop's I/O:
 *
 * Which runs next, as FQ-CoDel schedules network flows (RFC 8290): a key that
 * had nothing waiting goes ahead of keys with a backlog; keys with a backlog
 * take one turn each, round robin. So a request of a principal that keeps no
 * backlog waits for at most one request of each busy principal, never for
 * their backlog, and backlogged principals share what is left evenly. A key's
 * own work runs in the order it was pushed.
 */
export class FairQueue {
  /** Keys that had nothing waiting when their work came: served first, in arrival order. */
  private readonly fresh = new Map<string, Array<() => void>>();
  /** Keys with a backlog after their turn, round robin (a Map keeps insertion order: the first is next). */
  private readonly backlogged = new Map<string, Array<() => void>>();
  /** Keys that started work at once since the last pass: their next work this pass is queued. */
  private readonly startedThisPass = new Set<string>();
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
    if (queue === undefined && !this.startedThisPass.has(key)) {
      this.startedThisPass.add(key);
      this.schedule();
      this.run(work);
      return;
    }
    if (queue === undefined) this.fresh.set(key, [work]);
    else queue.push(work);
    this.waiting += 1;
    this.schedule();
  }

  private schedule(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      this.defer(this.drain);
    }
  }

  private run(work: () => void): void {
    try {
      work();
    } catch (error) {
      this.onError(error);
    }
  }

  private readonly drain = (): void => {
    // A new pass: every key may start its next work at once again (after its backlog, if it has one).
    this.startedThisPass.clear();
    for (let ran = 0; ran < this.quantum && this.waiting > 0; ran += 1) {
      const from = this.fresh.size > 0 ? this.fresh : this.backlogged;
      const [key, queue] = from.entries().next().value as [string, Array<() => void>];
      // This key's turn: to the back of the backlogged keys if it has more.
      from.delete(key);
      const work = queue.shift()!;
      if (queue.length > 0) this.backlogged.set(key, queue);
      this.waiting -= 1;
      this.run(work);
    }
    // Still scheduled while it runs: work pushed meanwhile joins this pass's rotation.
    if (this.waiting > 0) this.defer(this.drain);
    else this.scheduled = false;
  };
}
