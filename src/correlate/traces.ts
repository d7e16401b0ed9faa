// Per-trace aggregates (records, time span, sources, HTTP status, OAuth code, SDK verdict) and the
// TraceIndex. Aggregates are computed at finish from the compact columns, so they cover every record
// in the window, retained or not; summaries are materialised only when asked for.
import type { AuditRecord, LogOrigin } from '../ingest/index.ts';
import { NO_METHOD, NO_PATH, type HttpTable } from './http.ts';
import { LEVELS } from './levels.ts';
import type { LogStore, Retained } from './log-store.ts';
import type { RecordLocation, TimelineEntry, TraceIndex, TraceOutcome, TraceSummary } from './model.ts';
import { near16, type Column } from './columns.ts';
import { sortByKeys } from './sort-index.ts';
import { buildTimeline } from './timeline.ts';
import type { TraceGraph } from './trace-graph.ts';
import { inWindow, type Window } from './window.ts';

const ORIGINS: LogOrigin[] = ['authserver', 'sdk', 'mcp-server', 'other'];
const ORIGIN_BIT: Record<LogOrigin, number> = { authserver: 1, sdk: 2, 'mcp-server': 4, other: 8 };
const DENIED_CODES = new Set(['access_denied', 'invalid_token', 'insufficient_scope', 'unauthorized']);
const SERVER_CODES = new Set(['server_error', 'temporarily_unavailable']);
/** Summaries kept for get()/find() before the cache starts over. */
const CACHED_SUMMARIES = 10_000;
const OUTCOME_RANK: Record<TraceOutcome, number> = { 'server-error': 0, denied: 1, 'client-error': 2, ok: 3, unknown: 3 };

/** The outcome of a trace from its status, else its SDK verdict, else its OAuth error code. */
export function outcomeOf(status: number, verdict?: string, code?: string): TraceOutcome {
  if (status >= 500) return 'server-error';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 400) return 'client-error';
  if (status > 0) return 'ok';
  if (verdict !== undefined) return verdict === 'ok' ? 'ok' : 'denied';
  if (code !== undefined) return SERVER_CODES.has(code) ? 'server-error' : DENIED_CODES.has(code) ? 'denied' : 'client-error';
  return 'unknown';
}

export interface TraceInputs {
  graph: TraceGraph;
  logs: LogStore;
  http: HttpTable;
  window: Window;
  retained: readonly Retained[];
  /** Dump and dropped audit rows whose trace id is one of these, in trail order. */
  auditFor(traceIds: ReadonlySet<string>): readonly AuditRecord[];
  /** Clock offset (ms) per source name, to correct timelines. */
  offsets: Map<string, number>;
  /** Called once the access rows have been read (the caller may drop them and collect garbage). */
  released?: () => void;
}

