// gzip layer: gunzips a stream member by member (multi-member files as `gzip -dc` reads them),
// counting unpacked bytes against the bomb guard; damage keeps what unpacked and names its byte.
import zlib from 'node:zlib';
import { ByteSource, ReportedError, errorText } from './bytes.ts';
import { GzipInput, peekMemberHeader } from './gzip-input.ts';
import { Budget, LimitError, resolveLimits } from './limits.ts';

const GUNZIP_CHUNK = 256 * 1024; // fewer, larger chunks: less per-chunk overhead downstream
const TRAILER_BYTES = 8; // CRC-32 and ISIZE

/** Damage of the gzip stream itself: ends the unpacked source after everything before it. */
class GzipDamage extends Error {}

/**
 * Wraps `src` (gzip bytes) as a source of the unpacked bytes. Concatenated members are read in turn.
 * Trailing garbage, zero padding or a bad checksum after a member is reported on `path` with its
 * byte offset and the source ends normally (everything unpacked is kept). A truncated or damaged
 * stream, or the unpacked-size guard, is reported once and ends the source with ReportedError(owner);
 * `problem`'s `isEnd` says the data itself broke off there (not a guard, not a damage after which it went on).
 */
export function gunzipSource(src: ByteSource, path: string, budget: Budget,
  problem: (path: string, text: string, isEnd: boolean) => void): { source: ByteSource; owner: object } {
  const owner = {};
  const input = new GzipInput(src);
  const counter = { out: 0 };
  async function* unpacked(): AsyncGenerator<Buffer> {
    let isFinished = false;
    try {
      for (let member = 0; ; member++) {
        const start = input.pos;
        const next = await input.peek(1);
        if (next.length === 0) break;
        const header = await peekMemberHeader(input);
        if (!header.ok) {
          if (header.isCut) throw new GzipDamage(await truncated(input, counter.out));
          if (member === 0) throw new GzipDamage(`damaged gzip at byte ${start}: ${header.reason}`);
          const rest = await input.drainRest();
          problem(path, trailingText(start, rest), false);
          break;
        }
        await input.skip(header.length);
        yield* inflateMember(input, budget, counter, start);
        const trailer = await input.peek(TRAILER_BYTES);
        if (trailer.length < TRAILER_BYTES) throw new GzipDamage(await truncated(input, counter.out));
        await input.skip(TRAILER_BYTES);
        const check = memberCheck(trailer, counter);
        if (check) problem(path, `damaged gzip member at byte ${start}: ${check} (its data is kept)`, false);
      }
      isFinished = true;
    } finally {
      if (!isFinished) await input.close();
    }
  }
  const source = new ByteSource(unpacked(), (err) => {
    if (input.failure) throw input.failure;
    let text: string;
    if (err instanceof LimitError || err instanceof GzipDamage) text = err.message;
    else text = `damaged gzip at byte ${input.pos}: ${errorText(err)}`;
    problem(path, text, !(err instanceof LimitError)); // a guard tripping is no break in the data
    throw new ReportedError(owner, text);
  });
  return { source, owner };
}

/**
 * Gunzip a whole stream outside a bundle walk (no size guard), as leniently as a bundle is read:
 * every member, and on damage everything unpacked before it. Each damage is passed to `onProblem`
 * (e.g. `truncated gzip at byte 4096, after 9000 unpacked bytes`); errors of `src` itself propagate.
 */
export async function* gunzipLenient(src: AsyncIterable<Buffer>, onProblem: (text: string) => void): AsyncGenerator<Buffer> {
  const budget = new Budget(resolveLimits({ maxTotalBytes: Number.MAX_SAFE_INTEGER }));
  const { source, owner } = gunzipSource(new ByteSource(src), '', budget, (_path, text) => onProblem(text));
  try {
    for await (const chunk of source) yield chunk;
  } catch (err) {
    if (!(err instanceof ReportedError && err.owner === owner)) throw err;
  }
}

interface Counter {
  out: number;
  /** CRC-32 and length of the member being unpacked. */
  crc?: number;
  size?: number;
}

