// Keeps the newest `cap` bytes of a stream (logs end with what matters), cut at a line start, and
// drops the partial first line of a file read from an offset.
import { Transform, type TransformCallback } from 'node:stream';

/** The last `cap` bytes pushed into it, in bounded memory. */
export class Tail {
  readonly #cap: number;
  readonly #chunks: Buffer[] = [];
  #held = 0;
  /** The byte just before the kept chunks: a newline there means they start on a line start. */
  #lastDropped: number | undefined;
  total = 0;

  constructor(cap: number) {
    this.#cap = cap;
  }

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.#chunks.push(b);
    this.#held += b.length;
    this.total += b.length;
    while (this.#chunks.length > 1 && this.#held - this.#chunks[0]!.length >= this.#cap) {
      const dropped = this.#chunks.shift()!;
      this.#held -= dropped.length;
      this.#lastDropped = dropped[dropped.length - 1];
    }
  }

  get isTruncated(): boolean {
    return this.total > this.#cap;
  }

  /** The kept bytes: whole lines only when something was cut. */
  data(): Buffer {
    const all = Buffer.concat(this.#chunks);
    if (!this.isTruncated) return all;
    const from = all.length - this.#cap;
    const last = all.subarray(from);
    if ((from > 0 ? all[from - 1] : this.#lastDropped) === 0x0a) return last;
    const nl = last.indexOf(0x0a);
    return nl >= 0 ? last.subarray(nl + 1) : last;
  }
}

/** A transform that drops everything up to and including the first newline (a line cut by a start offset). */
export function dropFirstPartialLine(): Transform {
  let isDropping = true;
  return new Transform({
    transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback) {
      if (!isDropping) return done(null, chunk);
      const nl = chunk.indexOf(0x0a);
      if (nl < 0) return done();
      isDropping = false;
      done(null, chunk.subarray(nl + 1));
    },
  });
}

/** Feeds two streams into one Tail line by line, so stdout and stderr lines never interleave mid-line. */
export function lineFeeder(tail: Tail, maxLine = 1 << 20): { write(b: Buffer): void; end(): void } {
  let pending: Buffer = Buffer.alloc(0);
  return {
    write(b) {
      const buf = pending.length ? Buffer.concat([pending, b]) : b;
      // A line longer than maxLine is passed on in pieces rather than held without bound.
      const cut = buf.length > maxLine ? buf.length : buf.lastIndexOf(0x0a) + 1;
      tail.push(buf.subarray(0, cut));
      pending = buf.subarray(cut);
    },
    end() {
      if (pending.length) tail.push(Buffer.concat([pending, Buffer.from('\n')]));
      pending = Buffer.alloc(0);
    },
  };
}
