// Placeholder: the bundle reader (archives, sniffing, line splitting) lands here.
import { ForensicError } from '../errors.ts';
import type { IngestOptions, IngestResult, RecordSink } from '../types.ts';

/**
 * Read `input` (a .tgz/.tar/.zip/.gz, a directory or a single file), sniff every file by
 * content and stream its records to `sink`. Damaged parts become problems; an input that is
 * not a bundle at all throws ForensicError('input-unusable').
 */
export async function ingest(input: string, _sink: RecordSink, _opts: IngestOptions = {}): Promise<IngestResult> {
  throw new ForensicError('internal', `ingest of ${input} is not implemented yet`);
}
