// What container readers (tar, zip, gzip, directory) share with the walker that drives them.
import type { FileInfo } from '../types.ts';
import type { ByteSource } from './bytes.ts';
import type { Budget, Limits } from './limits.ts';

/** Where a stream sits in the bundle. */
export interface Place {
  /** Path shown in the inventory and in problems. */
  path: string;
  /** Prefix for the paths of entries if this turns out to be an archive (`''` for the input itself). */
  prefix: string;
  mtime: number | null;
  size: number | null;
  /** Containers entered so far (a gzip holding a tar counts once). */
  depth: number;
  /** True for the input file itself (possibly through gzip): decides "not a bundle" exits. */
  isTop: boolean;
  /** The file on disk holding exactly these bytes, when there is one (zip needs random access). */
  diskPath?: string;
}

/** The walker as seen by the container readers. */
export interface WalkerApi {
  readonly limits: Limits;
  readonly budget: Budget;
  /** Bytes up to which a nested zip is held in memory (else a temp file). */
  readonly zipInMemoryBytes: number;
  problem(path: string, text: string): void;
  /**
   * The container at `at` could not be read past this point (cut, broken): a problem on `at.path`.
   * `isArchive` false: a gzip of one file, never the bundle's own archive.
   */
  stopped(at: Place, text: string, isArchive?: boolean): void;
  /** An inventory row for an archive; the walker fills in `bytes` when the archive is done. */
  archiveRow(at: Place, format: string): FileInfo;
  /** Look at a stream's first bytes and read it as the container or plain file it is. */
  handle(src: ByteSource, at: Place): Promise<void>;
}
