// The compressed side of the gzip layer: a byte stream with put-back and its byte position, and
// the gzip member header (RFC 1952) read from it, so member boundaries and damage have an offset.

/** Longer file names or comments than this in a member header are taken as damage, not read on. */
const MAX_HEADER_FIELD = 64 * 1024;
const FTEXT_FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
const RESERVED_FLAGS = 0xe0;

/**
 * Compressed bytes with their position: `pos` is the offset (in the .gz) of the next unread byte.
 * Bytes read ahead (a header, the rest of a chunk a member did not use) can be put back.
 */
export class GzipInput {
  pos = 0;
  /** Set when the upstream stream failed (that failure belongs to the layer above, not to gzip). */
  failure: unknown = null;
  private held: Buffer[] = [];
  private isEof = false;
  private readonly it: AsyncIterator<Buffer>;

  constructor(src: AsyncIterable<Buffer>) {
    this.it = src[Symbol.asyncIterator]();
  }

  /** The next bytes (a held-back piece first), or null at the end of the input. */
  async next(): Promise<Buffer | null> {
    const held = this.held.shift();
    if (held) {
      this.pos += held.length;
      return held;
    }
    while (!this.isEof) {
      let r: IteratorResult<Buffer>;
      try {
        r = await this.it.next();
      } catch (err) {
        this.failure = err;
        throw err;
      }
      if (r.done) this.isEof = true;
      else if (r.value.length > 0) {
        this.pos += r.value.length;
        return r.value;
      }
    }
    return null;
  }

  /** Give back the tail of what next() returned; it is returned again first. */
  unread(buf: Buffer): void {
    if (buf.length === 0) return;
    this.held.unshift(buf);
    this.pos -= buf.length;
  }

  /** The next ≥ n bytes without consuming them (fewer only at the end of the input). */
  async peek(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const b = await this.next();
      if (b === null) break;
      parts.push(b);
      have += b.length;
    }
    const all = parts.length === 1 ? parts[0]! : Buffer.concat(parts, have);
    this.unread(all);
    return all;
  }

  /** Consume exactly n bytes that a peek() showed are there. */
  async skip(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      const b = await this.next();
      if (b === null) return;
      if (b.length > left) this.unread(b.subarray(left));
      left -= Math.min(left, b.length);
    }
  }

  /** Consume the rest; returns its length and the offset of its first non-zero byte (-1: all zero). */
  async drainRest(): Promise<{ bytes: number; firstNonZero: number }> {
    let bytes = 0;
    let firstNonZero = -1;
    for (let b = await this.next(); b !== null; b = await this.next()) {
      if (firstNonZero === -1) {
        for (let i = 0; i < b.length; i++) {
          if (b[i] !== 0) {
            firstNonZero = bytes + i;
            break;
          }
        }
      }
      bytes += b.length;
    }
    return { bytes, firstNonZero };
  }

  /** Stop reading the upstream early (releases it). */
  async close(): Promise<void> {
    this.isEof = true;
    this.held = [];
    try {
      await this.it.return?.();
    } catch {
      // The upstream reports its own failures.
    }
  }
}

/** A member header: its length in bytes, or why the bytes at this place are not one. */
export type MemberHeader = { ok: true; length: number } | { ok: false; reason: string; isCut: boolean };

/** Read (without consuming) the gzip member header starting at the input's position. */
export async function peekMemberHeader(input: GzipInput): Promise<MemberHeader> {
  let head = await input.peek(10);
  const cut = (): MemberHeader => ({ ok: false, reason: 'member header cut short', isCut: true });
  if (head.length >= 1 && head[0] !== 0x1f) return bad('no gzip member here');
  if (head.length >= 2 && head[1] !== 0x8b) return bad('no gzip member here');
  if (head.length >= 3 && head[2] !== 0x08) return bad(`unknown compression method ${head[2]}`);
  if (head.length < 10) return cut();
  const flags = head[3]!;
  if (flags & RESERVED_FLAGS) return bad('reserved header flags set');
  let len = 10;
  if (flags & FEXTRA) {
    head = await input.peek(len + 2);
    if (head.length < len + 2) return cut();
    len += 2 + head.readUInt16LE(len);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    // A zero-terminated field: peek further until its terminator shows up.
    let end = -1;
    for (let want = len + 256; end === -1; want *= 2) {
      head = await input.peek(want);
      end = head.indexOf(0, len);
      if (end === -1 && head.length < want) return cut();
      if (end === -1 && want - len > MAX_HEADER_FIELD) return bad('header name or comment too long');
    }
    len = end + 1;
  }
  if (flags & FTEXT_FHCRC) len += 2;
  head = await input.peek(len);
  return head.length < len ? cut() : { ok: true, length: len };
}

function bad(reason: string): MemberHeader {
  return { ok: false, reason, isCut: false };
}