/** Aggregate the graph over the window and expose it as the TraceIndex. */
export function buildTraces(inp: TraceInputs): TraceIndex {
  const { graph, logs, http, window: w } = inp;
  const n = graph.size;
  // Aggregates are kept per trace (a dense slot per union-find root), not per id: a gigabyte bundle
  // has ~1.1 M ids but ~0.7 M traces. `root` maps an id's node to its trace's slot; slots follow node order.
  const root = new Int32Array(n);
  let slots = 0;
  for (let i = 0; i < n; i++) {
    // A root is never younger than its members (union keeps the older node), so it has its slot already.
    const r = graph.find(i);
    root[i] = r === i ? slots++ : root[r]!;
  }
  // From here on `root` answers what `find()` did; the first record of each id only served clock pairs.
  // The union-find links' storage (a number per node) is reused for the member chains.
  const links = graph.releaseStreamState();
  const { status, method, path } = http.traceStatus(w, root, slots);
  // The access rows and the stream state are no longer needed: let the caller free them before
  // the aggregates below are allocated, so that those can reuse the memory.
  inp.released?.();
  const count = new Uint32Array(slots);
  const spans = new Spans(slots);
  const origins = new Uint8Array(slots);
  // Source ids in 2 bytes per trace while there are fewer than 65 535 sources (always, in practice).
  const narrow = logs.sources.size < 0xffff;
  const NO_SRC = narrow ? 0xffff : -1;
  const src1 = narrow ? new Uint16Array(slots).fill(NO_SRC) : new Int32Array(slots).fill(NO_SRC);
  const src2 = narrow ? new Uint16Array(slots).fill(NO_SRC) : new Int32Array(slots).fill(NO_SRC);
  const moreSrc = new Map<number, Set<number>>();
  const addRecord = (r: number, ts: number, src: number): void => {
    count[r]!++;
    if (!Number.isNaN(ts)) spans.add(r, ts);
    origins[r]! |= ORIGIN_BIT[logs.sourceInfo[src]!.origin];
    if (src1[r] === NO_SRC || src1[r] === src) src1[r] = src;
    else if (src2[r] === NO_SRC || src2[r] === src) src2[r] = src;
    else {
      let s = moreSrc.get(r);
      if (!s) moreSrc.set(r, (s = new Set()));
      s.add(src);
    }
  };
  const traced = logs.traced;
  for (let k = 0; k < traced.count; k++) {
    const ts = traced.ts.get(k);
    if (!inWindow(w, ts)) continue;
    addRecord(root[traced.node.get(k)]!, ts, traced.sourceOf(k));
  }
  const attached = attachOrphans(inp, root, spans, count);
  for (const [pos, r] of attached) {
    // Attached lines always have a time, and their source was interned when they streamed in.
    const rec = inp.retained[pos]!.rec;
    addRecord(r, rec.ts!, logs.sources.find(rec.source));
  }
  // Per trace: the first OAuth code, and the first verdict that is not `ok` (else `ok`), as ids.
  const facts = graph.facts;
  // Two bytes per trace: codes come from the fixed OAuth list and verdicts are capped at MAX_VERDICTS.
  const NONE = 0xffff;
  const codeId = new Uint16Array(slots).fill(NONE);
  const verdictId = new Uint16Array(slots).fill(NONE);
  const okId = facts.verdicts.find('ok');
  for (let i = 0; i < facts.length; i++) {
    if (!inWindow(w, facts.ts.get(i))) continue;
    const r = root[facts.node.get(i)]!;
    const c = facts.code.get(i);
    if (c >= 0 && codeId[r] === NONE) codeId[r] = c;
    const v = facts.verdict.get(i);
    if (v >= 0 && (verdictId[r] === NONE || verdictId[r] === okId)) verdictId[r] = v;
  }
  const code = { get: (r: number) => (codeId[r] !== NONE ? facts.codes.values[codeId[r]!] : undefined) };
  const verdict = { get: (r: number) => (verdictId[r] !== NONE ? facts.verdicts.values[verdictId[r]!] : undefined) };
  // The slots with records, typed (0.7 M traces at 1 GB); null when that is every slot (no window
  // left one empty), where slot i is simply the i-th trace.
  let total = 0;
  for (let i = 0; i < slots; i++) if (count[i]! > 0) total++;
  let roots: Int32Array | null = null;
  if (total < slots) {
    roots = new Int32Array(total);
    for (let i = 0, k = 0; i < slots; i++) if (count[i]! > 0) roots[k++] = i;
  }
  const rootAt = (k: number): number => (roots === null ? k : roots[k]!);

  let members: { head: Int32Array; next: Column } | undefined;
  const memberIds = (r: number): { traceIds: string[]; requestIds: string[] } => {
    members ??= memberChains(root, slots, links);
    const traceIds: string[] = [];
    const requestIds: string[] = [];
    for (let m = members.head[r]!; m >= 0; m = members.next.get(m)) {
      (graph.isTrace.get(m) ? traceIds : requestIds).push(graph.name(m));
    }
    return { traceIds, requestIds };
  };
  const outcome = (r: number): TraceOutcome => outcomeOf(status[r]!, verdict.get(r), code.get(r));
  // Single lookups are cached; list() builds fresh objects so that listing 700 k traces of a gigabyte
  // bundle does not keep them all alive (that cache held ~480 MB after the rules had run).
  const cache = new Map<number, TraceSummary>();
  const cached = (r: number): TraceSummary => {
    const hit = cache.get(r);
    if (hit) return hit;
    if (cache.size >= CACHED_SUMMARIES) cache.clear();
    const s = summary(r);
    cache.set(r, s);
    return s;
  };
  // Most traces share one of a few source lists and origin sets: one array each, shared by every
  // summary (nothing mutates them), instead of two new arrays per trace.
  const sourceLists = new Map<number, string[]>();
  const sourcesOf = (r: number): string[] => {
    const more = moreSrc.get(r);
    if (more) return [src1[r]!, src2[r]!, ...more].map((x) => logs.sources.values[x]!);
    const a = src1[r] === NO_SRC ? -1 : src1[r]!;
    const b = src2[r] === NO_SRC ? -1 : src2[r]!;
    const key = (a + 1) * 0x100000 + b + 1;
    let l = sourceLists.get(key);
    if (!l) sourceLists.set(key, (l = [a, b].filter((x) => x >= 0).map((x) => logs.sources.values[x]!)));
    return l;
  };
  const originSets = new Map<number, LogOrigin[]>();
  const originsOf = (bits: number): LogOrigin[] => {
    let l = originSets.get(bits);
    if (!l) originSets.set(bits, (l = ORIGINS.filter((o) => bits & ORIGIN_BIT[o])));
    return l;
  };
  const summary = (r: number): TraceSummary => {
    const { traceIds, requestIds } = memberIds(r);
    const s0 = spans.startOf(r);
    const e0 = spans.end(r);
    const known = !Number.isNaN(s0);
    const s: TraceSummary = {
      id: traceIds[0] ?? `req:${requestIds[0]}`, requestIds,
      start: known ? s0 : null, end: known ? e0 : null, durationMs: known ? e0 - s0 : null,
      outcome: outcome(r), recordCount: count[r]!,
      sources: sourcesOf(r), origins: originsOf(origins[r]!),
    };
    if (traceIds[0] !== undefined) s.traceId = traceIds[0];
    if (status[r]! > 0) s.status = status[r]!;
    const c = code.get(r);
    if (c !== undefined) s.errorCode = c;
    const v = verdict.get(r);
    if (v !== undefined) s.verdict = v;
    if (method[r]! !== NO_METHOD && http.methods.values[method[r]!]) s.method = http.methods.values[method[r]!]!;
    if (path[r]! !== NO_PATH && http.paths.values[path[r]!]) s.path = http.paths.values[path[r]!]!;
    return s;
  };
  let sorted: Int32Array | undefined;
  // By outcome (a 404 is mostly a bot or a typo: after the other client errors, still before ok),
  // then by start (unknown last), then by slot.
  const rank = (r: number): number => 2 * OUTCOME_RANK[outcome(r)] + (status[r] === 404 ? 1 : 0);
  let bucketStarts: Int32Array | undefined;
  /** Where each rank's traces begin in the order (and the total after the last). */
  const buckets = (): Int32Array => {
    if (bucketStarts) return bucketStarts;
    const at = new Int32Array(9);
    for (let k = 0; k < total; k++) at[rank(rootAt(k)) + 1]!++;
    for (let k = 1; k < at.length; k++) at[k]! += at[k - 1]!;
    return (bucketStarts = at);
  };
  const order = (): Int32Array => {
    if (sorted) return sorted;
    // Bucketed by outcome first, in slot order, so that only one merge buffer is allocated besides the result.
    const at = buckets();
    const out = new Int32Array(total);
    const fill = at.slice();
    for (let k = 0; k < total; k++) out[fill[rank(rootAt(k))]!++] = rootAt(k);
    const start = new Float64Array(slots);
    for (let r = 0; r < slots; r++) start[r] = spans.key(r);
    for (let k = 0; k + 1 < at.length; k++) if (at[k + 1]! - at[k]! > 1) sortByKeys(out.subarray(at[k], at[k + 1]), start, start);
    sorted = out;
    return sorted;
  };
  /**
   * The first `limit` traces of order() without ordering them all: the rules list a few hundred of
   * 0.7 M traces, and the full order (plus its merge buffer) set the peak RSS of a gigabyte bundle.
   * Whole buckets before the cut are sorted; the cut bucket keeps its `limit - before` earliest
   * through a bounded heap.
   */
  const firstInOrder = (limit: number): Int32Array => {
    const at = buckets();
    let b = 0;
    while (b < 8 && at[b + 1]! <= limit) b++;
    const out = new Int32Array(Math.min(limit, total));
    const fill = at.slice(0, b);
    const need = out.length - (b > 0 ? at[b]! : 0);
    const heap = new TopK(need, (r) => spans.key(r));
    for (let k = 0; k < total; k++) {
      const r = rootAt(k);
      const x = rank(r);
      if (x < b) out[fill[x]!++] = r;
      else if (x === b) heap.offer(r);
    }
    const before = (p: number, q: number): number => spans.key(p) - spans.key(q) || p - q;
    for (let x = 0; x < b; x++) out.subarray(at[x], at[x + 1]).sort(before);
    if (need > 0) out.set(heap.sorted(), b > 0 ? at[b]! : 0);
    return out;
  };
  const rootOf = (id: string): number => {
    const node = graph.lookup(id);
    if (node < 0) return -1;
    const r = root[node]!;
    return count[r]! > 0 ? r : -1;
  };
  let timelines: Map<number, number[]> | undefined;
  return {
    total,
    list: (limit?: number) => Array.from(sorted || limit === undefined || limit >= total / 4 ? order().subarray(0, limit ?? total) : firstInOrder(limit), summary),
    get(id) {
      const r = rootOf(id);
      return r >= 0 && cached(r).id === id ? cached(r) : undefined;
    },
    find(id) {
      const r = rootOf(id);
      return r >= 0 ? cached(r) : undefined;
    },
    locate(id): RecordLocation[] {
      const r = rootOf(id);
      if (r < 0) return [];
      const out: RecordLocation[] = [];
      for (let k = 0; k < traced.count; k++) {
        if (root[traced.node.get(k)] !== r) continue;
        const ts = traced.ts.get(k);
        if (!inWindow(w, ts)) continue;
        out.push({
          file: logs.files.values[traced.fileOf(k)]!, line: traced.line.get(k), offset: traced.offset.get(k),
          ts: Number.isNaN(ts) ? null : ts, level: LEVELS[traced.levelOf(k)]!, msg: logs.msgs.values[traced.msg.get(k)]!,
          source: logs.sources.values[traced.sourceOf(k)]!,
        });
      }
      let last = Number.NEGATIVE_INFINITY;
      const keyed = out.map((x, k) => ({ x, k, key: (last = x.ts ?? last) }));
      return keyed.sort((a, b) => a.key - b.key || a.k - b.k).map((y) => y.x);
    },
    timeline(id): TimelineEntry[] {
      const r = rootOf(id);
      if (r < 0) return [];
      if (!timelines) {
        timelines = new Map();
        inp.retained.forEach((x, pos) => {
          const node = x.node;
          const tr = node >= 0 ? root[node]! : attached.get(pos);
          if (tr === undefined) return;
          const l = timelines!.get(tr);
          if (l) l.push(pos);
          else timelines!.set(tr, [pos]);
        });
      }
      const recs = (timelines.get(r) ?? []).map((pos) => inp.retained[pos]!.rec);
      const rows = inp.auditFor(new Set(memberIds(r).traceIds));
      return buildTimeline(recs, rows, inp.offsets);
    },
  };
}

