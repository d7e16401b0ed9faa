// Per-file parse context: counts records and skips, tracks the time range, and fills the inventory row.
import type { ParseContext } from '../format.ts';
import type { BundleRecord, FileInfo, Problem, RecordSink, TokenVault } from '../types.ts';

/** Problems listed per file; beyond this they are only counted (a 1 GB file of garbage stays small). */
export const MAX_PROBLEMS_PER_FILE = 1000;

/** The ParseContext handed to a format for one file; `row` is that file's inventory row. */
export class FileContext implements ParseContext {
  readonly row: FileInfo;
  private minTs = Infinity;
  private maxTs = -Infinity;
  private listed = 0;
  private unlisted = 0;

  constructor(
    readonly path: string,
    readonly mtime: number | null,
    row: Omit<FileInfo, 'records' | 'skipped' | 'bytes' | 'timeRange'>,
    private readonly sink: RecordSink,
    private readonly problems: Problem[],
    readonly tokenVault: TokenVault,
  ) {
    this.row = { path: row.path, kind: row.kind, format: row.format, wrapper: row.wrapper, records: 0, skipped: 0, bytes: 0, timeRange: null, mtime: row.mtime };
  }

  emit(rec: BundleRecord): void {
    this.row.records++;
    const t = recordTime(rec);
    if (t !== null) {
      if (t < this.minTs) this.minTs = t;
      if (t > this.maxTs) this.maxTs = t;
    }
    this.sink(rec);
  }

  problem(line: number | undefined, problem: string): void {
    this.row.skipped++;
    this.note(line, problem);
  }

  /** Record a problem that did not cost a record (e.g. a line passed on with replaced bytes). */
  note(line: number | undefined, problem: string): void {
    if (this.listed >= MAX_PROBLEMS_PER_FILE) {
      this.unlisted++;
      return;
    }
    this.listed++;
    this.problems.push(line === undefined ? { path: this.path, problem } : { path: this.path, line, problem });
  }

  setWrapper(wrapper: string | null): void {
    this.row.wrapper = wrapper;
  }

  setFormat(format: string): void {
    this.row.format = format;
  }

  /** Close the row: time range, and a summary of problems beyond the listing cap. */
  finish(bytes: number): FileInfo {
    this.row.bytes = bytes;
    if (this.minTs <= this.maxTs) {
      this.row.timeRange = { from: new Date(this.minTs).toISOString(), to: new Date(this.maxTs).toISOString() };
    }
    if (this.unlisted > 0) {
      this.problems.push({ path: this.path, problem: `${this.unlisted} more problems in this file not listed` });
      this.unlisted = 0;
    }
    return this.row;
  }
}

/** A record's own time in epoch ms, or null. */
function recordTime(rec: BundleRecord): number | null {
  let t: number | null;
  switch (rec.kind) {
    case 'log': t = rec.ts; break;
    case 'audit': t = rec.ts ?? (rec.createdAt ? Date.parse(rec.createdAt) : null); break;
    case 'metrics': t = rec.time; break;
    default: t = rec.capturedAt;
  }
  return t !== null && Number.isFinite(t) ? t : null;
}
