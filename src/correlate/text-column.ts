// Append-only column of short strings kept as UTF-8 bytes in 1 MB chunks (start and length per row):
// ~33 B for a 29-character audit detail instead of ~56 B for a string object and its array slot.
import { u32, type Column } from './columns.ts';

const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;
/** Rows at least this long (in bytes, worst case) are kept as strings. */
const LONG = 4096;
const IN_MAP = 0xffffffff;

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over a string's UTF-16 code units (for ASCII text, the same as over its bytes). */
export function stringHash(s: string): number {
  let h = FNV_BASIS;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), FNV_PRIME);
  return h | 0;
}

/** Strings stored as bytes; `get` spells one again. */
export class TextColumn {
  private readonly chunks: Buffer[] = [];
  /** Global byte position of each row; its chunk is `start >>> 20`. */
  private readonly start: Column = u32();
  private readonly len: Column = u32();
  private readonly long = new Map<number, string>();
  private used = CHUNK;

  get length(): number {
    return this.start.length;
  }

  /** Store one string. */
  push(s: string): void {
    const i = this.length;
    // A UTF-8 byte count is at most 3 per UTF-16 code unit.
    const most = s.length * 3;
    if (most === 0) {
      this.start.push(0);
      this.len.push(0);
      return;
    }
    if (most >= LONG) {
      this.long.set(i, s);
      this.start.push(0);
      this.len.push(IN_MAP);
      return;
    }
    if (this.used + most > CHUNK) {
      this.chunks.push(Buffer.allocUnsafe(CHUNK));
      this.used = 0;
    }
    const c = this.chunks.length - 1;
    const buf = this.chunks[c]!;
    const n = buf.write(s, this.used, 'utf8');
    // Non-ASCII text: a lone surrogate would come back as U+FFFD, so check that it reads back the same.
    if (n !== s.length && buf.toString('utf8', this.used, this.used + n) !== s) {
      this.long.set(i, s);
      this.start.push(0);
      this.len.push(IN_MAP);
      return;
    }
    this.start.push(c * CHUNK + this.used);
    this.len.push(n);
    this.used += n;
  }

  /** A hash of row i's text (FNV-1a over its UTF-8 bytes): equal texts hash alike. */
  hash(i: number): number {
    const n = this.len.get(i);
    // Kept as a string only when the bytes would not do: its equals are kept the same way.
    if (n === IN_MAP) return stringHash(this.long.get(i)!);
    let h = FNV_BASIS;
    if (n === 0) return h | 0;
    const p = this.start.get(i);
    const buf = this.chunks[p >>> CHUNK_BITS]!;
    const o = p & (CHUNK - 1);
    for (let k = o; k < o + n; k++) h = Math.imul(h ^ buf[k]!, FNV_PRIME);
    return h | 0;
  }

  /** True when rows i and j hold the same text, compared without spelling either. */
  equals(i: number, j: number): boolean {
    const a = this.len.get(i);
    const b = this.len.get(j);
    if (a === IN_MAP || b === IN_MAP) return a === b && this.long.get(i) === this.long.get(j);
    if (a !== b) return false;
    if (a === 0) return true;
    const p = this.start.get(i);
    const q = this.start.get(j);
    const o = p & (CHUNK - 1);
    const r = q & (CHUNK - 1);
    return this.chunks[p >>> CHUNK_BITS]!.compare(this.chunks[q >>> CHUNK_BITS]!, r, r + b, o, o + a) === 0;
  }

  /** Row i, as pushed. */
  get(i: number): string {
    const n = this.len.get(i);
    if (n === IN_MAP) return this.long.get(i)!;
    if (n === 0) return '';
    const p = this.start.get(i);
    const o = p & (CHUNK - 1);
    return this.chunks[p >>> CHUNK_BITS]!.toString('utf8', o, o + n);
  }
}
