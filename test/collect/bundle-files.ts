// Reads a collected .tgz back into memory for assertions: name → text and mtime.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import type { CollectOptions } from '../../src/collect/index.ts';
import { ADMIN_KEY, type Fake } from './fake-authplane.ts';

export interface BundleFile { text: string; mtime: number }

/** Every entry of a .tgz. */
export async function readBundle(tgz: string): Promise<Map<string, BundleFile>> {
  const files = new Map<string, BundleFile>();
  const extract = tar.extract();
  createReadStream(tgz).pipe(createGunzip()).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    files.set(entry.header.name, { text: Buffer.concat(chunks).toString('utf8'), mtime: entry.header.mtime?.getTime() ?? 0 });
  }
  return files;
}

/** Collect options against the fake servers: short interval and timeout, no pauses, lines kept in `lines`. */
export function optionsFor(fake: Fake, output: string, lines: string[], over: Partial<CollectOptions> = {}): CollectOptions {
  return {
    version: '0.1.0-test',
    publicUrl: fake.publicUrl, adminUrl: fake.adminUrl,
    adminKey: ADMIN_KEY, adminKeySource: 'env',
    resources: [fake.mcpUrl],
    intervalMs: 200, sinceMs: Date.now() - 24 * 3_600_000, sinceLabel: '24h', timeoutMs: 2000,
    logs: [], dockerContainers: [], logCapBytes: 1 << 20,
    isRedacted: true, output,
    write: (l) => lines.push(l),
    audit: { pageSize: 2, slowDownPauseMs: 30, pagePauseMs: 0 },
    ...over,
  };
}
