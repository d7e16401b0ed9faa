// A private temporary folder the collected files are written to before the bundle is packed (and
// redacted): every write goes through the admin-key scrubber and carries its capture time as mtime.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { scrubStream, type SecretScrubber } from './scrub.ts';

/** A bundle-relative path made safe from user input (unit names, selectors, file names). */
export function slug(s: string): string {
  const out = s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 80);
  return out || 'item';
}

export class Staging {
  readonly dir: string;
  readonly #taken = new Set<string>();
  readonly #scrub: SecretScrubber;

  private constructor(dir: string, scrub: SecretScrubber) {
    this.dir = dir;
    this.#scrub = scrub;
  }

  /** A fresh folder readable by this user only. */
  static async create(scrub: SecretScrubber): Promise<Staging> {
    const dir = await mkdtemp(join(tmpdir(), 'forensic-collect-'));
    return new Staging(dir, scrub);
  }

  /** Reserve a unique bundle path (`logs/app.log`, then `logs/app.2.log`). */
  #claim(rel: string): string {
    let out = rel;
    const dot = rel.lastIndexOf('.');
    const [stem, ext] = dot > rel.lastIndexOf('/') ? [rel.slice(0, dot), rel.slice(dot)] : [rel, ''];
    for (let i = 2; this.#taken.has(out); i++) out = `${stem}.${i}${ext}`;
    this.#taken.add(out);
    return out;
  }

  /** Write a whole file; returns its bundle path and the bytes written. */
  async write(rel: string, data: Buffer | string, mtimeMs: number): Promise<{ file: string; bytes: number }> {
    const file = this.#claim(rel);
    const abs = join(this.dir, file);
    await mkdir(dirname(abs), { recursive: true, mode: 0o700 });
    const bytes = this.#scrub.bytes(Buffer.isBuffer(data) ? data : Buffer.from(data));
    await writeFile(abs, bytes, { mode: 0o600 });
    await setTime(abs, mtimeMs);
    return { file, bytes: bytes.length };
  }

  /** Write a file from a stream (logs), scrubbed across chunk edges. */
  async writeStream(rel: string, source: Readable, mtimeMs: number): Promise<{ file: string; bytes: number }> {
    const file = this.#claim(rel);
    const abs = join(this.dir, file);
    await mkdir(dirname(abs), { recursive: true, mode: 0o700 });
    const out = createWriteStream(abs, { mode: 0o600 });
    await pipeline(source, scrubStream(this.#scrub), out);
    await setTime(abs, mtimeMs);
    return { file, bytes: out.bytesWritten };
  }

  /** Bundle paths written so far, sorted. */
  files(): string[] {
    return [...this.#taken].sort();
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function setTime(abs: string, ms: number): Promise<void> {
  const t = new Date(ms);
  await utimes(abs, t, t);
}
