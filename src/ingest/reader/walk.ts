// Placeholder: walks every file of a bundle (through nested archives) without parsing it.
import type { Readable } from 'node:stream';
import { ForensicError } from '../errors.ts';
import type { IngestOptions } from '../types.ts';

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
  _visit: (entry: BundleEntry) => Promise<void>,
  _opts: IngestOptions & { onProblem?: (path: string, problem: string) => void } = {},
): Promise<void> {
  throw new ForensicError('internal', `walkBundle(${input}) is not implemented yet`);
}
