// Log records as they stream in: counts per message, level and source, the place and headline of each
// line with a request/trace id (for traces), full records as retention.ts decides, and the LogIndex.
import type { Level, LogOrigin, LogRecord } from '../ingest/index.ts';
import { Interner, TripleIds, delta, near16, u16w, u8, type Column } from './columns.ts';
import { LEVEL_CODE, LEVELS } from './levels.ts';
import type { LogIndex, LogSource } from './model.ts';
import { Retention, type Retained } from './retention.ts';
import { inWindow, type Window } from './window.ts';

export type { Retained } from './retention.ts';


interface SourceInfo { origin: LogOrigin; formats: Set<string>; files: Set<string> }

/**
 * Every line with a request/trace id: its time, trace-graph node, message, place (file, source and
 * level as one 2-byte id) and line number: what the trace aggregates, `locate()` and the clock pairs
 * read. About 14 bytes a line; about half the lines of a bundle carry no id and are only counted.
 */
export class TracedLines {
  // Consecutive traced lines are near in time, node and line number: 2 bytes each (columns.ts near16).
  readonly ts = near16();
  readonly node = near16();
  readonly msg = u16w();
  readonly place = u16w();
  readonly line = near16();
  readonly offset = delta();
  /** Distinct (file, source, level) places as `a`, `b`, `c`. */
  private readonly places = new TripleIds();
  private lastKey = -1;
  private lastPlace = -1;

  get count(): number {
    return this.ts.length;
  }

  /** Append one traced line (ids from LogStore's interners). */
  push(ts: number, node: number, msg: number, file: number, source: number, level: number, line: number, offset: number): void {
    this.ts.push(ts);
    this.node.push(node);
    this.msg.push(msg);
    // A bundle has few (file, source, level) triples; a source id would need 2^26 distinct sources
    // (gigabytes of SourceInfo) before two triples could share a key.
    const key = (file * 0x4000000 + source) * 4 + level;
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastPlace = this.places.id(key, file, source, level);
    }
    this.place.push(this.lastPlace);
    this.line.push(line);
    this.offset.push(offset);
  }

  /** File id (LogStore.files) of traced line `k`. */
  fileOf(k: number): number {
    return this.places.a[this.place.get(k)]!;
  }

  /** Source id (LogStore.sources) of traced line `k`. */
  sourceOf(k: number): number {
    return this.places.b[this.place.get(k)]!;
  }

  /** Level code (index in LEVELS) of traced line `k`. */
  levelOf(k: number): number {
    return this.places.c[this.place.get(k)]!;
  }
}

/** Lines without an id, kept per line only while a relative --since/--until bound is unresolved. */
interface UntracedLines { ts: Column; msg: Column; level: Column; source: Column }

/** Per message, level and source counts of the lines inside the window (order-independent, so streamed or counted at finish alike). */
export class LineCounts {
  total = 0;
  msg = new Uint32Array(1024);
  readonly level: Record<Level, number> = { DEBUG: 0, INFO: 0, WARN: 0, ERROR: 0 };
  readonly sources: { records: number; first: number | null; last: number | null }[] = [];

  /** Count one line: `ts` NaN for none, ids from LogStore's interners, `level` an index in LEVELS. */
  add(ts: number, msg: number, level: number, source: number): void {
    this.total++;
    if (msg >= this.msg.length) {
      const grown = new Uint32Array(Math.max(this.msg.length * 2, msg + 1));
      grown.set(this.msg);
      this.msg = grown;
    }
    this.msg[msg]!++;
    this.level[LEVELS[level]!]++;
    let s = this.sources[source];
    if (s === undefined) {
      while (this.sources.length < source) this.sources.push({ records: 0, first: null, last: null });
      this.sources[source] = s = { records: 0, first: null, last: null };
    }
    s.records++;
    if (!Number.isNaN(ts)) {
      if (s.first === null || ts < s.first) s.first = ts;
      if (s.last === null || ts > s.last) s.last = ts;
    }
  }
}

