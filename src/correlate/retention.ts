// Which log records are kept whole: every record up to the retain limit, then notable lines and the
// lines of failing requests (held back while their request is open), sorted by time at finish.
// Past the limit an outage repeats a few lines hundreds of thousands of times, so each
// (source, message, level) keeps its first and its latest lines only; the kept ones then stand for
// the lines between them (`weight`), so counts stay right while memory stays bounded.
import type { LogRecord } from '../ingest/index.ts';
import { near16, u8, type Column } from './columns.ts';
import { HeldBack } from './held-back.ts';
import { LEVEL_CODE, LEVELS } from './levels.ts';
import { isNotable } from './log-facts.ts';
import type { SampledLines } from './model.ts';
import { inWindow, type Window } from './window.ts';

/** How many not-yet-notable lines of open requests are held back in case the request fails. */
const PENDING_LIMIT = 5_000;
/** Past the retain limit, per (source, message, level): the first lines kept, then a ring of the latest. */
export const KEEP_FIRST = 800;
export const KEEP_LAST = 200;
/** Emptied slots tolerated before compacting (and only once they are over half the list). */
const COMPACT_AT = 100_000;

/** A retained record with its sequence number, its trace-graph node (-1 for none) and the time it sorts by. */
export interface Retained { rec: LogRecord; idx: number; node: number; orderTs: number; key?: KeyState }

/** Lines of one (source, message, level) offered past the retain limit, and where the kept latest ones are. */
interface KeyState {
  seen: number;
  kept: number;
  /** The time of every line counted in `seen`, while the window is not final (a relative --since/--until). */
  times: Column | null;
  /** Positions in `retained` of the latest lines kept after the first KEEP_FIRST, oldest at `ringAt` once full. */
  ring: Int32Array | null;
  ringAt: number;
}

/** What finish hands on: the kept records in order, and how many lines each sampled record stands for. */
export interface RetentionResult {
  kept: Retained[];
  /** Lines a kept record stands for, for records of sampled keys only (every other record stands for 1). */
  weights: Map<LogRecord, number>;
  sampled: SampledLines[];
}

/** Decides, line by line, which records are kept whole. */
export class Retention {
  private retained: (Retained | undefined)[] = [];
  /** Slots of `retained` emptied by ring eviction (compacted away once they are most of it). */
  private dead = 0;
  private offered = 0;
  /** Key states by message, then source; four levels each. */
  private readonly keys = new Map<string, Map<string, (KeyState | undefined)[]>>();
  /** 1 for the trace-graph nodes of failing requests: a byte per node, not a Set entry (an outage fails most of them). */
  private readonly failing = u8();
  private held = new HeldBack(PENDING_LIMIT);

  /**
   * `windowLater`: a relative --since/--until bound resolves only at finish, so lines outside the
   * window are offered too; each sampled key then keeps its lines' times (2 bytes each) so that its
   * weight counts the lines inside the window only.
   */
  constructor(private readonly retainLimit: number, private readonly windowLater = false) {}

  /** Offer one record (`idx` orders ties); `status` is its access-line status (0 if none). */
  offer(r: LogRecord, idx: number, node: number, orderTs: number, status: number): void {
    if (this.offered < this.retainLimit) {
      this.offered++;
      this.retained.push({ rec: r, idx, node, orderTs });
    } else if (isNotable(r, status) || (node >= 0 && node < this.failing.length && this.failing.get(node) === 1)) {
      this.keep(r, idx, node, orderTs);
    } else if (node >= 0) {
      this.held.hold(node, idx, r, orderTs);
    }
    if (status >= 400 && node >= 0) this.markFailing(node);
  }

  /** A request's access line said it succeeded: its held-back lines can go. */
  settled(node: number): void {
    this.held.release(node);
  }

  /** A request failed: keep its held-back lines and every later line of it. */
  markFailing(node: number): void {
    while (this.failing.length <= node) this.failing.push(0);
    this.failing.set(node, 1);
    for (const p of this.held.take(node)) this.keep(p.rec, p.idx, node, p.orderTs);
  }

