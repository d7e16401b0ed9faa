// Access-line facts (authserver `http request` and MCP-server access lines) and the HttpIndex.
import type { LogRecord } from '../ingest/index.ts';
import { Interner, TripleIds, near16, u16, u16w, u8, type Column } from './columns.ts';
import { accessStatus } from './log-facts.ts';
import type { HttpIndex } from './model.ts';
import { inWindow, type Window } from './window.ts';

/** Method and path ids meaning none in TraceStatus (method ids stay under 101, path ids under 50 001: their interners' caps). */
export const NO_METHOD = 0xff;
export const NO_PATH = 0xffff;

/** The host part of `ip:port` / `[v6]:port` (remote_addr is Go's r.RemoteAddr). */
export function remoteHost(addr: string): string {
  if (addr.startsWith('[')) {
    const end = addr.indexOf(']');
    return end > 0 ? addr.slice(1, end) : addr;
  }
  const colon = addr.lastIndexOf(':');
  // More than one colon without brackets is a bare IPv6 address: no port to strip.
  return colon > 0 && addr.indexOf(':') === colon ? addr.slice(0, colon) : addr;
}

/** How bad an HTTP status is, for picking a trace's status among several access lines. */
export function statusRank(s: number): number {
  if (s >= 500) return 4;
  if (s === 401 || s === 403) return 3;
  if (s >= 400) return 2;
  return s > 0 ? 1 : 0;
}

/** Per trace slot: the worst access status and the method and path of its first line with it (maximum id: none). */
export interface TraceStatus { status: Uint16Array; method: Uint8Array; path: Uint16Array }

/** One row per access line, kept only while a relative --since/--until bound is unresolved. */
interface Rows { ts: Column; status: Column; path: Column; method: Column; remote: Column; node: Column }

/**
 * Per trace-graph node: its worst access line so far, as a kind (an index in `Kinds`, 0 for none)
 * and that line's number: 4 bytes a node.
 */
interface NodeBest { kind: Column; seq: Column }

/** Distinct (status, method, path) triples of access lines as `a`, `b`, `c`; a bundle has a few hundred. Kind 0 is none. */
class Kinds extends TripleIds {
  constructor() {
    super();
    this.of(0, NO_METHOD, NO_PATH);
  }

  /** The kind of a triple (status 100-999, method id < 128, path id < 65 536: their interners' caps keep them so). */
  of(status: number, method: number, path: number): number {
    return this.id((status * 128 + method) * 0x10000 + path, status, method, path);
  }
}

/** HttpIndex counts: by status, by path id then status, and by status then remote host id. */
interface Counts { total: number; byStatus: Map<number, number>; byPath: Map<number, Map<number, number>>; remotes: Map<number, Map<number, number>> }

/**
 * Access lines. With the window known from the start (every line added is inside it) the HttpIndex
 * counts and each node's worst status are kept as the lines stream in: 4 bytes per trace-graph
 * node. Otherwise one row per access line (11 bytes) waits for the window, read once at finish.
 */
export class HttpTable {
  readonly paths = new Interner(50_000);
  readonly methods = new Interner(100);
  readonly remotes = new Interner(500_000);
  private counts: Counts | null;
  private best: NodeBest | null;
  private readonly kinds = new Kinds();
  private rows: Rows | null;
  private seen = 0;

  /** `countWhileStreaming`: the window is final before the stream starts (no relative bound). */
  constructor(countWhileStreaming = false) {
    this.counts = countWhileStreaming ? newCounts() : null;
    this.best = countWhileStreaming ? { kind: u16w(), seq: near16() } : null;
    this.rows = countWhileStreaming ? null : { ts: near16(), status: u16(), path: u16w(), method: u8(), remote: u16w(), node: near16() };
  }

  /** Access lines added so far. */
  get count(): number {
    return this.seen;
  }

  /** Take one access line with its status and trace-graph node (-1 for none). */
  add(r: LogRecord, status: number, node: number): void {
    const seq = this.seen++;
    const a = r.attrs;
    // Method ids stay under 101 and path ids under 50 001 (their interners' caps).
    const path = this.paths.id(typeof a.path === 'string' ? a.path : typeof a['http.route'] === 'string' ? a['http.route'] : '');
    const method = this.methods.id(typeof a.method === 'string' ? a.method : '');
    // Remote host id + 1 (0: none).
    const remote = typeof a.remote_addr === 'string' ? this.remotes.id(remoteHost(a.remote_addr)) + 1 : 0;
    if (this.counts !== null) {
      count(this.counts, status, path, remote);
      if (node >= 0) this.noteBest(node, status, method, path, seq);
      return;
    }
    const rows = this.rows!;
    rows.ts.push(r.ts ?? Number.NaN);
    rows.status.push(status);
    rows.path.push(path);
    rows.method.push(method);
    rows.remote.push(remote);
    rows.node.push(node);
  }

