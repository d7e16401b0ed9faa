// Reads a collected .tgz back into memory for assertions: name → text and mtime.
import type { CollectOptions } from '../../src/collect/index.ts';
import { entriesOf, type TgzEntry } from '../helpers/tgz.ts';
import { ADMIN_KEY, type Fake } from './fake-authplane.ts';

export type BundleFile = TgzEntry;

/** Every entry of a .tgz. */
export const readBundle = entriesOf;

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
