// gzip layer: gunzips a stream while counting unpacked bytes against the bomb guard.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { ByteSource, ReportedError, errorText } from './bytes.ts';
import { LimitError, type Budget } from './limits.ts';

const GUNZIP_CHUNK = 256 * 1024; // fewer, larger chunks: less per-chunk overhead downstream

/**
 * Wraps `src` (gzip bytes) as a source of the unpacked bytes. A damaged or truncated stream, or the
 * unpacked-size guard, is reported once on `path` and ends the source with ReportedError(owner).
 */
export function gunzipSource(src: ByteSource, path: string, budget: Budget,
  problem: (path: string, text: string) => void): { source: ByteSource; owner: object } {
  const owner = {};
  const tap = new UpstreamTap(src);
  const gz = zlib.createGunzip({ chunkSize: GUNZIP_CHUNK });
  // Errors surface through the iteration of `gz` below; the pipeline promise only needs a catch.
  pipeline(Readable.from(tap.iterate(), { objectMode: false }), gz).catch(() => undefined);
  let out = 0;
  async function* unpacked(): AsyncGenerator<Buffer> {
    for await (const chunk of gz as AsyncIterable<Buffer>) {
      const room = budget.room();
      if (chunk.length > room) {
        // Hand on what fits, then trip the guard: everything before the limit is kept.
        out += room;
        if (room > 0) yield chunk.subarray(0, room);
      }
      budget.addBytes(chunk.length);
      out += chunk.length;
      yield chunk;
    }
  }
  const source = new ByteSource(unpacked(), (err) => {
    if (tap.failure) throw tap.failure;
    let text: string;
    if (err instanceof LimitError) text = err.message;
    else if ((err as { code?: string }).code === 'Z_BUF_ERROR') text = `truncated gzip after ${out} bytes`;
    else text = `damaged gzip after ${out} bytes: ${errorText(err)}`;
    problem(path, text);
    throw new ReportedError(owner, text);
  });
  return { source, owner };
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
