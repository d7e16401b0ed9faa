// Per-trace aggregates (records, time span, sources, HTTP status, OAuth code, SDK verdict) and the
// TraceIndex. Aggregates are computed at finish from the compact columns, so they cover every record
// in the window, retained or not; summaries are materialised only when asked for.
import type { AuditRecord, LogOrigin } from '../ingest/index.ts';
import { NO_METHOD, NO_PATH, type HttpTable } from './http.ts';
import { LEVELS, type LogStore, type Retained } from './log-store.ts';
import type { RecordLocation, TimelineEntry, TraceIndex, TraceOutcome, TraceSummary } from './model.ts';
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
  graph.releaseStreamState();
  const { status, method, path } = http.traceStatus(w, root, slots);
  // The access rows and the stream state are no longer needed: let the caller free them before
  // the aggregates below are allocated, so that those can reuse the memory.
  inp.released?.();
  const count = new Uint32Array(slots);
  const start = new Float64Array(slots).fill(Number.POSITIVE_INFINITY);
  const end = new Float64Array(slots).fill(Number.NEGATIVE_INFINITY);
  const origins = new Uint8Array(slots);
  const src1 = new Int32Array(slots).fill(-1);
  const src2 = new Int32Array(slots).fill(-1);
  const moreSrc = new Map<number, Set<number>>();
  const addRecord = (r: number, ts: number, src: number): void => {
    count[r]!++;
    if (!Number.isNaN(ts)) {
      if (ts < start[r]!) start[r] = ts;
      if (ts > end[r]!) end[r] = ts;
    }
    origins[r]! |= ORIGIN_BIT[logs.sourceInfo[src]!.origin];
    if (src1[r] === -1 || src1[r] === src) src1[r] = src;
    else if (src2[r] === -1 || src2[r] === src) src2[r] = src;
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
  const attached = attachOrphans(inp, root, start, end, count);
  for (const [pos, r] of attached) {
    // Attached lines always have a time, and their source was interned when they streamed in.
    const rec = inp.retained[pos]!.rec;
    addRecord(r, rec.ts!, logs.sources.find(rec.source));
  }
  const code = new Map<number, string>();
  const verdict = new Map<number, string>();
  for (const f of graph.facts) {
    if (!inWindow(w, f.ts)) continue;
    const r = root[f.node]!;
    if (f.code !== undefined && !code.has(r)) code.set(r, f.code);
    if (f.verdict !== undefined && (!verdict.has(r) || verdict.get(r) === 'ok')) verdict.set(r, f.verdict);
  }
  // Typed, not a number[]: 0.7 M traces at 1 GB.
  let total = 0;
  for (let i = 0; i < slots; i++) if (count[i]! > 0) total++;
  const roots = new Int32Array(total);
  for (let i = 0, k = 0; i < slots; i++) if (count[i]! > 0) roots[k++] = i;

  let members: { head: Int32Array; next: Int32Array } | undefined;
  const memberIds = (r: number): { traceIds: string[]; requestIds: string[] } => {
    members ??= memberChains(root, slots);
    const traceIds: string[] = [];
    const requestIds: string[] = [];
    for (let m = members.head[r]!; m >= 0; m = members.next[m]!) {
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
    const key = (src1[r]! + 1) * 0x100000 + src2[r]! + 1;
    let l = sourceLists.get(key);
    if (!l) sourceLists.set(key, (l = [src1[r]!, src2[r]!].filter((x) => x >= 0).map((x) => logs.sources.values[x]!)));
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
    const s0 = start[r]!;
    const e0 = end[r]!;
    const known = Number.isFinite(s0);
    const s: TraceSummary = {
      id: traceIds[0] ?? `req:${requestIds[0]}`, requestIds,
      start: known ? s0 : null, end: known ? e0 : null, durationMs: known ? e0 - s0 : null,
      outcome: outcome(r), recordCount: count[r]!,
      sources: sourcesOf(r), origins: originsOf(origins[r]!),
    };
    if (traceIds[0] !== undefined) s.traceId = traceIds[0];
    if (status[r]! > 0) s.status = status[r]!;
    if (code.has(r)) s.errorCode = code.get(r)!;
    if (verdict.has(r)) s.verdict = verdict.get(r)!;
    if (method[r]! !== NO_METHOD && http.methods.values[method[r]!]) s.method = http.methods.values[method[r]!]!;
    if (path[r]! !== NO_PATH && http.paths.values[path[r]!]) s.path = http.paths.values[path[r]!]!;
    return s;
  };
  let sorted: Int32Array | undefined;
  const order = (): Int32Array => {
    if (sorted) return sorted;
    // By outcome (a 404 is mostly a bot or a typo: after the other client errors, still before ok),
    // then by start (unknown last: `start` is +Infinity), then by slot. Bucketed by outcome first,
    // in slot order, so that only one merge buffer is allocated besides the result.
    const rank = (r: number): number => 2 * OUTCOME_RANK[outcome(r)] + (status[r] === 404 ? 1 : 0);
    const at = new Int32Array(9);
    for (const r of roots) at[rank(r) + 1]!++;
    for (let k = 1; k < at.length; k++) at[k]! += at[k - 1]!;
    const out = new Int32Array(roots.length);
    const fill = at.slice();
    for (const r of roots) out[fill[rank(r)]!++] = r;
    for (let k = 0; k + 1 < at.length; k++) if (at[k + 1]! - at[k]! > 1) sortByKeys(out.subarray(at[k], at[k + 1]), start, start);
    sorted = out;
    return sorted;
  };
  const rootOf = (id: string): number => {
    const node = graph.lookup(id);
    if (node < 0) return -1;
    const r = root[node]!;
    return count[r]! > 0 ? r : -1;
  };
  let timelines: Map<number, number[]> | undefined;
  return {
    total: roots.length,
    list: (limit?: number) => Array.from(order().subarray(0, limit ?? roots.length), summary),
    get(id) {
      const r = rootOf(id);
      return r >= 0 && cached(r).id === id ? cached(r) : undefined;
    },
    find(id) {
      const r = rootOf(id);
      return r >= 0 ? cached(r) : undefined;
    },
    position(id) {
      const r = rootOf(id);
      return r < 0 ? -1 : order().indexOf(r);
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

/** Members of every trace slot: `head[slot]` then `next[node]` chains in node order, -1 terminated. */
function memberChains(root: Int32Array, slots: number): { head: Int32Array; next: Int32Array } {
  const head = new Int32Array(slots).fill(-1);
  const next = new Int32Array(root.length).fill(-1);
  for (let i = root.length - 1; i >= 0; i--) {
    next[i] = head[root[i]!]!;
    head[root[i]!] = i;
  }
  return { head, next };
}

/** Ids that tie a line without request/trace id to one request (client_id alone never does: too broad). */
export const SHARED_KEYS = ['family_id', 'jti', 'session_id', 'auth_session_id', 'token_id', 'grant_id'];
/** How far outside a trace's time span an id-less line may lie and still belong to it. */
const ATTACH_SLACK_MS = 2000;

/**
 * Attach retained lines that carry no request/trace id to the one trace that shares an id with them
 * and whose time span contains them; with zero or several candidates the line stays unattached.
 */
function attachOrphans(inp: TraceInputs, root: Int32Array, start: Float64Array, end: Float64Array, count: Uint32Array): Map<number, number> {
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
        if (count[t]! > 0 && r.ts >= start[t]! - ATTACH_SLACK_MS && r.ts <= end[t]! + ATTACH_SLACK_MS) cands.add(t);
      }
    }
    if (cands.size === 1) out.set(pos, [...cands][0]!);
  });
  return out;
}
