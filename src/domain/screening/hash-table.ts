// An open-addressing hash table from 64-bit keys to non-negative int32 values,
// in three typed arrays (12 bytes per slot). Built once, then read-only, so a
// catalog of ten million names costs about 20 bytes per name instead of the
// hundreds an object or a character automaton would. Pure.

import type { Hash64 } from './word-hash';

const MAX_LOAD = 0.8;
const TWO_32 = 4294967296;
export const ABSENT = -1;

export class HashTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private values: Int32Array;
  private count = 0;

  /** @param expected - Keys expected; the table grows past it if needed. */
  constructor(expected: number) {
    const capacity = capacityFor(expected);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.values = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.hi.byteLength + this.lo.byteLength + this.values.byteLength;
  }

  /** The value stored for a key, or {@link ABSENT}. */
  get(key: Hash64): number {
    const { hi, lo } = key;
    const capacity = this.values.length;
    // Any capacity, not only powers of two: the slot is the hash scaled to it ("fastrange").
    for (
      let slot = Math.floor((((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) * capacity) / TWO_32);
      ;
      slot = slot + 1 === capacity ? 0 : slot + 1
    ) {
      const slotLo = this.lo[slot];
      if (slotLo === lo && this.hi[slot] === hi) return this.values[slot];
      if (slotLo === 0 && this.hi[slot] === 0) return ABSENT;
    }
  }

  /** Stores a value for a key (replacing any) and returns the previous one, or {@link ABSENT}. */
  set(key: Hash64, value: number): number {
    if (this.count + 1 > this.values.length * MAX_LOAD) this.grow();
    const { hi, lo } = key;
    const capacity = this.values.length;
    // Any capacity, not only powers of two: the slot is the hash scaled to it ("fastrange").
    for (
      let slot = Math.floor((((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0) * capacity) / TWO_32);
      ;
      slot = slot + 1 === capacity ? 0 : slot + 1
    ) {
      const slotLo = this.lo[slot];
      const slotHi = this.hi[slot];
      if (slotLo === lo && slotHi === hi) {
        const previous = this.values[slot];
        this.values[slot] = value;
        return previous;
      }
      if (slotLo === 0 && slotHi === 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        this.values[slot] = value;
        this.count++;
        return ABSENT;
      }
    }
  }

  private grow(): void {
    const { hi, lo, values } = this;
    const capacity = Math.ceil(hi.length * 1.5);
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.values = new Int32Array(capacity);
    this.count = 0;
    const key = { hi: 0, lo: 0 };
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] === 0 && lo[i] === 0) continue;
      key.hi = hi[i];
      key.lo = lo[i];
      this.set(key, values[i]);
    }
  }
}

function capacityFor(expected: number): number {
  // About 0.75 full when the expected keys are in: short probe runs, 16 bytes per key.
  return Math.max(16, Math.ceil(expected / 0.75));
}
