// Writes a sample's files as .tgz (tar-stream + zlib, sorted entries, fixed owner and mode),
// .zip (own writer) or a plain directory (with file mtimes set), deterministically.
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { zip } from './zip.ts';

export interface BundleFile {
  path: string;
  data: Buffer;
  mtime: number;
}

function sorted(files: BundleFile[]): BundleFile[] {
  return [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A gzip'd tar of the files (gzip header mtime is 0 with zlib). */
export async function tgz(files: BundleFile[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    p.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    p.on('end', resolve);
    p.on('error', reject);
  });
  for (const f of sorted(files)) {
    p.entry({ name: f.path, size: f.data.length, mtime: new Date(f.mtime), mode: 0o644, uid: 1000, gid: 1000, uname: 'ops', gname: 'ops' }, f.data);
  }
  p.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}

/** A zip of the files, entries sorted. */
export function zipOf(files: BundleFile[]): Buffer {
  return zip(sorted(files));
}

/** Write the files under dir (replacing it), setting each file's mtime. */
export function writeDir(dir: string, files: BundleFile[]): void {
  rmSync(dir, { recursive: true, force: true });
  for (const f of sorted(files)) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.data);
    utimesSync(p, new Date(f.mtime), new Date(f.mtime));
  }
}
