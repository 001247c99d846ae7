import { encodeRevision } from '../domain/revision';

/**
 * How far this process knows the committed order of changes. `heard` is the
 * newest audit sequence whose change notifications have all been applied to
 * this process's caches (notifications arrive in commit order), so memory
 * reflects every change up to it; `committed` is the newest this process
 * wrote itself. Both only grow.
 */
export class Revisions {
  private heardUpTo = 0;
  private committedUpTo = 0;

  /** The caches have applied every change up to `sequence`. */
  heard(sequence: number): void {
    if (sequence > this.heardUpTo) this.heardUpTo = sequence;
  }

  /** This process committed `sequence`. */
  committed(sequence: number): void {
    if (sequence > this.committedUpTo) this.committedUpTo = sequence;
  }

  /** Up to where memory is current. */
  get heardSequence(): number {
    return this.heardUpTo;
  }

  /** Newest sequence known to be committed, whether heard or written here. */
  get latestSequence(): number {
    return Math.max(this.heardUpTo, this.committedUpTo);
  }

  /** The token of everything this process knows to be committed: what a mutation hands back. */
  latest(): string {
    return encodeRevision(this.latestSequence);
  }
}
