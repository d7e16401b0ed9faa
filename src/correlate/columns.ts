// Compact storage for per-record indexes: chunked typed-array columns and a string interner.
// Chunks avoid the copy-on-grow peaks of one big typed array on multi-million-record bundles.

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;
type TypedCtor<T extends TypedArray> = new (n: number) => T;

/** An append-only numeric column stored in fixed-size typed-array chunks. */
export class Column<T extends TypedArray = TypedArray> {
  private chunks: T[] = [];
  length = 0;
  constructor(private readonly ctor: TypedCtor<T>, private readonly fill = 0) {}

  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) {
      const chunk = new this.ctor(CHUNK);
      if (this.fill !== 0) chunk.fill(this.fill);
      this.chunks.push(chunk);
    }
    this.chunks[c]![i & MASK] = v;
  }

  get(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & MASK]!;
  }

  set(i: number, v: number): void {
    this.chunks[i >>> CHUNK_BITS]![i & MASK] = v;
  }

  /** Bytes held by the chunks (for the bench note). */
  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.byteLength, 0);
  }
}

/** Float64 column (times, byte offsets); NaN stands for "none". */
export const f64 = (): Column<Float64Array> => new Column(Float64Array);
/** Int32 column; -1 stands for "none". */
export const i32 = (): Column<Int32Array> => new Column(Int32Array);
export const u32 = (): Column<Uint32Array> => new Column(Uint32Array);
export const u16 = (): Column<Uint16Array> => new Column(Uint16Array);
export const u8 = (): Column<Uint8Array> => new Column(Uint8Array);

/** Maps strings to dense ids and back. Past `cap` distinct values new strings share the overflow id. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  constructor(private readonly cap = Number.POSITIVE_INFINITY, readonly overflow = '(other)') {}

  id(s: string): number {
    const known = this.ids.get(s);
    if (known !== undefined) return known;
    if (this.values.length >= this.cap && s !== this.overflow) return this.id(this.overflow);
    const id = this.values.length;
    this.ids.set(s, id);
    this.values.push(s);
    return id;
  }

  /** The id of a string already seen, or -1. */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  get size(): number {
    return this.values.length;
  }
}
