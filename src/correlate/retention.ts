// Which log records are kept whole: every record up to the retain limit, then notable lines and the
// lines of failing requests (held back while their request is open), sorted by time at finish.
import type { LogRecord } from '../ingest/index.ts';
import { u8 } from './columns.ts';
import { HeldBack } from './held-back.ts';
import { isNotable } from './log-facts.ts';
import { inWindow, type Window } from './window.ts';

/** How many not-yet-notable lines of open requests are held back in case the request fails. */
const PENDING_LIMIT = 5_000;

/** A retained record with its sequence number, its trace-graph node (-1 for none) and the time it sorts by. */
export interface Retained { rec: LogRecord; idx: number; node: number; orderTs: number }

/** Decides, line by line, which records are kept whole. */
export class Retention {
  private readonly retained: Retained[] = [];
  /** 1 for the trace-graph nodes of failing requests: a byte per node, not a Set entry (an outage fails most of them). */
  private readonly failing = u8();
  private held = new HeldBack(PENDING_LIMIT);

  constructor(private readonly retainLimit: number) {}

  /** Offer one record (`idx` orders ties); `status` is its access-line status (0 if none). */
  offer(r: LogRecord, idx: number, node: number, orderTs: number, status: number): void {
    if (this.retained.length < this.retainLimit || isNotable(r, status) || (node >= 0 && node < this.failing.length && this.failing.get(node) === 1)) {
      this.retained.push({ rec: r, idx, node, orderTs });
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
    for (const p of this.held.take(node)) this.retained.push({ ...p, node });
  }

  /** The retained records inside the window, in time order (ties in arrival order). Call once. */
  finish(w: Window): Retained[] {
    // Lines still held back belong to requests that never failed: nothing reads them any more.
    this.held = new HeldBack(1);
    const kept = this.retained.filter((x) => inWindow(w, x.rec.ts));
    kept.sort((a, b) => a.orderTs - b.orderTs || a.idx - b.idx);
    return kept;
  }
}