/**
 * Members of every trace slot: `head[slot]` then `next[node]` chains in node order, ended by -1 in
 * `head` and NaN in `next` (NaN keeps a near16 column in 2 bytes a node, where -1 is far from the
 * node numbers around it). `next` overwrites `links` (a free number per node) when it has room for every node.
 */
function memberChains(root: Int32Array, slots: number, links: Column): { head: Int32Array; next: Column } {
  const head = new Int32Array(slots).fill(-1);
  const next = links.length >= root.length ? links : near16();
  while (next.length < root.length) next.push(Number.NaN);
  for (let i = root.length - 1; i >= 0; i--) {
    const h = head[root[i]!]!;
    next.set(i, h < 0 ? Number.NaN : h);
    head[root[i]!] = i;
  }
  return { head, next };
}

/** The `k` smallest items by (key, item) seen through offer(), in a max-heap; sorted() returns them ascending. */
class TopK {
  private readonly heap: Int32Array;
  private n = 0;

  constructor(private readonly k: number, private readonly key: (x: number) => number) {
    this.heap = new Int32Array(Math.max(k, 0));
  }

  private after(a: number, b: number): boolean {
    const ka = this.key(a);
    const kb = this.key(b);
    return ka !== kb ? ka > kb : a > b;
  }

  offer(x: number): void {
    const h = this.heap;
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.after(x, h[p]!)) break;
        h[i] = h[p]!;
        i = p;
      }
      h[i] = x;
      return;
    }
    if (this.k === 0 || !this.after(h[0]!, x)) return;
    this.siftDown(x, this.n);
  }

  /** Put `x` at the root and restore the heap over its first `n` items. */
  private siftDown(x: number, n: number): void {
    const h = this.heap;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.after(h[c + 1]!, h[c]!)) c++;
      if (!this.after(h[c]!, x)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = x;
  }

  /** The items ascending (the heap is used up). */
  sorted(): Int32Array {
    const h = this.heap;
    for (let n = this.n; n > 1; n--) {
      const top = h[0]!;
      this.siftDown(h[n - 1]!, n - 1);
      h[n - 1] = top;
    }
    return h.subarray(0, this.n);
  }
}

