// Request/trace id → node number, without a string per id: a 32-digit lowercase hex id (the usual
// W3C trace id and AuthPlane request id) is kept as four 32-bit words in an open-addressing table.
// Other ids fall back to a Map. On a 1 GB bundle (1.1 M ids) the Map of strings held ~107 MB.
import { recentSlot } from './columns.ts';

/** Words per chunk (16 384 nodes): a node's four words always share one chunk. */
const CHUNK_WORDS = 1 << 16;
const HEX = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** Nibble value of a char code, or -1 for anything but 0-9a-f. */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Shared 32-digit hex spelling of nodes: four words per node, all zero for nodes with another spelling. */
export class NodeWords {
  /** Four words per node in fixed chunks, read directly (this is probed on every id lookup). */
  private readonly chunks: Uint32Array[] = [];
  private count = 0;
  /** Spelling of nodes whose id is not 32-digit lowercase hex. */
  readonly other = new Map<number, string>();
  private readonly codes = Buffer.alloc(32);
  /** Scratch words of the last parsed id. */
  readonly w = new Uint32Array(4);

  /** Bytes held by the word chunks. */
  get bytes(): number {
    return this.chunks.length * CHUNK_WORDS * 4;
  }

  /** Word `k` (0-3) of `node`. */
  word(node: number, k: number): number {
    const b = node * 4 + k;
    return this.chunks[b >>> 16]![b & (CHUNK_WORDS - 1)]!;
  }

  /** Parse `id` into `w`; false when it is not 32-digit lowercase hex. */
  parse(id: string): boolean {
    if (id.length !== 32) return false;
    for (let k = 0; k < 4; k++) {
      let v = 0;
      for (let j = 0; j < 8; j++) {
        const d = nibble(id.charCodeAt(k * 8 + j));
        if (d < 0) return false;
        v = (v << 4) | d;
      }
      this.w[k] = v >>> 0;
    }
    return true;
  }

  /** Append the spelling of a new node (the id last parsed, or `other` when it did not parse). */
  add(node: number, other?: string): void {
    const b = this.count * 4;
    if (b >>> 16 === this.chunks.length) this.chunks.push(new Uint32Array(CHUNK_WORDS));
    const c = this.chunks[b >>> 16]!;
    const o = b & (CHUNK_WORDS - 1);
    for (let k = 0; k < 4; k++) c[o + k] = other === undefined ? this.w[k]! : 0;
    this.count++;
    if (other !== undefined) this.other.set(node, other);
  }

  same(node: number): boolean {
    const b = node * 4;
    const c = this.chunks[b >>> 16]!;
    const o = b & (CHUNK_WORDS - 1);
    const w = this.w;
    return c[o] === w[0] && c[o + 1] === w[1] && c[o + 2] === w[2] && c[o + 3] === w[3];
  }

  /** The id of a node as it was spelled. */
  name(node: number): string {
    const o = this.other.get(node);
    if (o !== undefined) return o;
    // One flat string decoded from bytes: concatenating pieces would leave a rope of small strings.
    const codes = this.codes;
    for (let k = 0; k < 4; k++) {
      const v = this.word(node, k);
      for (let j = 0; j < 8; j++) codes[k * 8 + j] = HEX[(v >>> (28 - 4 * j)) & 15]!;
    }
    return codes.toString('latin1', 0, 32);
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
    return Math.imul(w[0]! ^ Math.imul(w[1]!, 0x85ebca6b) ^ Math.imul(w[2]!, 0xc2b2ae35) ^ w[3]!, 0x9e3779b1) >>> 0;
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
    const mask = this.slots.length - 1;
    for (let i = this.hash() & mask; ; i = (i + 1) & mask) {
      const n = this.slots[i]!;
      if (n < 0) break;
      if (nodes.same(n)) return n;
    }
    if (next < 0) return -1;
    nodes.add(next);
    this.insert(next);
    if (++this.used * 2 > this.slots.length) this.grow();
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
      this.insert(n);
    }
  }
}
