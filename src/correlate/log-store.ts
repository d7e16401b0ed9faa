// Log records as they stream in: compact per-record columns for every line, full records only up to
// the retain limit (then notable lines and lines of failing requests), and the LogIndex at finish.
import type { Level, LogOrigin, LogRecord } from '../ingest/index.ts';
import { Interner, delta, i32, u16w, u32, u8 } from './columns.ts';
import type { LogIndex, LogSource } from './model.ts';
import { Retention, type Retained } from './retention.ts';
import { inWindow, type Window } from './window.ts';

export type { Retained } from './retention.ts';

export const LEVELS: Level[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
const LEVEL_CODE: Record<Level, number> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };

interface SourceInfo { origin: LogOrigin; formats: Set<string>; files: Set<string> }

/**
 * Where each line with a request/trace id is: file, line and byte offset are read only for those
 * (`locate()`, clock pairs). About half the lines of a bundle carry no id, and their place is read
 * only for retained records, which hold it themselves.
 */
export class TracedLines {
  /** Column index (in LogStore's per-line columns) of each traced line, ascending. */
  readonly idx = u32();
  readonly node = i32();
  readonly file = u16w();
  readonly line = u32();
  readonly offset = delta();

  get count(): number {
    return this.idx.length;
  }
}

/** Collects log records; `add` is the hot path and runs once per line of the bundle. */
export class LogStore {
  // 9 bytes per line (time as an int32 delta, message and source ids in 16 bits), plus 18 bytes
  // per line with a request/trace id in `traced`.
  readonly ts = delta();
  /** Message ids: 2 bytes; the interner's cap (200 000) passes 65 534 only on free-text logs (side Map). */
  readonly msg = u16w();
  readonly level = u8();
  readonly source = u16w();
  /** Lines with a trace-graph node (request id node first, else trace id node), and their place. */
  readonly traced = new TracedLines();
  readonly files = new Interner();
  /** Distinct messages; free-text logs can have unbounded variety, so the interner is capped. */
  readonly msgs = new Interner(200_000);
  readonly sources = new Interner();
  readonly sourceInfo: SourceInfo[] = [];
  /** Which records are kept whole (retention.ts). */
  private readonly retention: Retention;
  private lastFileId = -1;
  private lastTs = Number.NEGATIVE_INFINITY;
  private lastRec: LogRecord | undefined;

  constructor(retainLimit: number) {
    this.retention = new Retention(retainLimit);
  }

  get count(): number {
    return this.ts.length;
  }

  /** Index one record; returns its column index. `status` is its access-line status (0 if none). */
  add(r: LogRecord, node: number, status: number): number {
    const idx = this.ts.length;
    const ts = r.ts ?? Number.NaN;
    this.ts.push(ts);
    // Consecutive records mostly come from the same file: skip the intern lookup then.
    const fileId = this.lastRec !== undefined && this.lastRec.file === r.file ? this.lastFileId : this.files.id(r.file);
    if (fileId !== this.lastFileId) this.lastTs = Number.NEGATIVE_INFINITY;
    if (node >= 0) {
      const t = this.traced;
      t.idx.push(idx);
      t.node.push(node);
      t.file.push(fileId);
      t.line.push(r.line);
      t.offset.push(r.offset);
    }
    this.msg.push(this.msgs.id(r.msg));
    this.level.push(LEVEL_CODE[r.level] ?? 1);
    const sourceId = this.lastRec !== undefined && this.lastRec.source === r.source ? this.source.get(idx - 1) : this.sourceId(r);
    this.source.push(sourceId);
    // A line without a time sorts at its predecessor's time in the same file.
    const orderTs = r.ts ?? this.lastTs;
    if (r.ts !== null) this.lastTs = r.ts;
    if (this.lastRec === undefined || this.lastRec.format !== r.format || this.lastRec.file !== r.file || this.lastRec.source !== r.source) {
      const info = this.sourceInfo[sourceId]!;
      info.formats.add(r.format);
      info.files.add(r.file);
    }
    this.lastFileId = fileId;
    this.lastRec = r;

    this.retention.offer(r, idx, node, orderTs, status);
    return idx;
  }

  private sourceId(r: LogRecord): number {
    const id = this.sources.id(r.source);
    if (id === this.sourceInfo.length) this.sourceInfo.push({ origin: r.origin, formats: new Set(), files: new Set() });
    return id;
  }

  /** A request's access line said it succeeded: its held-back lines can go. */
  settled(node: number): void {
    this.retention.settled(node);
  }

  /** Build the LogIndex over the window. */
  finish(w: Window): { index: LogIndex; retained: Retained[] } {
    const { kept, weights, sampled } = this.retention.finish(w);
    const msgCounts = new Uint32Array(this.msgs.size);
    const levelCounts: Record<Level, number> = { DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0 };
    const srcStats = this.sourceInfo.map(() => ({ records: 0, first: null as number | null, last: null as number | null }));
    let total = 0;
    for (let i = 0; i < this.ts.length; i++) {
      const ts = this.ts.get(i);
      if (!inWindow(w, ts)) continue;
      total++;
      msgCounts[this.msg.get(i)]!++;
      levelCounts[LEVELS[this.level.get(i)]!]++;
      const s = srcStats[this.source.get(i)]!;
      s.records++;
      if (!Number.isNaN(ts)) {
        if (s.first === null || ts < s.first) s.first = ts;
        if (s.last === null || ts > s.last) s.last = ts;
      }
    }
    const records = kept.map((x) => x.rec);
    const msgs = this.msgs;
    let byMsg: Map<string, LogRecord[]> | undefined;
    const index: LogIndex = {
      records: () => records,
      isComplete: records.length === total,
      total,
      withMessage(m) {
        if (m instanceof RegExp) return records.filter((r) => m.test(r.msg));
        if (m.endsWith('…')) {
          const prefix = m.slice(0, -1);
          return records.filter((r) => r.msg.startsWith(prefix));
        }
        if (!byMsg) {
          byMsg = new Map();
          for (const r of records) {
            const l = byMsg.get(r.msg);
            if (l) l.push(r);
            else byMsg.set(r.msg, [r]);
          }
        }
        return [...(byMsg.get(m) ?? [])];
      },
      countMessage(m) {
        const id = msgs.find(m);
        return id < 0 ? 0 : msgCounts[id]!;
      },
      where: (pred) => records.filter(pred),
      sources: () => this.sourceInfo.map((info, i): LogSource => ({
        source: this.sources.values[i]!, origin: info.origin, formats: [...info.formats], files: [...info.files],
        ...srcStats[i]!,
      })).filter((s) => s.records > 0),
      levelCounts,
      weight: (r) => weights.get(r) ?? 1,
      sampled,
    };
    return { index, retained: kept };
  }
}