/**
 * Each trace slot's time span, as start and end in near16 columns (NaN while unknown): slots follow
 * the order their first id appeared in, so neighbouring slots start and end close together and most
 * take 2 bytes each (a float64 start and a 4-byte duration took 12 bytes a trace).
 */
class Spans {
  private readonly start = near16();
  private readonly stop = near16();

  constructor(slots: number) {
    for (let r = 0; r < slots; r++) {
      this.start.push(Number.NaN);
      this.stop.push(Number.NaN);
    }
  }

  /** Widen slot `r`'s span to include `ts` (a time, not NaN). */
  add(r: number, ts: number): void {
    const s = this.start.get(r);
    if (Number.isNaN(s)) {
      this.start.set(r, ts);
      this.stop.set(r, ts);
      return;
    }
    if (ts < s) this.start.set(r, ts);
    else if (ts > this.stop.get(r)) this.stop.set(r, ts);
  }

  /** Start of slot `r`'s span; NaN while unknown. */
  startOf(r: number): number {
    return this.start.get(r);
  }

  /** Start of slot `r`'s span as a sort key: unknown sorts last. */
  key(r: number): number {
    const s = this.start.get(r);
    return Number.isNaN(s) ? Number.POSITIVE_INFINITY : s;
  }

  /** End of slot `r`'s span; NaN while unknown. */
  end(r: number): number {
    return this.stop.get(r);
  }
}