  private noteBest(node: number, status: number, method: number, path: number, seq: number): void {
    const b = this.best!;
    while (b.kind.length <= node) {
      b.kind.push(0);
      b.seq.push(Number.NaN); // none yet (NaN keeps the near16 column narrow)
    }
    if (statusRank(status) > statusRank(this.kinds.a[b.kind.get(node)]!)) {
      b.kind.set(node, this.kinds.of(status, method, path));
      b.seq.set(node, seq);
    }
  }

  /**
   * Each trace slot's worst status, with the method and path of the first access line (in stream
   * order) that had it. `root` maps a node to its slot.
   */
  traceStatus(w: Window, root: Int32Array, slots: number): TraceStatus {
    const status = new Uint16Array(slots);
    const method = new Uint8Array(slots).fill(NO_METHOD);
    const path = new Uint16Array(slots).fill(NO_PATH);
    const rows = this.rows;
    if (rows !== null) {
      for (let i = 0; i < rows.ts.length; i++) {
        const node = rows.node.get(i);
        if (node < 0 || !inWindow(w, rows.ts.get(i))) continue;
        const r = root[node]!;
        const st = rows.status.get(i);
        if (statusRank(st) > statusRank(status[r]!)) {
          status[r] = st;
          method[r] = rows.method.get(i);
          path[r] = rows.path.get(i);
        }
      }
      return { status, method, path };
    }
    // Per node the first line with its worst status is kept; per slot the earliest of its nodes'
    // lines with the slot's worst status wins, which is the line the row loop above would pick.
    const b = this.best!;
    const k = this.kinds;
    const seq = new Uint32Array(slots);
    for (let node = 0; node < b.kind.length; node++) {
      const kind = b.kind.get(node);
      if (kind === 0) continue;
      const r = root[node]!;
      const st = k.a[kind]!;
      const gain = statusRank(st) - statusRank(status[r]!);
      if (gain > 0 || (gain === 0 && b.seq.get(node) < seq[r]!)) {
        status[r] = st;
        method[r] = k.b[kind]!;
        path[r] = k.c[kind]!;
        seq[r] = b.seq.get(node);
      }
    }
    return { status, method, path };
  }

  /** Drop the rows or per-node bests once the HttpIndex and the trace aggregates are built (the interners stay: summaries spell paths and methods). */
  releaseRows(): void {
    this.rows = null;
    this.best = null;
  }

  /** Build the HttpIndex over the window; failures come from the retained (time-ordered) records. Call before releaseRows. */
  finish(w: Window, retained: readonly LogRecord[]): HttpIndex {
    let c = this.counts;
    if (c === null) {
      c = newCounts();
      const rows = this.rows!;
      for (let i = 0; i < rows.ts.length; i++) {
        if (inWindow(w, rows.ts.get(i))) count(c, rows.status.get(i), rows.path.get(i), rows.remote.get(i));
      }
    }
    this.counts = null;
    const byPath = new Map<string, Map<number, number>>();
    for (const [id, m] of c.byPath) byPath.set(this.paths.values[id]!, m);
    const remotes = new Map<number, Map<string, number>>();
    for (const [st, m] of c.remotes) remotes.set(st, new Map([...m].map(([id, n]) => [this.remotes.values[id]!, n])));
    const failures = retained.filter((r) => accessStatus(r) >= 400);
    return {
      total: c.total, byStatus: c.byStatus, byPath,
      failures: () => [...failures],
      remoteAddrs(status) {
        if (status !== undefined) return new Map(remotes.get(status) ?? []);
        const all = new Map<string, number>();
        for (const m of remotes.values()) for (const [h, n] of m) all.set(h, (all.get(h) ?? 0) + n);
        return all;
      },
    };
  }
}

function newCounts(): Counts {
  return { total: 0, byStatus: new Map(), byPath: new Map(), remotes: new Map() };
}

/** Count one access line (`remote`: host id + 1, 0 for none). */
function count(c: Counts, status: number, path: number, remote: number): void {
  c.total++;
  c.byStatus.set(status, (c.byStatus.get(status) ?? 0) + 1);
  let p = c.byPath.get(path);
  if (!p) c.byPath.set(path, (p = new Map()));
  p.set(status, (p.get(status) ?? 0) + 1);
  if (remote > 0) {
    let m = c.remotes.get(status);
    if (!m) c.remotes.set(status, (m = new Map()));
    m.set(remote - 1, (m.get(remote - 1) ?? 0) + 1);
  }
}