/** Collects log records; `add` is the hot path and runs once per line of the bundle. */
export class LogStore {
  /** Lines with a trace-graph node (request id node first, else trace id node). */
  readonly traced = new TracedLines();
  readonly files = new Interner();
  /** Distinct messages; free-text logs can have unbounded variety, so the interner is capped. */
  readonly msgs = new Interner(200_000);
  readonly sources = new Interner();
  readonly sourceInfo: SourceInfo[] = [];
  /** Which records are kept whole (retention.ts). */
  private readonly retention: Retention;
  /**
   * Counted as lines stream in when the window is known from the start (every line added is inside
   * it); else null, and the lines without an id wait in `untraced` (7 bytes each) for finish.
   */
  private readonly counts: LineCounts | null;
  private untraced: UntracedLines | null;
  private seen = 0;
  private lastFileId = -1;
  private lastSourceId = -1;
  private lastTs = Number.NEGATIVE_INFINITY;
  private lastRec: LogRecord | undefined;

  /** `countWhileStreaming`: the window is final before the stream starts (no relative bound). */
  constructor(retainLimit: number, countWhileStreaming = false) {
    this.retention = new Retention(retainLimit, !countWhileStreaming);
    this.counts = countWhileStreaming ? new LineCounts() : null;
    this.untraced = countWhileStreaming ? null : { ts: near16(), msg: u16w(), level: u8(), source: u16w() };
  }

  /** Lines added so far. */
  get count(): number {
    return this.seen;
  }

  /** Index one record. `status` is its access-line status (0 if none). */
  add(r: LogRecord, node: number, status: number): void {
    const seq = this.seen++;
    const ts = r.ts ?? Number.NaN;
    // Consecutive records mostly come from the same file and source: skip the intern lookups then.
    const same = this.lastRec;
    const fileId = same !== undefined && same.file === r.file ? this.lastFileId : this.files.id(r.file);
    if (fileId !== this.lastFileId) this.lastTs = Number.NEGATIVE_INFINITY;
    const sourceId = same !== undefined && same.source === r.source ? this.lastSourceId : this.sourceId(r);
    const msgId = this.msgs.id(r.msg);
    const level = LEVEL_CODE[r.level] ?? 1;
    if (node >= 0) this.traced.push(ts, node, msgId, fileId, sourceId, level, r.line, r.offset);
    if (this.counts !== null) this.counts.add(ts, msgId, level, sourceId);
    else if (node < 0) {
      const u = this.untraced!;
      u.ts.push(ts);
      u.msg.push(msgId);
      u.level.push(level);
      u.source.push(sourceId);
    }
    // A line without a time sorts at its predecessor's time in the same file.
    const orderTs = r.ts ?? this.lastTs;
    if (r.ts !== null) this.lastTs = r.ts;
    if (same === undefined || same.format !== r.format || same.file !== r.file || same.source !== r.source) {
      const info = this.sourceInfo[sourceId]!;
      info.formats.add(r.format);
      info.files.add(r.file);
    }
    this.lastFileId = fileId;
    this.lastSourceId = sourceId;
    this.lastRec = r;

    this.retention.offer(r, seq, node, orderTs, status);
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

  /** The counts over the window: streamed ones as they are, else counted now from the per-line columns (then released). */
  private countsIn(w: Window): LineCounts {
    if (this.counts !== null) return this.counts;
    const c = new LineCounts();
    const u = this.untraced!;
    for (let i = 0; i < u.ts.length; i++) {
      const ts = u.ts.get(i);
      if (inWindow(w, ts)) c.add(ts, u.msg.get(i), u.level.get(i), u.source.get(i));
    }
    this.untraced = null;
    const t = this.traced;
    for (let k = 0; k < t.count; k++) {
      const ts = t.ts.get(k);
      if (inWindow(w, ts)) c.add(ts, t.msg.get(k), t.levelOf(k), t.sourceOf(k));
    }
    return c;
  }

  /** Build the LogIndex over the window. */
  finish(w: Window): { index: LogIndex; retained: Retained[] } {
    const { kept, weights, sampled } = this.retention.finish(w);
    const counts = this.countsIn(w);
    const { total, msg: msgCounts } = counts;
    const srcStats = this.sourceInfo.map((_, i) => counts.sources[i] ?? { records: 0, first: null, last: null });
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
        return id < 0 ? 0 : msgCounts[id] ?? 0;
      },
      where: (pred) => records.filter(pred),
      sources: () => this.sourceInfo.map((info, i): LogSource => ({
        source: this.sources.values[i]!, origin: info.origin, formats: [...info.formats], files: [...info.files],
        ...srcStats[i]!,
      })).filter((s) => s.records > 0),
      levelCounts: counts.level,
      weight: (r) => weights.get(r) ?? 1,
      sampled,
    };
    return { index, retained: kept };
  }
}
