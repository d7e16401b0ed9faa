// Go slog TextHandler tokenizer: `key=value` pairs separated by spaces, where keys and values are
// quoted with strconv.Quote only when needed. Hand-written (the `logfmt` package decodes Go escapes wrongly).
import { intern } from './strings.ts';

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const SPACE = 0x20;
const EQUALS = 0x3d;

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function readHex(s: string, i: number, n: number, end: number): number {
  if (i + n > end) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const h = hexVal(s.charCodeAt(i + k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/**
 * Decodes the body of a Go quoted string, `s[start, end)` without the quotes: `\"` `\\` `\n` `\t`
 * `\r` `\a` `\b` `\f` `\v` `\xHH` `\uXXXX` `\UXXXXXXXX`. An unknown or cut escape is kept as written.
 */
export function unquoteGo(s: string, start: number, end: number): string {
  let bs = s.indexOf('\\', start);
  if (bs < 0 || bs >= end) return s.slice(start, end); // fast path: nothing to decode
  let out = '';
  let from = start;
  while (bs >= 0 && bs < end) {
    out += s.slice(from, bs);
    const c = s.charCodeAt(bs + 1);
    let adv = 2;
    let ch: string | null;
    switch (c) {
      case 0x6e: ch = '\n'; break; // n
      case 0x74: ch = '\t'; break; // t
      case 0x72: ch = '\r'; break; // r
      case 0x22: ch = '"'; break;
      case 0x5c: ch = '\\'; break;
      case 0x27: ch = "'"; break;
      case 0x61: ch = '\x07'; break; // a
      case 0x62: ch = '\b'; break;
      case 0x66: ch = '\f'; break;
      case 0x76: ch = '\v'; break;
      case 0x78: { // xHH: a byte; bytes >= 0x80 stand for invalid UTF-8, shown as U+FFFD
        const v = readHex(s, bs + 2, 2, end);
        ch = v < 0 ? null : v < 0x80 ? String.fromCharCode(v) : '\uFFFD';
        adv = 4;
        break;
      }
      case 0x75: { // uXXXX
        const v = readHex(s, bs + 2, 4, end);
        ch = v < 0 ? null : String.fromCharCode(v);
        adv = 6;
        break;
      }
      case 0x55: { // UXXXXXXXX
        const v = readHex(s, bs + 2, 8, end);
        ch = v < 0 || v > 0x10ffff ? null : String.fromCodePoint(v);
        adv = 10;
        break;
      }
      default: ch = null;
    }
    if (ch === null) { // keep an unknown or truncated escape verbatim
      out += bs + 1 < end ? s.slice(bs, bs + 2) : '\\';
      from = Math.min(bs + 2, end);
    } else {
      out += ch;
      from = bs + adv;
    }
    bs = s.indexOf('\\', from);
  }
  return out + s.slice(from, end);
}

// Slots of the key cache (a power of two); a key is looked for in two neighbouring slots.
const KEY_SLOTS_MASK = 511;

/** Index of the closing quote of a Go quoted string whose body starts at `i`, or -1 if unterminated. */
function closingQuote(s: string, i: number): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) return i;
    i += c === BACKSLASH ? 2 : 1;
  }
  return -1;
}

/**
 * Scans `key=value` pairs into reusable arrays (one instance per file: no allocation per line
 * besides the strings themselves). Bare words (no `=`) are counted, not stored.
 */
export class KvScanner {
  keys: string[] = [];
  vals: string[] = [];
  private quoted: boolean[] = [];
  private readonly keySlots: string[] = new Array<string>(KEY_SLOTS_MASK + 1).fill('');
  // A number the caller attaches to a cached key (0: none yet), and the slot of each pair's key (-1: not cached).
  private readonly slotTags: number[] = new Array<number>(KEY_SLOTS_MASK + 1).fill(0);
  private readonly pairSlots: number[] = [];
  private lastSlot = -1;
  n = 0;
  /** Words without `=`: Go's TextHandler never writes them, so they mark a line that is not slog text. */
  bare = 0;
  /** True when the last value opened a quote that the line never closed (a multi-line value). */
  unterminated = false;