/** Unpack one member's deflate data, leaving the input right after it (at the trailer). */
async function* inflateMember(input: GzipInput, budget: Budget, counter: Counter, start: number): AsyncGenerator<Buffer> {
  const dataStart = input.pos;
  const inf = zlib.createInflateRaw({ chunkSize: GUNZIP_CHUNK });
  // Bytes handed to zlib, the last chunk, and whether the deflate data ended before their end.
  const fed: { bytes: number; last: Buffer; isEnded: boolean } = { bytes: 0, last: Buffer.alloc(0), isEnded: false };
  // The writer feeds one chunk at a time and waits until zlib has taken it, so it can tell when the
  // deflate data ended inside a chunk (zlib leaves the rest unconsumed) and put that rest back.
  const feed = (async () => {
    try {
      for (;;) {
        const chunk = await input.next();
        if (chunk === null || inf.destroyed) {
          if (chunk) input.unread(chunk);
          inf.end();
          return;
        }
        fed.last = chunk;
        fed.bytes += chunk.length;
        await writeChunk(inf, chunk);
        if (inf.bytesWritten < fed.bytes) {
          fed.isEnded = true;
          return;
        }
      }
    } catch (err) {
      inf.destroy(err as Error);
    }
  })();
  counter.crc = 0;
  counter.size = 0;
  let isDone = false;
  try {
    for await (const chunk of inf as AsyncIterable<Buffer>) {
      counter.crc = zlib.crc32(chunk, counter.crc);
      counter.size += chunk.length;
      const room = budget.room();
      if (chunk.length > room) {
        // Hand on what fits, then trip the guard: everything before the limit is kept.
        counter.out += room;
        if (room > 0) yield chunk.subarray(0, room);
      }
      budget.addBytes(chunk.length);
      counter.out += chunk.length;
      yield chunk;
    }
    isDone = true;
  } catch (err) {
    if (err instanceof LimitError) throw err;
    await feed;
    if (input.failure) throw input.failure;
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') throw new GzipDamage(await truncated(input, counter.out));
    if (!code?.startsWith('Z_')) throw err;
    throw new GzipDamage(`damaged gzip member at byte ${start}: ${errorText(err)} near byte ${dataStart + inf.bytesWritten}`);
  } finally {
    if (!isDone) inf.destroy();
  }
  await feed;
  if (input.failure) throw input.failure;
  if (fed.isEnded) input.unread(fed.last.subarray(fed.last.length - (fed.bytes - inf.bytesWritten)));
}

/** Resolves once zlib has processed `chunk` (or the stream is gone). */
function writeChunk(inf: zlib.InflateRaw, chunk: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      inf.off('close', done);
      resolve();
    };
    inf.once('close', done);
    inf.write(chunk, done);
  });
}

/** The checksum and length check of the trailer, or null when both match. */
function memberCheck(trailer: Buffer, counter: Counter): string | null {
  if (trailer.readUInt32LE(0) !== (counter.crc ?? 0) >>> 0) return 'CRC-32 mismatch';
  if (trailer.readUInt32LE(4) !== (counter.size ?? 0) % 0x1_0000_0000) return 'length mismatch';
  return null;
}

/** The text for input that ended inside a member; the cut is where the input ends. */
async function truncated(input: GzipInput, out: number): Promise<string> {
  await input.drainRest();
  return `truncated gzip at byte ${input.pos}, after ${out} unpacked bytes`;
}

/** What follows the last member: zero padding, or garbage (e.g. a broken upload's tail). */
function trailingText(start: number, rest: { bytes: number; firstNonZero: number }): string {
  if (rest.firstNonZero === -1) return `${rest.bytes} bytes of zero padding after the gzip data at byte ${start} ignored`;
  return `trailing garbage after the gzip data at byte ${start} (${rest.bytes} bytes) ignored`;
}

/**
 * Passes a source through while remembering an upstream failure, so a layer can tell "my input
 * broke (already reported upstream)" from "my own format is damaged". Also counts the bytes.
 */
export class UpstreamTap {
  failure: unknown = null;
  bytes = 0;
  constructor(private readonly src: AsyncIterable<Buffer>) {}

  async *iterate(): AsyncGenerator<Buffer> {
    try {
      for await (const chunk of this.src) {
        this.bytes += chunk.length;
        yield chunk;
      }
    } catch (err) {
      this.failure = err;
      throw err;
    }
  }
}
