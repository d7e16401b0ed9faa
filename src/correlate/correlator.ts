// The streaming correlator: consumes records one at a time (as ingest streams them), keeps compact
// indexes plus a bounded set of full records, and assembles the Model at finish().
import type {
  BundleRecord, DocumentRecord, IngestResult, LogRecord, MetricSnapshot, TokenRecord,
} from '../ingest/index.ts';
import { ForensicError } from '../ingest/index.ts';
import { buildAudit } from './audit.ts';
import { AuditColumns } from './audit-store.ts';
import { BootTracker } from './boots.ts';
import { buildBundle } from './bundle.ts';
import { ClockTracker } from './clock.ts';
import { buildConfig } from './config.ts';
import { buildDocuments } from './documents.ts';
import { HttpTable } from './http.ts';
import { AUDIT_DROPPED_MSG, AUDIT_MSG, BOOT_MSG, KEYGEN_MSG, accessStatus, oauthCode, sdkVerdict } from './log-facts.ts';
import { LogStore } from './log-store.ts';
import { buildMetrics } from './metrics.ts';
import type { Model } from './model.ts';
import { TraceGraph } from './trace-graph.ts';
import { buildTraces } from './traces.ts';
import { earlyWindow, finalWindow, inWindow, isKnownEarly, type Window } from './window.ts';

/** A --since/--until bound: an absolute time, or a duration before the newest record of the bundle. */
export type TimeBound = { at: number } | { beforeEndMs: number };

export interface CorrelateOptions {
  /** Only records inside this window count (filters --since/--until); relative bounds resolve at finish(). */
  since?: TimeBound;
  until?: TimeBound;
  /** How many log records to retain in full before switching to notable-only retention. */
  retainLimit?: number;
  /**
   * Called inside finish() right after large streaming structures were dropped, before the trace
   * aggregates are built: a caller may collect garbage there so that they reuse the memory.
   */
  settle?: () => void;
}

/** SDK rejection text naming both the token's iat and the verifier's clock (Python SDK: `(iat=…, now=…, leeway=30s)`). */
const IAT_NOW = /\biat=(\d{9,11})\D{1,5}now=(\d{9,11})\b/;
/** Default number of log records kept whole before only notable ones are. */
export const DEFAULT_RETAIN_LIMIT = 300_000;
/** Clock offsets smaller than this are noise (request durations), not corrected in timelines. */
const CORRECT_ABOVE_MS = 1000;

/** Consumes records one at a time (as ingest streams them) and builds the Model at the end. */
export class Correlator {
  private readonly early: Window;
  private readonly logs: LogStore;
  private readonly http: HttpTable;
  private readonly graph = new TraceGraph();
  private readonly boots = new BootTracker();
  private readonly clock = new ClockTracker();
  /** Audit rows, dumped or rebuilt from log lines, in columns; trace ids the graph holds are kept as its node numbers. */
  private readonly auditCols = new AuditColumns(this.graph);
  private readonly snapshots: MetricSnapshot[] = [];
  private readonly docs: DocumentRecord[] = [];
  private readonly tokens: TokenRecord[] = [];
  private newest = Number.NEGATIVE_INFINITY;
  /** Times of every record, inside the window or not: what a window that selects nothing is told. */
  private spanFrom = Number.POSITIVE_INFINITY;
  private spanTo = Number.NEGATIVE_INFINITY;
  private oldest = Number.POSITIVE_INFINITY;

  constructor(readonly opts: CorrelateOptions = {}) {
    this.early = earlyWindow(opts.since, opts.until);
    // Without a relative bound every record kept is inside the final window: count while streaming.
    const known = isKnownEarly(opts.since, opts.until);
    this.logs = new LogStore(opts.retainLimit ?? DEFAULT_RETAIN_LIMIT, known);
    this.http = new HttpTable(known);
  }

  /** Take one record. Never throws for odd content: it is indexed as well as it can be. */
  add(rec: BundleRecord): void {
    switch (rec.kind) {
      case 'log':
        this.addLog(rec);
        break;
      case 'audit':
        if (this.keep(rec.ts)) this.auditCols.addDump(rec);
        break;
      case 'metrics':
        if (this.keep(rec.time)) this.snapshots.push(rec);
        break;
      case 'document':
        this.docs.push(rec);
        break;
      case 'token':
        this.tokens.push(rec);
        break;
    }
  }

  /** Inside the absolute bounds (relative ones wait for finish); tracks the bundle's time range. */
  private keep(ts: number | null): boolean {
    if (ts === null) return true;
    if (ts < this.spanFrom) this.spanFrom = ts;
    if (ts > this.spanTo) this.spanTo = ts;
    if (!inWindow(this.early, ts)) return false;
    if (ts > this.newest) this.newest = ts;
    if (ts < this.oldest) this.oldest = ts;
    return true;
  }

  private addLog(r: LogRecord): void {
    if (!this.keep(r.ts)) return;
    const status = accessStatus(r);
    const node = r.requestId === undefined && r.traceId === undefined ? -1 : this.graph.nodeOf(r.requestId, r.traceId);
    this.logs.add(r, node, status);
    if (status > 0) {
      this.http.add(r, status, node);
      // One access line per request id: a success settles the request, its held-back lines can go.
      if (status < 400 && node >= 0 && this.graph.isTrace.get(node) === 0) this.logs.settled(node);
    }
    if (node >= 0) this.indexTraced(r, node);
    // Rare messages first checked by their first character: most lines skip all of these.
    const c = r.msg.charCodeAt(0);
    if (c === 0x73 /* s */ || c === 0x6e /* n */) {
      if (r.msg === BOOT_MSG || r.msg === KEYGEN_MSG) this.boots.add(r);
    } else if (c === 0x61 /* a */ || c === 0x66 /* f */) {
      if (r.msg === AUDIT_MSG || r.msg === AUDIT_DROPPED_MSG || r.msg === 'failed to record audit event') this.auditCols.add(r);
    }
    if (r.origin !== 'authserver' && r.ts !== null) {
      const e = typeof r.attrs.error === 'string' ? r.attrs.error : r.msg;
      const m = e.includes('now=') ? IAT_NOW.exec(e) : null;
      if (m) this.clock.iatAhead({ source: r.source, ts: r.ts, file: r.file, line: r.line }, Number(m[1]), Number(m[2]));
    }
    if (r.attrs.jti !== undefined && r.ts !== null) {
      this.clock.tokenLine(r.origin, r.msg, r.attrs, { source: r.source, ts: r.ts, file: r.file, line: r.line });
    }
  }

