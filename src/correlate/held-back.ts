// Lines of open requests held back (past the retain limit) in case the request fails: a fixed ring
// of slots with typed-array fields, chained per trace node, instead of one object and array per line.
import type { LogRecord } from '../ingest/index.ts';

/** A held-back line handed back when its request failed. */
export interface HeldLine { rec: LogRecord; idx: number; orderTs: number }

/**
 * The last `capacity` held-back lines, oldest overwritten first. Each slot links to the previous
 * slot of the same node, so a node's lines are found without a list per node. A line is dropped
 * as soon as its request settles (see `release`): it then dies young instead of being promoted to
 * the old generation, which is what made the heap grow ~3× its live size on large bundles.
 */
export class HeldBack {
  private readonly recs: (LogRecord | undefined)[];
  private readonly node: Int32Array;
  private readonly idx: Uint32Array;
  private readonly orderTs: Float64Array;
  /** Previous slot of the same node (-1 for none) and the sequence number it had when linked. */
  private readonly prev: Int32Array;
  private readonly prevSeq: Float64Array;
  private readonly seq: Float64Array;
  /** Newest slot of each node that has lines held. */
  private readonly newest = new Map<number, number>();
  private next = 0;

  constructor(private readonly capacity: number) {
    this.recs = new Array<LogRecord | undefined>(capacity).fill(undefined);
    this.node = new Int32Array(capacity);
    this.idx = new Uint32Array(capacity);
    this.orderTs = new Float64Array(capacity);
    this.prev = new Int32Array(capacity);
    this.prevSeq = new Float64Array(capacity);
    this.seq = new Float64Array(capacity).fill(-1);
  }

  /** Hold one line of `node`; the oldest held line is forgotten when the ring is full. */
  hold(node: number, idx: number, rec: LogRecord, orderTs: number): void {
    const seq = this.next++;
    const s = seq % this.capacity;
    if (this.seq[s]! >= 0) {
      // FIFO: an evicted slot is always its node's oldest, so only a node's last slot clears its entry.
      const old = this.node[s]!;
      if (this.newest.get(old) === s) this.newest.delete(old);
    }
    const p = this.newest.get(node);
    this.recs[s] = rec;
    this.node[s] = node;
    this.idx[s] = idx;
    this.orderTs[s] = orderTs;
    this.seq[s] = seq;
    this.prev[s] = p ?? -1;
    this.prevSeq[s] = p === undefined ? -1 : this.seq[p]!;
    this.newest.set(node, s);
  }

  /** Hand back (oldest first) and forget every held line of `node`. */
  take(node: number): HeldLine[] {
    const out: HeldLine[] = [];
    this.walk(node, (s) => out.push({ rec: this.recs[s]!, idx: this.idx[s]!, orderTs: this.orderTs[s]! }));
    return out.reverse();
  }

  /** Forget every held line of `node` (its request settled without failing). */
  release(node: number): void {
    this.walk(node, () => {});
  }

  private walk(node: number, visit: (slot: number) => void): void {
    const first = this.newest.get(node);
    if (first === undefined) return;
    this.newest.delete(node);
    let s = first;
    while (s >= 0) {
      if (this.recs[s] !== undefined && this.node[s] === node) {
        visit(s);
        this.recs[s] = undefined;
      }
      const p = this.prev[s]!;
      // The previous slot was overwritten since it was linked: it and everything older are gone.
      if (p < 0 || this.seq[p] !== this.prevSeq[s]) break;
      s = p;
    }
  }
}
