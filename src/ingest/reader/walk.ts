// walkBundle: every regular file of a bundle (through nested archives) as a byte stream, unparsed.
import { Readable } from 'node:stream';
import type { IngestOptions } from '../types.ts';
import { walkInput } from './walker.ts';

/** One regular file inside the bundle, as its decompressed byte stream. */
export interface BundleEntry {
  /** Path inside the bundle (nested archives joined with `!/`). */
  path: string;
  mtime: number | null;
  /** Decompressed size when the container says it. */
  size: number | null;
  /** The file's bytes. Must be consumed (or resumed) before the next entry arrives. */
  stream: Readable;
}

/**
 * Visit every regular file of `input` (archive, directory or single file) in order, descending
 * into nested archives, with the same safety limits as ingest (no traversal, no links followed,
 * bomb limits). Entries that cannot be read are passed to `onProblem`.
 */
export async function walkBundle(
  input: string,
  visit: (entry: BundleEntry) => Promise<void>,
  opts: IngestOptions & { onProblem?: (path: string, problem: string) => void; zipInMemoryBytes?: number } = {},
): Promise<void> {
  await walkInput(input, {
    async onFile(file) {
      const stream = Readable.from(file.source, { objectMode: false });
      try {
        await visit({ path: file.path, mtime: file.mtime, size: file.size, stream });
      } finally {
        // Whatever the visitor left unread is skipped, so the next entry can arrive.
        if (!stream.readableEnded && !stream.destroyed) stream.destroy();
      }
    },
    onProblem(p) {
      opts.onProblem?.(p.path, p.problem);
    },
  }, opts);
}
