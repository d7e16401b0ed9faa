// Collects one redacted file: in memory while small, in a temporary file beyond that (a tar
// header needs the size before the bytes, and a multi-gigabyte log must not sit in memory).
import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const IN_MEMORY = 32 * 1024 * 1024;

/** An append-only byte sink that spills to disk past 32 MiB. */
export class Spool {
  #chunks: Buffer[] = [];
  #size = 0;
  #fd: number | null = null;
  #dir: string | null = null;
  #path: string | null = null;

  get size(): number {
    return this.#size;
  }

  write(s: string): void {
    const b = Buffer.from(s, 'utf8');
    this.#size += b.length;
    if (this.#fd === null && this.#size > IN_MEMORY) {
      this.#dir = mkdtempSync(join(tmpdir(), 'forensic-redact-'));
      this.#path = join(this.#dir, 'spool');
      this.#fd = openSync(this.#path, 'w', 0o600);
      for (const c of this.#chunks) writeSync(this.#fd, c);
      this.#chunks = [];
    }
    if (this.#fd !== null) writeSync(this.#fd, b);
    else this.#chunks.push(b);
  }

  /** The collected bytes: a Buffer when small, else a stream over the temporary file. */
  contents(): Buffer | Readable {
    if (this.#fd === null) return Buffer.concat(this.#chunks);
    closeSync(this.#fd);
    this.#fd = -1;
    return createReadStream(this.#path!);
  }

  /** Remove the temporary file, if any. */
  dispose(): void {
    if (this.#fd !== null && this.#fd >= 0) closeSync(this.#fd);
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#chunks = [];
  }
}