  /** The tag the caller attached to pair `i`'s key with setTag (the same for every line), or 0. */
  tagAt(i: number): number {
    const slot = this.pairSlots[i]!;
    // A later key of the same line may have taken the slot over: the tag must be this key's.
    return slot < 0 || this.keySlots[slot] !== this.keys[i] ? 0 : this.slotTags[slot]!;
  }

  /** Attaches `tag` (not 0) to pair `i`'s key, for as long as the key stays cached. */
  setTag(i: number, tag: number): void {
    const slot = this.pairSlots[i]!;
    if (slot >= 0 && this.keySlots[slot] === this.keys[i]) this.slotTags[slot] = tag;
  }

  /** True when pair `i` of the last scan had a quoted value. */
  quotedAt(i: number): boolean {
    return this.quoted[i] === true;
  }

  /**
   * The key `s[i, j)`. Lines of one file repeat a handful of keys: each is sliced once, internalized
   * and then found again by a cheap hash of its length and three of its characters, so the switch,
   * Set and property lookups downstream compare pointers instead of characters.
   */
  private keyAt(s: string, i: number, j: number): string {
    const len = j - i;
    const h = ((len << 4) ^ (s.charCodeAt(i) * 7) ^ (s.charCodeAt(j - 1) * 13) ^ (s.charCodeAt(i + (len >> 1)) * 3)) & (KEY_SLOTS_MASK - 1);
    const slots = this.keySlots;
    const a = slots[h]!;
    if (a.length === len && s.startsWith(a, i)) {
      this.lastSlot = h;
      return a;
    }
    const b = slots[h + 1]!;
    if (b.length === len && s.startsWith(b, i)) {
      this.lastSlot = h + 1;
      return b;
    }
    const key = intern(s.slice(i, j));
    slots[h + 1] = a; // the newer key takes the first slot, the older one moves to the second
    slots[h] = key;
    const tags = this.slotTags;
    tags[h + 1] = tags[h]!;
    tags[h] = 0;
    this.lastSlot = h;
    return key;
  }

  /** Scans `s` from `start`; returns the number of pairs found. */
  scan(s: string, start = 0): number {
    this.n = 0;
    this.bare = 0;
    this.unterminated = false;
    const len = s.length;
    let i = start;
    while (i < len) {
      while (i < len && s.charCodeAt(i) === SPACE) i++;
      if (i >= len) break;
      let key: string;
      if (s.charCodeAt(i) === QUOTE) {
        const q = closingQuote(s, i + 1);
        if (q < 0 || s.charCodeAt(q + 1) !== EQUALS) { // not a quoted key: skip as a bare word
          this.bare++;
          i = q < 0 ? len : q + 1;
          continue;
        }
        key = unquoteGo(s, i + 1, q);
        this.lastSlot = -1;
        i = q + 2;
      } else {
        let j = i;
        let c = 0;
        while (j < len && (c = s.charCodeAt(j)) !== EQUALS && c !== SPACE) j++;
        if (j >= len || c === SPACE || j === i) {
          this.bare++;
          if (j === i) { // a word that starts with `=` (e.g. `"a"=b`): skip it whole, or the scan never moves on
            j = s.indexOf(' ', i);
            if (j < 0) j = len;
          }
          i = j;
          continue;
        }
        key = this.keyAt(s, i, j);
        i = j + 1;
      }
      let val: string;
      const isQuoted = i < len && s.charCodeAt(i) === QUOTE;
      if (isQuoted) {
        const q = closingQuote(s, i + 1);
        if (q < 0) {
          val = unquoteGo(s, i + 1, len);
          this.unterminated = true;
          i = len;
        } else {
          val = unquoteGo(s, i + 1, q);
          i = q + 1;
        }
      } else {
        let j = s.indexOf(' ', i);
        if (j < 0) j = len;
        val = s.slice(i, j);
        i = j;
      }
      this.keys[this.n] = key;
      this.vals[this.n] = val;
      this.quoted[this.n] = isQuoted;
      this.pairSlots[this.n] = this.lastSlot;
      this.n++;
    }
    return this.n;
  }
}
