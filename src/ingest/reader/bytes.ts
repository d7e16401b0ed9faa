// A peekable stream of byte chunks, and the error type that says "already reported, just stop".
// Every container layer reads its input through a ByteSource so it can look at the first bytes
// (magic numbers, sniffing) without losing them, and so a failing stream is reported exactly once.

/**
 * Thrown after a layer has recorded a problem about its own stream. `owner` is that layer's token:
 * the layer that owns the token swallows the error and carries on with the rest of the bundle;
 * every layer inside it just unwinds (flushing what it read).
 */
export class ReportedError extends Error {
  readonly owner: object;
  constructor(owner: object, message = 'reported') {
    super(message);
    this.name = 'ReportedError';
    this.owner = owner;
  }
}

/** Turns a raw stream error into a ReportedError (after recording it), or rethrows an upstream one. */
export type FailHandler = (err: unknown) => never;

/** Run `fn`; a ReportedError owned by `owner` ends it quietly, anything else propagates. */
export async function swallowOwn(owner: object, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof ReportedError && err.owner === owner) return;
    throw err;
  }
}

/** One line from any error, for problem texts and one-line exit messages. */
export function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/\s*[\r\n]+\s*/g, ' ').trim() || 'unknown error';
}

/**
 * An async stream of Buffers whose first bytes can be peeked. Iterating yields the peeked chunks
 * first, then the rest. Errors of the underlying stream go through `onFail` (so the owning layer
 * reports them once); an error during peek is held back until iteration reaches it.
 */
export class ByteSource implements AsyncIterable<Buffer> {
  /** True once the underlying stream has ended (so a peek saw the whole content). */
  ended = false;
  private readonly it: AsyncIterator<Buffer>;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private heldError: { err: unknown } | null = null;
  private isIterating = false;

  /**
   * `drainOnStop`: when the consumer stops early, read the rest instead of closing the stream
   * (a tar entry must be read to its end, or tar-stream tears down the whole archive).
   */
  constructor(source: AsyncIterable<Buffer>, private readonly onFail?: FailHandler, private readonly drainOnStop = false) {
    this.it = source[Symbol.asyncIterator]();
  }

  /** True when the stream already failed while peeking (the failure is reported once it is read). */
  get hasFailed(): boolean {
    return this.heldError !== null;
  }

  /** The first ≤ n bytes, without consuming them. */
  async peek(n: number): Promise<Buffer> {
    while (this.pendingBytes < n && !this.ended && !this.heldError) {
      try {
        const r = await this.it.next();
        if (r.done) this.ended = true;
        else if (r.value.length > 0) {
          this.pending.push(r.value);
          this.pendingBytes += r.value.length;
        }
      } catch (err) {
        this.heldError = { err };
      }
    }
    if (this.pending.length === 1) return this.pending[0]!.subarray(0, n);
    return Buffer.concat(this.pending, this.pendingBytes).subarray(0, n);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    if (this.isIterating) throw new Error('ByteSource iterated twice');
    this.isIterating = true;
    let finished = false;
    try {
      const pending = this.pending;
      this.pending = [];
      this.pendingBytes = 0;
      for (const chunk of pending) yield chunk;
      if (this.heldError) this.fail(this.heldError.err);
      while (!this.ended) {
        let r: IteratorResult<Buffer>;
        try {
          r = await this.it.next();
        } catch (err) {
          this.fail(err);
        }
        if (r.done) this.ended = true;
        else yield r.value;
      }
      finished = true;
    } finally {
      // The consumer stopped early: release the underlying stream, or read past the rest of it.
      if (!finished && !this.ended) await this.stopEarly();
    }
  }

  /** Read whatever nobody read (a visitor may ignore a file); errors still surface. */
  async skipRest(): Promise<void> {
    if (!this.isIterating) await drain(this);
  }

  private async stopEarly(): Promise<void> {
    this.ended = true;
    try {
      if (!this.drainOnStop) await this.it.return?.();
      else while (!(await this.it.next()).done) { /* skip the rest */ }
    } catch {
      // The container reports its own failure when it reads on; nothing to add here.
    }
  }

  private fail(err: unknown): never {
    this.ended = true;
    if (err instanceof ReportedError || !this.onFail) throw err;
    return this.onFail(err);
  }
}

/** Read a source to its end, discarding the bytes; returns how many there were. */
export async function drain(src: AsyncIterable<Buffer>): Promise<number> {
  let n = 0;
  for await (const chunk of src) n += chunk.length;
  return n;
}
