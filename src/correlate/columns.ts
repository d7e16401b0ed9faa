// Compact storage for per-record indexes: chunked typed-array columns and a string interner.
// Chunks avoid the copy-on-grow peaks of one big typed array on multi-million-record bundles.

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** An append-only numeric column stored in fixed-size typed-array chunks. */
export interface Column {
  readonly length: number;
  push(v: number): void;
  get(i: number): number;
  set(i: number, v: number): void;
  /** Bytes held by the chunks (for the bench note). */
  readonly bytes: number;
}

// One class per element type, each with its own push/get/set: a single generic class sees five
// typed-array kinds at one element access, goes megamorphic and was ~10x slower per push
// (bench/run.ts: ~3.6 s of a 1 GB analysis). Keep the method bodies identical.
abstract class Chunks<T extends TypedArray> {
  protected chunks: T[] = [];
  length = 0;
  get bytes(): number {
    return this.chunks.reduce((n, c) => n + c.byteLength, 0);
  }
}

class F64 extends Chunks<Float64Array> implements Column {
  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Float64Array(CHUNK));
    this.chunks[c]![i & MASK] = v;
  }
  get(i: number): number { return this.chunks[i >>> CHUNK_BITS]![i & MASK]!; }
  set(i: number, v: number): void { this.chunks[i >>> CHUNK_BITS]![i & MASK] = v; }
}

class I32 extends Chunks<Int32Array> implements Column {
  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(CHUNK));
    this.chunks[c]![i & MASK] = v;
  }
  get(i: number): number { return this.chunks[i >>> CHUNK_BITS]![i & MASK]!; }
  set(i: number, v: number): void { this.chunks[i >>> CHUNK_BITS]![i & MASK] = v; }
}

class U32 extends Chunks<Uint32Array> implements Column {
  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK));
    this.chunks[c]![i & MASK] = v;
  }
  get(i: number): number { return this.chunks[i >>> CHUNK_BITS]![i & MASK]!; }
  set(i: number, v: number): void { this.chunks[i >>> CHUNK_BITS]![i & MASK] = v; }
}

class U16 extends Chunks<Uint16Array> implements Column {
  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint16Array(CHUNK));
    this.chunks[c]![i & MASK] = v;
  }
  get(i: number): number { return this.chunks[i >>> CHUNK_BITS]![i & MASK]!; }
  set(i: number, v: number): void { this.chunks[i >>> CHUNK_BITS]![i & MASK] = v; }
}

class U8 extends Chunks<Uint8Array> implements Column {
  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint8Array(CHUNK));
    this.chunks[c]![i & MASK] = v;
  }
  get(i: number): number { return this.chunks[i >>> CHUNK_BITS]![i & MASK]!; }
  set(i: number, v: number): void { this.chunks[i >>> CHUNK_BITS]![i & MASK] = v; }
}

/** Float64 column (times, byte offsets); NaN stands for "none". */
export const f64 = (): Column => new F64();
/** Int32 column; -1 stands for "none". */
export const i32 = (): Column => new I32();
export const u32 = (): Column => new U32();
export const u16 = (): Column => new U16();
export const u8 = (): Column => new U8();

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
