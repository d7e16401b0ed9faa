// The request/trace graph: every trace_id and request_id is a node; a record carrying both links
// them (union-find), so a request whose later lines gained a trace id is one story, not two.
import { Interner, i32, near16, u8, type Column } from './columns.ts';
import { IdTable, NodeWords } from './id-table.ts';

/** Ids that mean "no id" (W3C all-zero trace id, empty strings). */
const NULL_IDS = new Set(['', '0', '00000000000000000000000000000000', '0000000000000000']);
/** Whether an id means "no id". Checked on every line: a fresh id string is hashed only when it starts with 0. */
const isNullId = (id: string): boolean => id.length === 0 || (id.charCodeAt(0) === 48 && NULL_IDS.has(id));

/**
 * Distinct SDK verdict texts kept; later new ones share one text (they embed times or ids at worst).
 * Stays below 65 535: traces.ts keeps verdict ids in two bytes per trace.
 */
const MAX_VERDICTS = 50_000;

/**
 * Outcome facts of traced lines (an OAuth error code, an SDK verdict) in arrival order, as columns:
 * an outage of token rejections has one per request, so they are not kept as objects.
 */
export class OutcomeFacts {
  readonly ts = near16();
  readonly node = near16();
  /** Ids in `codes` / `verdicts`, -1 for none. */
  readonly code = i32();
  readonly verdict = i32();
  readonly codes = new Interner();
  readonly verdicts = new Interner(MAX_VERDICTS, '(another verdict)');

  constructor() {
    this.verdicts.id('ok'); // always its own id, however many verdicts come first
  }

  get length(): number {
    return this.ts.length;
  }

  push(ts: number, node: number, code: string | undefined, verdict: string | undefined): void {
    this.ts.push(ts);
    this.node.push(node);
    this.code.push(code === undefined ? -1 : this.codes.id(code));
    this.verdict.push(verdict === undefined ? -1 : this.verdicts.id(verdict));
  }
}

export class TraceGraph {
  /** Ids are kept as numbers, not strings (id-table.ts); `name()` spells one again. */
  private readonly spelling = new NodeWords();
  private readonly reqIds = new IdTable(this.spelling);
  private readonly traceIds = new IdTable(this.spelling);
  /** 1 for a trace-id node, 0 for a request-id node. */
  readonly isTrace = u8();
  private parent = near16();
  /**
   * First timed record of each node (its row in LogStore.traced), NaN until it has one: a later record
   * from another source makes a clock pair.
   */
  private firstIdx = near16();
  /** Set once the streaming state is released (at finish): the graph then only names and looks up ids. */
  private released = false;
  readonly facts = new OutcomeFacts();

  get size(): number {
    return this.isTrace.length;
  }

  /** The id of a node, as spelled in the logs. */
  name(node: number): string {
    return this.spelling.name(node);
  }

  /**
   * Forget each node's first record and the union-find links (~9 MB per million ids) once the
   * trace slots are computed: only the streaming clock pairs and `find()` read them. Returns the
   * links' column (a number per node), for the caller to reuse as scratch.
   */
  releaseStreamState(): Column {
    const links = this.parent;
    this.released = true;
    this.firstIdx = near16();
    this.parent = near16();
    return links;
  }

  private node(table: IdTable, id: string, isTrace: number): number {
    const n = table.get(id, this.size);
    if (n === this.size) {
      this.isTrace.push(isTrace);
      if (!this.released) {
        this.parent.push(n);
        this.firstIdx.push(Number.NaN);
      }
    }
    return n;
  }

  /** The node of a record's ids (request id first), linking request and trace when it carries both; -1 for none. */
  nodeOf(requestId: string | undefined, traceId: string | undefined): number {
    const rn = requestId !== undefined && !isNullId(requestId) ? this.node(this.reqIds, requestId, 0) : -1;
    const tn = traceId !== undefined && !isNullId(traceId) ? this.node(this.traceIds, traceId, 1) : -1;
    if (rn >= 0 && tn >= 0) this.union(rn, tn);
    return rn >= 0 ? rn : tn;
  }

  /** Node of a trace id already seen (never a request id), or -1. */
  traceNode(id: string): number {
    return this.traceIds.get(id);
  }

  /** Node of a known trace id or request id, or -1. */
  lookup(id: string): number {
    if (id.startsWith('req:')) return this.reqIds.get(id.slice(4));
    const t = this.traceIds.get(id);
    return t >= 0 ? t : this.reqIds.get(id);
  }

  /** Root of a node's set; only while records stream in (until `releaseStreamState`). */
  find(n: number): number {
    if (this.released) throw new Error('trace graph: find() after the stream state was released');
    let x = n;
    while (this.parent.get(x) !== x) {
      const gp = this.parent.get(this.parent.get(x));
      this.parent.set(x, gp); // path halving
      x = gp;
    }
    return x;
  }

  private union(a: number, b: number): void {
    if (this.released) return;
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The older node stays root so ids stay stable while the stream grows.
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }

  /**
   * Remember the first timed record of a node; returns that record's traced row when this is a later
   * one (the caller compares sources and times in the traced rows), else -1.
   */
  touch(node: number, idx: number): number {
    if (this.released) return -1;
    const first = this.firstIdx.get(node);
    if (!Number.isNaN(first)) return first;
    this.firstIdx.set(node, idx);
    return -1;
  }
}