  /** Facts of a record that belongs to a request/trace: outcome facts and cross-source clock pairs. */
  private indexTraced(r: LogRecord, node: number): void {
    const code = oauthCode(r);
    const verdict = sdkVerdict(r);
    if (code !== undefined || verdict !== undefined) {
      this.graph.facts.push(r.ts ?? Number.NaN, node, code, verdict);
    }
    if (r.ts !== null) {
      const l = this.logs;
      const t = l.traced;
      // The graph remembers the node's first traced line (this line is the newest one).
      const first = this.graph.touch(node, t.count - 1);
      if (first >= 0 && t.sourceOf(first) !== t.sourceOf(t.count - 1)) {
        this.clock.simultaneous(
          { source: l.sources.values[t.sourceOf(first)]!, ts: t.ts.get(first), file: l.files.values[t.fileOf(first)]!, line: t.line.get(first) },
          { source: r.source, ts: r.ts, file: r.file, line: r.line },
          r.traceId ?? r.requestId ?? '',
        );
      }
    }
  }

  /** Assemble the Model (once: it releases what only the streaming and this step need). Relative --since/--until bounds resolve here against the newest record. */
  finish(ingest: Pick<IngestResult, 'source' | 'sha256' | 'files' | 'problems' | 'tokenVault'>): Model {
    const newest = Number.isFinite(this.newest) ? this.newest : null;
    const w = finalWindow(newest, this.opts.since, this.opts.until);
    this.checkWindow(w);
    const { index: logs, retained } = this.logs.finish(w);
    const sources = logs.sources();
    const server = sources.filter((s) => s.origin === 'authserver').sort((a, b) => b.records - a.records)[0];
    const origins = new Map(sources.map((s) => [s.source, s.origin]));
    const clock = this.clock.finish(server?.source ?? null, (s) => origins.get(s) === 'authserver', this.docs, this.tokens);
    const offsets = new Map(clock.filter((c) => Math.abs(c.offsetMs) >= CORRECT_ABOVE_MS).map((c) => [c.source, c.offsetMs]));
    const records = logs.records();
    const { index: audit, internals } = buildAudit(this.auditCols, w, records);
    const http = this.http.finish(w, records);
    const traces = buildTraces({
      graph: this.graph, logs: this.logs, http: this.http, window: w, retained,
      auditFor: (ids) => internals.persistedFor(ids), offsets,
      released: () => {
        this.http.releaseRows();
        this.opts.settle?.();
      },
    });
    const boots = this.boots.finish(w);
    const config = buildConfig(this.docs, boots);
    const range = this.range(w, sources, internals.span());
    return {
      bundle: buildBundle({ ingest, docs: this.docs, boots, config, sources: sources.map((s) => s.source), range }),
      logs,
      http,
      metrics: buildMetrics(this.snapshots, w),
      audit,
      documents: buildDocuments(this.docs),
      tokens: [...this.tokens],
      traces,
      clock,
      config,
      boots,
      tokenVault: ingest.tokenVault,
      window: { since: w.since, until: w.until },
    };
  }

  /**
   * A window that is empty by construction, or that no timed record falls into, would turn any bundle
   * into "no findings": it is a usage error that says where the records are.
   */
  private checkWindow(w: Window): void {
    if (!this.opts.since && !this.opts.until) return;
    const iso = (t: number) => new Date(t).toISOString();
    if (w.since !== null && w.until !== null && w.since >= w.until) {
      throw new ForensicError('usage', `--since ${iso(w.since)} is not before --until ${iso(w.until)}`);
    }
    if (!Number.isFinite(this.spanTo)) return;
    const selects = (w.since === null || this.spanTo >= w.since) && (w.until === null || this.spanFrom < w.until);
    if (!selects) throw new ForensicError('usage', `--since/--until select nothing: the bundle's records run from ${iso(this.spanFrom)} to ${iso(this.spanTo)}`);
  }

  /** Time range of what is inside the window: log sources, audit rows and metric snapshots. */
  private range(w: Window, sources: { first: number | null; last: number | null }[], audit: { from: number; to: number } | null): { from: number; to: number } | null {
    let from = Number.POSITIVE_INFINITY;
    let to = Number.NEGATIVE_INFINITY;
    const see = (t: number | null): void => {
      if (t === null || !inWindow(w, t)) return;
      if (t < from) from = t;
      if (t > to) to = t;
    };
    for (const s of sources) {
      see(s.first);
      see(s.last);
    }
    see(audit?.from ?? null);
    see(audit?.to ?? null);
    for (const s of this.snapshots) see(s.time);
    return Number.isFinite(from) ? { from, to } : null;
  }
}

/** Build a model from an in-memory record list (tests, small inputs). */
export function buildModel(records: BundleRecord[], opts: CorrelateOptions = {}): Model {
  const c = new Correlator(opts);
  for (const r of records) c.add(r);
  return c.finish({ source: 'test', sha256: '', files: [], problems: [], tokenVault: new Map() });
}
