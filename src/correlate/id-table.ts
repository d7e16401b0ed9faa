// Request/trace id → node number, without a string per id: a 32-digit hex id (the usual W3C trace
// id and AuthPlane request id) or a UUID (the X-Request-ID that Envoy/Istio put in front of every
// request) is kept as four 32-bit words and a form byte in an open-addressing table. Other ids fall
// back to a Map. On a 1 GB bundle (1.1 M ids) the Map of strings held ~107 MB.
import { recentSlot, u8, type Column } from './columns.ts';

/** Words per chunk (16 384 nodes): a node's four words always share one chunk. */
const CHUNK_WORDS = 1 << 16;
const HEX = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const HEX_UPPER = Uint8Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));
/** Form bits: the id has UUID dashes (8-4-4-4-12); its letters are upper case. */
const DASHED = 1;
const UPPER = 2;
/** Where a UUID's dashes are; the digits around them are read in order. */
const DASH_AT = [8, 13, 18, 23];

/** Nibble value of a char code (0-9, a-f, A-F), or -1. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Shared spelling of nodes: four words and a form per node, all zero for nodes with another spelling. */
export class NodeWords {
  /** Four words per node in fixed chunks, read directly (this is probed on every id lookup). */
  private readonly chunks: Uint32Array[] = [];
  /** DASHED and UPPER bits per node. */
  private readonly forms: Column = u8();
  private count = 0;
  /** Spelling of nodes whose id is neither 32 hex digits nor a UUID, in one letter case. */
  readonly other = new Map<number, string>();
  private readonly codes = Buffer.alloc(36);
  /** Scratch words and form of the last parsed id. */
  readonly w = new Uint32Array(4);
  form = 0;

  /** Bytes held by the word chunks. */
  get bytes(): number {
    return this.chunks.length * CHUNK_WORDS * 4;
  }

  /** Word `k` (0-3) of `node`. */
  word(node: number, k: number): number {
    const b = node * 4 + k;
    return this.chunks[b >>> 16]![b & (CHUNK_WORDS - 1)]!;
  }

  /** Form of `node` (DASHED, UPPER bits). */
  formOf(node: number): number {
    return this.forms.get(node);
  }

  /**
   * Parse `id` into `w` and `form`; false unless it is 32 hex digits or a UUID (8-4-4-4-12), with
   * its letters all lower or all upper case (so that it spells back exactly).
   */
  parse(id: string): boolean {
    const dashed = id.length === 36;
    if (!dashed && id.length !== 32) return false;
    if (dashed && (id.charCodeAt(8) !== 45 || id.charCodeAt(13) !== 45 || id.charCodeAt(18) !== 45 || id.charCodeAt(23) !== 45)) return false;
    let lower = false;
    let upper = false;
    let p = 0;
    for (let k = 0; k < 4; k++) {
      let v = 0;
      for (let j = 0; j < 8; j++, p++) {
        if (dashed && (p === 8 || p === 13 || p === 18 || p === 23)) p++;
        const c = id.charCodeAt(p);
        const d = nibble(c);
        if (d < 0) return false;
        if (c >= 97) lower = true;
        else if (c >= 65) upper = true;
        v = (v << 4) | d;
      }
      this.w[k] = v >>> 0;
    }
    if (lower && upper) return false;
    this.form = (dashed ? DASHED : 0) | (upper ? UPPER : 0);
    return true;
  }

  /** Append the spelling of a new node (the id last parsed, or `other` when it did not parse). */
  add(node: number, other?: string): void {
    const b = this.count * 4;
    if (b >>> 16 === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK_WORDS));
    const c = this.chunks[b >>> 16]!;
    const o = b & (CHUNK_WORDS - 1);
    for (let k = 0; k < 4; k++) c[o + k] = other === undefined ? this.w[k]! : 0;
    this.forms.push(other === undefined ? this.form : 0);
    this.count++;
    if (other !== undefined) this.other.set(node, other);
  }

  same(node: number): boolean {
    const b = node * 4;
    const c = this.chunks[b >>> 16]!;
    const o = b & (CHUNK_WORDS - 1);
    const w = this.w;
    return c[o] === w[0] && c[o + 1] === w[1] && c[o + 2] === w[2] && c[o + 3] === w[3] && this.forms.get(node) === this.form;
  }

  /** The id of a node as it was spelled. */
  name(node: number): string {
    const o = this.other.get(node);
    if (o !== undefined) return o;
    // One flat string decoded from bytes: concatenating pieces would leave a rope of small strings.
    const codes = this.codes;
    const form = this.forms.get(node);
    const digits = form & UPPER ? HEX_UPPER : HEX;
    let p = 0;
    for (let k = 0; k < 4; k++) {
      const v = this.word(node, k);
      for (let j = 0; j < 8; j++) {
        if (form & DASHED && DASH_AT.includes(p)) codes[p++] = 45;
        codes[p++] = digits[(v >>> (28 - 4 * j)) & 15]!;
      }
    }
    return codes.toString('latin1', 0, p);
  }
}

/** One id namespace (request ids or trace ids): finds the node of an id, or adds it. */
export class IdTable {
  private slots = new Int32Array(1 << 12).fill(-1);
  private used = 0;
  private readonly others = new Map<string, number>();
  // The lines of one request follow each other: the last ids seen answer most lookups without
  // parsing the id and probing the table (each probe is a cache miss on a table this size).
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  private readonly recentNode = new Int32Array(256);

  constructor(private readonly nodes: NodeWords) {}

  private hash(): number {
    const w = this.nodes.w;
    return Math.imul(w[0]! ^ Math.imul(w[1]!, 0x85ebca6b) ^ Math.imul(w[2]!, 0xc2b2ae35) ^ w[3]! ^ this.nodes.form, 0x9e3779b1) >>> 0;
  }

  /** Node of `id`, or -1. With `next` >= 0 a missing id is added as node `next` (the caller records it). */
  get(id: string, next = -1): number {
    const slot = recentSlot(id);
    if (this.recent[slot] === id) return this.recentNode[slot]!;
    const n = this.find(id, next);
    if (n >= 0) {
      this.recent[slot] = id;
      this.recentNode[slot] = n;
    }
    return n;
  }

  private find(id: string, next: number): number {
    const nodes = this.nodes;
    if (!nodes.parse(id)) {
      const known = this.others.get(id);
      if (known !== undefined || next < 0) return known ?? -1;
      this.others.set(id, next);
      nodes.add(next, id);
      return next;
    }
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = this.hash() & mask;
    for (; ; i = (i + 1) & mask) {
      const n = slots[i]!;
      if (n < 0) break;
      if (nodes.same(n)) return n;
    }
    if (next < 0) return -1;
    // Most misses are new ids: they go in the empty slot the probe stopped at.
    nodes.add(next);
    slots[i] = next;
    if (++this.used * 2 > slots.length) this.grow();
    return next;
  }

  private insert(node: number): void {
    const mask = this.slots.length - 1;
    let i = this.hash() & mask;
    while (this.slots[i]! >= 0) i = (i + 1) & mask;
    this.slots[i] = node;
  }

  /** Double the table; the words of each node are re-read to rehash it. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    const w = this.nodes.w;
    for (const n of old) {
      if (n < 0) continue;
      for (let k = 0; k < 4; k++) w[k] = this.nodes.word(n, k);
      this.nodes.form = this.nodes.formOf(n);
      this.insert(n);
    }
  }
}
