// Append-only typed arrays for building an index of unknown size without
// holding millions of boxed numbers. Pure.

type TypedArray = Int32Array | Uint32Array | Float64Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

export class Growable<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly Type: TypedArrayConstructor<T>,
    initial = 1024,
  ) {
    this.data = new Type(Math.max(16, initial));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(this.length + 1);
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  /** Makes room for at least `capacity` elements. */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = new this.Type(Math.max(capacity, Math.ceil(this.data.length * 1.5)));
    (next as unknown as { set(a: T): void }).set(this.data);
    this.data = next;
  }

  /** The buffer itself while building (valid until the next push). */
  get raw(): T {
    return this.data;
  }

  /** A right-sized copy; the builder is spent. */
  seal(): T {
    const out = this.data.slice(0, this.length) as T;
    this.data = new this.Type(0);
    return out;
  }
}