  /** Keep a record past the retain limit, within its key's first lines or its ring of latest ones. */
  private keep(rec: LogRecord, idx: number, node: number, orderTs: number): void {
    const key = this.keyOf(rec);
    key.seen++;
    key.times?.push(rec.ts ?? Number.NaN);
    const pos = this.retained.length;
    if (key.kept < KEEP_FIRST) {
      key.kept++;
      this.retained.push({ rec, idx, node, orderTs, key });
      return;
    }
    const ring = (key.ring ??= new Int32Array(KEEP_LAST).fill(-1));
    const old = ring[key.ringAt]!;
    if (old >= 0) {
      this.retained[old] = undefined; // the oldest of the latest lines gives way
      this.dead++;
    } else key.kept++;
    ring[key.ringAt] = pos;
    key.ringAt = (key.ringAt + 1) % KEEP_LAST;
    this.retained.push({ rec, idx, node, orderTs, key });
    if (this.dead > COMPACT_AT && this.dead * 2 > this.retained.length) this.compact();
  }

  /** Drop the emptied slots so the list grows with the lines kept, not the lines seen. */
  private compact(): void {
    const moved = new Int32Array(this.retained.length).fill(-1);
    const live: Retained[] = [];
    this.retained.forEach((x, pos) => {
      if (x === undefined) return;
      moved[pos] = live.length;
      live.push(x);
    });
    for (const bySource of this.keys.values()) {
      for (const states of bySource.values()) {
        for (const k of states) {
          if (k?.ring) for (let i = 0; i < k.ring.length; i++) if (k.ring[i]! >= 0) k.ring[i] = moved[k.ring[i]!]!;
        }
      }
    }
    this.retained = live;
    this.dead = 0;
  }

  private keyOf(rec: LogRecord): KeyState {
    let bySource = this.keys.get(rec.msg);
    if (!bySource) this.keys.set(rec.msg, (bySource = new Map()));
    let levels = bySource.get(rec.source);
    if (!levels) bySource.set(rec.source, (levels = [undefined, undefined, undefined, undefined]));
    const slot = LEVEL_CODE[rec.level] ?? 1;
    return (levels[slot] ??= { seen: 0, kept: 0, times: this.windowLater ? near16() : null, ring: null, ringAt: 0 });
  }

  /** The retained records inside the window, in time order (ties in arrival order). Call once. */
  finish(w: Window): RetentionResult {
    // Lines still held back belong to requests that never failed: nothing reads them any more.
    this.held = new HeldBack(1);
    const kept: Retained[] = [];
    for (const x of this.retained) if (x !== undefined && inWindow(w, x.rec.ts)) kept.push(x);
    const counted = this.inWindow(w, kept);
    const weights = new Map<LogRecord, number>();
    for (const x of kept) {
      const c = x.key && counted.get(x.key);
      if (c !== undefined && c.seen > c.kept) weights.set(x.rec, c.seen / c.kept);
    }
    kept.sort((a, b) => a.orderTs - b.orderTs || a.idx - b.idx);
    return { kept, weights, sampled: this.sampled(counted) };
  }

  /**
   * Per key, its lines and its kept records inside the window: as streamed when every line offered
   * was inside it, else counted from the key's line times and the kept records.
   */
  private inWindow(w: Window, kept: readonly Retained[]): Map<KeyState, { seen: number; kept: number }> {
    const out = new Map<KeyState, { seen: number; kept: number }>();
    for (const bySource of this.keys.values()) {
      for (const states of bySource.values()) {
        for (const k of states) {
          if (k === undefined) continue;
          if (k.times === null) {
            out.set(k, { seen: k.seen, kept: k.kept });
            continue;
          }
          let seen = 0;
          for (let i = 0; i < k.times.length; i++) if (inWindow(w, k.times.get(i))) seen++;
          out.set(k, { seen, kept: 0 });
        }
      }
    }
    for (const x of kept) {
      if (x.key?.times) out.get(x.key)!.kept++;
    }
    return out;
  }

  /** Keys whose lines were sampled, most repeated first. */
  private sampled(counted: Map<KeyState, { seen: number; kept: number }>): SampledLines[] {
    const out: SampledLines[] = [];
    for (const [msg, bySource] of this.keys) {
      for (const [source, states] of bySource) {
        states.forEach((k, slot) => {
          const c = k && counted.get(k);
          if (c !== undefined && c.seen > c.kept) out.push({ source, msg, level: LEVELS[slot]!, seen: c.seen, kept: c.kept });
        });
      }
    }
    return out.sort((a, b) => b.seen - a.seen || a.msg.localeCompare(b.msg) || a.source.localeCompare(b.source));
  }
}
