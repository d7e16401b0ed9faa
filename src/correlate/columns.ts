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

const BLOCK_BITS = 8;
const BLOCK = 1 << BLOCK_BITS;
/** Near16 codes: an offset of -32 768 … 32 765 from the block's base is stored plus NEAR_BIAS. */
const NEAR_BIAS = 0x8000;
const NEAR_NAN = 0xfffe;
const NEAR_WIDE = 0xffff;

/**
 * Numbers that stay near their neighbours (the times, line numbers and node ids of consecutive
 * traced lines) at 2 bytes each: an offset from the first value of their block of 256. A block
 * that holds a value too far for 16 bits keeps that value as an int32 offset in a side array (4
 * more bytes a value, for that block only), and a value no offset holds exactly goes to a Map.
 */
class Near16 extends Chunks<Uint16Array> implements Column {
  /** Per chunk, the base of each of its blocks (NaN until the block's first number). */
  private readonly bases: Float64Array[] = [];
  private readonly wide = new Map<number, Int32Array>();
  private readonly far = new Map<number, number>();

  override get bytes(): number {
    let n = this.chunks.reduce((a, c) => a + c.byteLength, 0) + this.bases.reduce((a, c) => a + c.byteLength, 0);
    for (const w of this.wide.values()) n += w.byteLength;
    return n;
  }

  push(v: number): void {
    const i = this.length++;
    const c = i >>> CHUNK_BITS;
    if (c === this.chunks.length) {
      this.chunks.push(new Uint16Array(CHUNK));
      this.bases.push(new Float64Array(CHUNK / BLOCK).fill(Number.NaN));
    }
    if (!this.storeNear(i, v)) this.store(i, v);
  }

  /** The common case, kept small to be inlined (it runs for every traced line): `v` near its block's base. */
  private storeNear(i: number, v: number): boolean {
    const c = i >>> CHUNK_BITS;
    const base = this.bases[c]![(i & MASK) >>> BLOCK_BITS]!;
    const d = v - base; // NaN when either is: fails every test below
    if (d >= -NEAR_BIAS && d < NEAR_NAN - NEAR_BIAS && (d | 0) === d && base + d === v) {
      this.chunks[c]![i & MASK] = d + NEAR_BIAS;
      return true;
    }
    return false;
  }

  get(i: number): number {
    const c = i >>> CHUNK_BITS;
    const x = this.chunks[c]![i & MASK]!;
    const base = this.bases[c]![(i & MASK) >>> BLOCK_BITS]!;
    if (x < NEAR_NAN) return base + (x - NEAR_BIAS);
    if (x === NEAR_NAN) return Number.NaN;
    const d = this.wide.get(i >>> BLOCK_BITS)![i & (BLOCK - 1)]!;
    return d === FAR32 ? this.far.get(i)! : base + d;
  }

  set(i: number, v: number): void {
    if (this.far.size > 0) this.far.delete(i);
    if (!this.storeNear(i, v)) this.store(i, v);
  }

  /** Every other case: none, a first value, a far value (the block's int32 side array) or an inexact one (the Map). */
  private store(i: number, v: number): void {
    const chunk = this.chunks[i >>> CHUNK_BITS]!;
    if (Number.isNaN(v)) {
      chunk[i & MASK] = NEAR_NAN;
      return;
    }
    const bases = this.bases[i >>> CHUNK_BITS]!;
    const b = (i & MASK) >>> BLOCK_BITS;
    let base = bases[b]!;
    if (Number.isNaN(base) && Number.isFinite(v)) bases[b] = base = v;
    const d = v - base;
    // Kept as an offset only when base + offset gives the value back exactly.
    const isExact = Number.isInteger(d) && base + d === v;
    if (isExact && d >= -NEAR_BIAS && d < NEAR_NAN - NEAR_BIAS) {
      chunk[i & MASK] = d + NEAR_BIAS;
      return;
    }
    chunk[i & MASK] = NEAR_WIDE;
    let w = this.wide.get(i >>> BLOCK_BITS);
    if (w === undefined) this.wide.set(i >>> BLOCK_BITS, (w = new Int32Array(BLOCK)));
    if (isExact && d > FAR32 && d <= 0x7fffffff) w[i & (BLOCK - 1)] = d;
    else {
      w[i & (BLOCK - 1)] = FAR32;
      this.far.set(i, v);
    }
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
/**
 * Numbers close to the ones pushed just before them (times, line numbers, ids of consecutive lines) at
 * 2 bytes each, exact for any float64 (NaN included); far jumps cost more, in their block only.
 */
export const near16 = (): Column => new Near16();
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
