// Reads a .tgz a test wrote (a redacted or collected bundle) into memory: path → UTF-8 text.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';

/** Every entry of `tgz` as text, keyed by its path in the archive. */
export async function filesOf(tgz: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const extract = tar.extract();
  createReadStream(tgz).pipe(createGunzip()).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    files.set(entry.header.name, Buffer.concat(chunks).toString('utf8'));
  }
  return files;
}
