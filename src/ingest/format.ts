// The contract between the bundle reader (archives, files, line splitting) and the format parsers.
// The reader sniffs each file with every registered FileFormat, picks the best score, then feeds
// the file to that format either line by line, as one document, or as a stream.
import type { Readable } from 'node:stream';
import type { BundleRecord, FileKind, TokenVault } from './types.ts';

/** What a sniffer sees: the start of a decompressed file. */
export interface FileHead {
  /** Path inside the bundle (a hint only: content decides). */
  path: string;
  /** First bytes (≤ 64 KiB) decoded as UTF-8 with the BOM stripped. */
  text: string;
  /** The first ≤ 50 complete lines of `text`, CR stripped. */
  lines: string[];
  /** Total decompressed size when known. */
  size: number | null;
}

export interface ParseContext {
  /** Path inside the bundle. */
  path: string;
  /** File mtime (epoch ms) from the archive header or file system. */
  mtime: number | null;
  /** Hand a record on. Updates the file's record count and time range. */
  emit(rec: BundleRecord): void;
  /** Report a damaged/skipped part. Counts as a skipped record. */
  problem(line: number | undefined, problem: string): void;
  /** Name the container-log wrapper once it is known (inventory `wrapper`). */
  setWrapper(wrapper: string | null): void;
  /** Refine the inventory format once it is known (e.g. `slog-text` after unwrapping). */
  setFormat(format: string): void;
  /** Shared vault for raw JWTs (token parsers put them here; records keep only the fingerprint). */
  tokenVault: TokenVault;
}

/** Receives a file's lines in order. Never throws: bad lines become ctx.problem(). */
export interface LineParser {
  /** `text` has no line terminator (CRLF handled, BOM stripped). `offset` is the line's byte offset. */
  line(text: string, lineNo: number, offset: number): void;
  /** Flush pending multi-line state at end of file. */
  end(): void;
}

export interface FileFormat {
  /** Stable id, also the default inventory `format`. */
  id: string;
  kind: FileKind;
  /**
   * 0..1: how sure this format is that the head is its own. Cheap checks first. Ties go to the
   * format registered first, so register specific formats before generic ones.
   */
  sniff(head: FileHead): number;
  /** `lines`: streamed through openLines. `whole`: the full text (≤ maxDocumentBytes) to parseWhole. */
  mode: 'lines' | 'whole';
  openLines?(ctx: ParseContext, head: FileHead): LineParser;
  parseWhole?(text: string, ctx: ParseContext): void;
  /** Optional streaming path for documents larger than maxDocumentBytes (e.g. a 1 GB audit array). */
  parseStream?(input: Readable, ctx: ParseContext): Promise<void>;
}
