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

const NONE32 = -0x80000000;
const FAR32 = -0x7fffffff;

/**
 * Float64 values (epoch ms, byte offsets) at 4 bytes each: an int32 delta from the first value of
 * its chunk. Values a delta cannot hold exactly (fractions, more than ±2^31 away) are kept in a Map.
 */
class Delta extends Chunks<Int32Array> implements Column {
  private bases: number[] = [];
  private readonly far = new Map<number, number>();
  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) {
      this.chunks.push(new Int32Array(CHUNK));
      this.bases.push(Number.NaN);
    }
    this.chunks[c]![i & MASK] = this.encode(c, i, v);
  }
  get(i: number): number {
    const c = i >>> CHUNK_BITS;
    const d = this.chunks[c]![i & MASK]!;
    if (d === NONE32) return Number.NaN;
    if (d === FAR32) return this.far.get(i)!;
    return this.bases[c]! + d;
  }
  set(i: number, v: number): void {
    const c = i >>> CHUNK_BITS;
    this.far.delete(i);
    this.chunks[c]![i & MASK] = this.encode(c, i, v);
  }
  private encode(c: number, i: number, v: number): number {
    if (Number.isNaN(v)) return NONE32;
    let base = this.bases[c]!;
    if (Number.isNaN(base)) this.bases[c] = base = v;
    const d = v - base;
    if (d > FAR32 && d <= 0x7fffffff && Number.isInteger(d)) return d;
    this.far.set(i, v);
    return FAR32;
  }
}

const WIDE16 = 0xffff;

/** Unsigned ids at 2 bytes each; the rare id of 65 535 or more is kept in a Map. */
class U16Wide extends Chunks<Uint16Array> implements Column {
  private readonly wide = new Map<number, number>();
  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint16Array(CHUNK));
    if (v >= WIDE16) this.wide.set(i, v);
    this.chunks[c]![i & MASK] = v >= WIDE16 ? WIDE16 : v;
  }
  get(i: number): number {
    const v = this.chunks[i >>> CHUNK_BITS]![i & MASK]!;
    return v === WIDE16 ? this.wide.get(i)! : v;
  }
  set(i: number, v: number): void {
    if (v >= WIDE16) this.wide.set(i, v);
    else this.wide.delete(i);
    this.chunks[i >>> CHUNK_BITS]![i & MASK] = v >= WIDE16 ? WIDE16 : v;
  }
}

/** Float64 column (times, byte offsets); NaN stands for "none". */
export const f64 = (): Column => new F64();
/** Int32 column; -1 stands for "none". */
export const i32 = (): Column => new I32();
export const u32 = (): Column => new U32();
export const u16 = (): Column => new U16();
export const u8 = (): Column => new U8();
/** Exact float64 values (times, offsets) stored as int32 deltas: half the bytes of f64(); NaN stands for "none". */
export const delta = (): Column => new Delta();
/** Small unsigned ids (files, sources, paths) at 2 bytes; ids past 65 534 still work, from a side Map. */
export const u16w = (): Column => new U16Wide();

/**
 * Dense ids for triples of small numbers (a bundle has few distinct ones), each part readable back by
 * id. The caller packs the triple into one exact number `key` (it knows the parts' ranges).
 */
export class TripleIds {
  readonly a: number[] = [];
  readonly b: number[] = [];
  readonly c: number[] = [];
  private readonly ids = new Map<number, number>();

  id(key: number, a: number, b: number, c: number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.a.length;
      this.ids.set(key, id);
      this.a.push(a);
      this.b.push(b);
      this.c.push(c);
    }
    return id;
  }
}

const RECENT = 256;

/** Cache slot of a string from its length and three of its characters. */
export function recentSlot(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  return (n * 31 + s.charCodeAt(0) * 7 + s.charCodeAt(n >> 1) * 3 + s.charCodeAt(n - 1) * 5 + s.charCodeAt(n >> 2)) & (RECENT - 1);
}

/** Maps strings to dense ids and back. Past `cap` distinct values new strings share the overflow id. */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  // A small direct-mapped cache in front of the Map: the strings come fresh from each parsed line, so
  // a Map lookup hashes every one of them; a few probed characters and one comparison are cheaper.
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(RECENT).fill(undefined);
  private readonly recentId = new Int32Array(RECENT);
  constructor(private readonly cap = Number.POSITIVE_INFINITY, readonly overflow = '(other)') {}

  id(s: string): number {
    const slot = recentSlot(s);
    if (this.recent[slot] === s) return this.recentId[slot]!;
    let id = this.ids.get(s);
    if (id === undefined) {
      if (this.values.length >= this.cap && s !== this.overflow) return this.id(this.overflow);
      id = this.values.length;
      this.ids.set(s, id);
      this.values.push(s);
    }
    this.recent[slot] = s;
    this.recentId[slot] = id;
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
