// Public surface of the ingest stage: read a bundle (archive, directory or single file) into
// normalized records with provenance, streaming, and an inventory of what was read.
export type * from './types.ts';
export type { FileFormat, FileHead, LineParser, ParseContext } from './format.ts';
export { ForensicError, type ForensicErrorCode } from './errors.ts';
export { allFormats } from './formats.ts';
export { ingest } from './reader/ingest.ts';
export { walkBundle, type BundleEntry } from './reader/walk.ts';
/** Build the FileHead a sniffer sees from a file's first bytes (handy in parser tests). */
export { makeHead } from './reader/sniff.ts';
/** Gunzip a stream keeping what unpacked before any damage (collect uses it for rotated logs). */
export { gunzipLenient } from './reader/gzip.ts';
