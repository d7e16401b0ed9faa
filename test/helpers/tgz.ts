// Reads a .tgz a test wrote (a redacted or collected bundle) into memory.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

export interface TgzEntry { text: string; mtime: number }

/** Every entry of `tgz` with its UTF-8 text and mtime (ms), keyed by its path in the archive. */
export async function entriesOf(tgz: string): Promise<Map<string, TgzEntry>> {
  const files = new Map<string, TgzEntry>();
  const extract = tar.extract();
  createReadStream(tgz).pipe(createGunzip()).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    files.set(entry.header.name, { text: Buffer.concat(chunks).toString('utf8'), mtime: entry.header.mtime?.getTime() ?? 0 });
  }
  return files;
}

/** Every entry of `tgz` as text, keyed by its path in the archive. */
export async function filesOf(tgz: string): Promise<Map<string, string>> {
  return new Map([...(await entriesOf(tgz))].map(([name, e]) => [name, e.text]));
}
