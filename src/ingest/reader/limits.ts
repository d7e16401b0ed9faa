// Reader limits (archive-bomb guards, line and document caps) with their defaults, checked once.
import type { IngestOptions } from '../types.ts';

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

/** Bytes of each decompressed file the sniffers see. */
export const HEAD_BYTES = 64 * KiB;
/** Nested zips up to this size are read into memory; larger ones go to a temp file. */
export const ZIP_IN_MEMORY_BYTES = 256 * MiB;

export interface Limits {
  maxTotalBytes: number;
  maxEntries: number;
  maxNesting: number;
  maxLineBytes: number;
  maxDocumentBytes: number;
}

/** Options with defaults filled in (types.ts documents them). */
export function resolveLimits(opts: IngestOptions): Limits {
  return {
    maxTotalBytes: positive(opts.maxTotalBytes, 20 * GiB),
    maxEntries: positive(opts.maxEntries, 100_000),
    maxNesting: positive(opts.maxNesting, 4),
    maxLineBytes: positive(opts.maxLineBytes, MiB),
    maxDocumentBytes: positive(opts.maxDocumentBytes, 64 * MiB),
  };
}

function positive(v: number | undefined, dflt: number): number {
  return v !== undefined && Number.isFinite(v) && v > 0 ? v : dflt;
}

/** `1 MiB`, `64 KiB`, `20 GiB`, or plain bytes for odd sizes. */
export function formatSize(n: number): string {
  if (n >= GiB && n % GiB === 0) return `${n / GiB} GiB`;
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} bytes`;
}

/** Signals that a bomb guard tripped; the archive being read stops, everything before is kept. */
export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}

/** Running totals of one bundle walk against the bomb guards. */
export class Budget {
  unpackedBytes = 0;
  entries = 0;
  constructor(readonly limits: Limits) {}

  /** Bytes that may still be unpacked before the guard trips. */
  room(): number {
    return Math.max(0, this.limits.maxTotalBytes - this.unpackedBytes);
  }

  /** Count decompressed bytes; throws LimitError past maxTotalBytes. */
  addBytes(n: number): void {
    this.unpackedBytes += n;
    if (this.unpackedBytes > this.limits.maxTotalBytes) {
      throw new LimitError(`unpacked size limit (${formatSize(this.limits.maxTotalBytes)}) exceeded: rest of the archive skipped`);
    }
  }

  /** Count one archive entry; throws LimitError past maxEntries. */
  addEntry(): void {
    this.entries++;
    if (this.entries > this.limits.maxEntries) {
      throw new LimitError(`entry limit (${this.limits.maxEntries} entries) exceeded: rest of the archive skipped`);
    }
  }
}