/** Ids that tie a line without request/trace id to one request (client_id alone never does: too broad). */
export const SHARED_KEYS = ['family_id', 'jti', 'session_id', 'auth_session_id', 'token_id', 'grant_id'];
/** How far outside a trace's time span an id-less line may lie and still belong to it. */
const ATTACH_SLACK_MS = 2000;

/**
 * Attach retained lines that carry no request/trace id to the one trace that shares an id with them
 * and whose time span contains them; with zero or several candidates the line stays unattached.
 */
function attachOrphans(inp: TraceInputs, root: Int32Array, spans: Spans, count: Uint32Array): Map<number, number> {
  const out = new Map<number, number>();
  // Which traces carried each shared id, from the retained lines (past the retain limit those are the
  // notable lines and the lines of failing requests: the ones an id-less warning is about).
  const shared = new Map<string, Set<number>>();
  for (const x of inp.retained) {
    const node = x.node;
    if (node < 0) continue;
    for (const key of SHARED_KEYS) {
      const v = x.rec.attrs[key];
      if (typeof v !== 'string' || v === '') continue;
      const k = `${key}\u0000${v}`;
      const set = shared.get(k);
      if (set) set.add(root[node]!);
      else shared.set(k, new Set([root[node]!]));
    }
  }
  if (shared.size === 0) return out;
  inp.retained.forEach((x, pos) => {
    const r = x.rec;
    if (r.ts === null || x.node >= 0) return;
    const cands = new Set<number>();
    for (const key of SHARED_KEYS) {
      const v = r.attrs[key];
      if (typeof v !== 'string' || v === '') continue;
      for (const t of shared.get(`${key}\u0000${v}`) ?? []) {
        if (count[t]! > 0 && r.ts >= spans.startOf(t) - ATTACH_SLACK_MS && r.ts <= spans.end(t) + ATTACH_SLACK_MS) cands.add(t);
      }
    }
    if (cands.size === 1) out.set(pos, [...cands][0]!);
  });
  return out;
}
