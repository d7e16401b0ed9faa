// Log files on this host named with --logs (paths or globs): each copied into `logs/`, its newest
// part only when it is larger than the cap; gzip-compressed rotations are unpacked on the way.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipLenient } from '../ingest/index.ts';
import { expandGlob } from './glob.ts';
import { skipItem, type ItemContext } from './http-item.ts';
import { rfc3339, type ManifestItem } from './manifest.ts';
import { slug } from './staging.ts';
import { dropFirstPartialLine, Tail } from './tail.ts';

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Human size for progress lines. */
export function size(n: number): string {
  return n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`;
}

/** Copy one log file (newest `cap` bytes) into the bundle. */
async function copyLog(ctx: ItemContext, path: string, cap: number): Promise<void> {
  const started = Date.now();
  const name = `logs/${slug(basename(path).replace(/\.gz$/i, ''))}`;
  const item: ManifestItem = { name, url: null, path, file: null, status: null, error: null, outcome: 'ok', started_at: rfc3339(started), duration_ms: null };
  try {
    const st = await stat(path);
    let written: { file: string; bytes: number };
    if (await isGzip(path)) {
      // Unpacked so that the key scrubber and the redactor see the text; the cap applies to the unpacked text.
      // A rotation cut short (disk full, a copy taken mid-write) still gives the lines before the cut.
      const tail = new Tail(cap);
      const damage: string[] = [];
      for await (const chunk of gunzipLenient(createReadStream(path), (text) => damage.push(text))) tail.push(chunk);
      if (damage.length > 0 && tail.total === 0) throw new Error(damage.join('; '));
      written = await ctx.staging.write(name, tail.data(), st.mtimeMs);
      if (tail.isTruncated) item.truncated = true;
      if (damage.length > 0) item.error = `${damage.join('; ')}: the part unpacked is kept`;
    } else if (st.size > cap) {
      // One byte before the cut: when it is a newline, the kept part starts on a whole line.
      const from = createReadStream(path, { start: st.size - cap - 1, end: st.size - 1 }).pipe(dropFirstPartialLine());
      written = await ctx.staging.writeStream(name, from, st.mtimeMs);
      item.truncated = true;
    } else {
      written = await ctx.staging.writeStream(name, createReadStream(path, { end: Math.max(st.size - 1, 0) }), st.mtimeMs);
    }
    Object.assign(item, { file: written.file, bytes: written.bytes });
    if (item.truncated) item.note = `newest ${size(written.bytes)} kept (cap ${size(cap)})`;
    ctx.progress.ok(name, `${size(written.bytes)}${item.truncated ? ` (newest part of ${path}, cap ${size(cap)})` : ` from ${path}`}${item.error ? `; ${item.error}` : ''}`);
  } catch (err) {
    item.outcome = 'failed';
    item.error = (err as Error).message;
    ctx.progress.fail(name, `${path}: ${item.error}`);
  }
  item.duration_ms = Date.now() - started;
  ctx.items.push(item);
}

/** Every file the --logs patterns name; a pattern that names nothing is recorded as skipped. */
export async function collectLogFiles(ctx: ItemContext, patterns: string[], cap: number): Promise<void> {
  for (const p of patterns) {
    const files = await expandGlob(p);
    if (files.length === 0) skipItem(ctx, `logs ${p}`, null, 'no file matches this path or pattern');
    for (const f of files) await copyLog(ctx, f, cap);
  }
}
