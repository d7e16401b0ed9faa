// Tiny builders for valid bundle records with sensible defaults, for correlate, rules and report tests.
//
// Defaults: every log/audit record gets the next line number of a shared counter (so records are
// distinguishable) and, unless given a time, a timestamp one second after the previous default
// (starting at BASE_TIME), so records built in order are in time order. Pass `line`/`time` when a
// test's expected values depend on them.
import { createHash } from 'node:crypto';
import { buildModel, parseAuditDetail, type CorrelateOptions, type Model } from '../../src/correlate/index.ts';
import type {
  AuditOrigin, AuditRecord, BundleRecord, DocumentKind, DocumentRecord, HttpExchange,
  LogRecord, MetricFamily, MetricSample, MetricSnapshot, MetricType, ParseContext, TokenRecord, TokenUse,
} from '../../src/ingest/index.ts';
import { httpCaptureFormat } from '../../src/ingest/parsers/docs/documents/http-format.ts';
import { jsonDocumentFormat } from '../../src/ingest/parsers/docs/documents/json-doc.ts';

/** Default time of the first record built: 2026-10-03T09:16:00.000Z. */
export const BASE_TIME = Date.parse('2026-10-03T09:16:00.000Z');

let lineCounter = 0;
let timeCounter = 0;

/** Restart the line and time counters (call in beforeEach when a test relies on default lines/times). */
export function resetCounters(): void {
  lineCounter = 0;
  timeCounter = 0;
}

function nextLine(): number {
  return ++lineCounter;
}

function nextTs(): number {
  return BASE_TIME + 1000 * timeCounter++;
}

/** Resolve `time` (string) / `ts` (epoch ms) options into the pair every record carries. */
function times(opts: { time?: string; ts?: number | null }): { time?: string; ts: number | null } {
  if (opts.time !== undefined) {
    // Both given: the line's own text plus the epoch a parser derived from it (e.g. `09:16:06,123`).
    if (typeof opts.ts === 'number') return { time: opts.time, ts: opts.ts };
    const ts = Date.parse(opts.time);
    return { time: opts.time, ts: Number.isNaN(ts) ? null : ts };
  }
  if (opts.ts === null) return { ts: null };
  const ts = opts.ts ?? nextTs();
  return { time: new Date(ts).toISOString(), ts };
}

/**
 * Any LogRecord field but the message and attributes. `time` (RFC 3339, any zone) also sets `ts`;
 * `ts: null` makes a line without a time.
 */
export type LogOpts = Partial<Omit<LogRecord, 'kind' | 'msg' | 'attrs'>>;

const LIFTED: Record<string, 'requestId' | 'traceId' | 'spanId' | 'parentSpanId' | 'service' | 'component'> = {
  request_id: 'requestId', trace_id: 'traceId', span_id: 'spanId', parent_span_id: 'parentSpanId',
  service: 'service', component: 'component',
};

/**
 * A log record. `request_id`, `trace_id`, `span_id`, `parent_span_id`, `service` and `component`
 * given in attrs are lifted into their fields, as the parsers do. The level defaults from an access
 * line's status (INFO < 400, WARN 4xx, ERROR 5xx), else INFO.
 */
export function log(msg: string, attrs: Record<string, unknown> = {}, opts: LogOpts = {}): LogRecord {
  const rest: Record<string, unknown> = {};
  const lifted: Partial<Record<(typeof LIFTED)[string], string>> = {};
  for (const [k, v] of Object.entries(attrs)) {
    const field = LIFTED[k];
    if (field && typeof v === 'string') lifted[field] = v;
    else rest[k] = v;
  }
  const origin = opts.origin ?? 'authserver';
  const file = opts.file ?? (origin === 'authserver' ? 'logs/authserver.log' : 'logs/mcp-server.log');
  const status = typeof rest.status === 'number' ? rest.status : 0;
  const level = opts.level ?? (status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO');
  const rec: LogRecord = {
    kind: 'log', file, line: opts.line ?? nextLine(), offset: opts.offset ?? 0,
    ...times(opts), level, msg, source: opts.source ?? file, origin, format: opts.format ?? 'slog-json',
    attrs: rest,
  };
  const service = opts.service ?? lifted.service ?? (origin === 'authserver' ? 'authserver' : undefined);
  const ids = {
    requestId: opts.requestId ?? lifted.requestId, traceId: opts.traceId ?? lifted.traceId,
    spanId: opts.spanId ?? lifted.spanId, parentSpanId: opts.parentSpanId ?? lifted.parentSpanId,
    service, component: opts.component ?? lifted.component,
  };
  for (const [k, v] of Object.entries(ids)) if (v !== undefined) (rec as unknown as Record<string, unknown>)[k] = v;
  return rec;
}

/** An authserver access line (`http request`) for one request. */
export function access(method: string, path: string, status: number, opts: LogOpts & { durationMs?: number; remoteAddr?: string } = {}): LogRecord {
  const { durationMs, remoteAddr, ...rest } = opts;
  return log('http request', {
    component: 'http', method, path, status, duration_ms: durationMs ?? 5, bytes: 100,
    remote_addr: remoteAddr ?? '10.0.0.7:51234', user_agent: 'node',
  }, rest);
}

export interface AuditOpts {
  id?: string;
  actorId?: string;
  clientId?: string;
  ip?: string;
  detail?: string;
  traceId?: string;
  /** RFC 3339; sets `ts` too. */
  createdAt?: string;
  ts?: number | null;
  origin?: AuditOrigin;
  file?: string;
  line?: number;
}

let auditIds = 0;

/** An audit row; `detail` is parsed into detailKv/detailWord the way reference §4.1 says. */
export function auditRow(action: string, opts: AuditOpts = {}): AuditRecord {
  const t = times({ time: opts.createdAt, ts: opts.ts });
  const detail = opts.detail ?? '';
  return {
    kind: 'audit', file: opts.file ?? 'audit/audit.json', line: opts.line ?? nextLine(), offset: 0,
    id: opts.id ?? `audit-row-${String(++auditIds).padStart(12, '0')}`, action,
    actorId: opts.actorId ?? '', clientId: opts.clientId ?? '', ip: opts.ip ?? '',
    detail, ...parseAuditDetail(detail), traceId: opts.traceId ?? '',
    createdAt: t.time ?? '', ts: t.ts, origin: opts.origin ?? 'dump',
  };
}

export interface SnapshotOpts {
  /** Scrape time (RFC 3339); `null`/absent means unknown. */
  at?: string | null;
  instance?: string;
  file?: string;
  format?: 'prometheus' | 'openmetrics';
  /** Family types by family name; default: `_total` → counter, `_bucket/_sum/_count` with a bucket → histogram, else gauge. */
  types?: Record<string, MetricType>;
}

const SERIES = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?$/;
const LABEL = /(\w+)="((?:[^"\\]|\\.)*)"/g;

/**
 * A metric snapshot from a compact spec: keys are Prometheus series (`name{label="v",…}`), values
 * are sample values, e.g. `{ 'authserver_tokens_issued_total{grant_type="authorization_code"}': 5 }`.
 * Sample lines are numbered in key order from 1.
 */
export function snapshot(opts: SnapshotOpts, series: Record<string, number>): MetricSnapshot {
  const samples: MetricSample[] = [];
  let line = 0;
  for (const [key, value] of Object.entries(series)) {
    const m = SERIES.exec(key.trim());
    if (!m) throw new Error(`snapshot(): bad series ${key}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value, line: ++line });
  }
  const histBases = new Set(samples.filter((s) => s.name.endsWith('_bucket')).map((s) => s.name.slice(0, -7)));
  const families = new Map<string, MetricFamily>();
  for (const s of samples) {
    const base = [...histBases].find((b) => s.name === `${b}_bucket` || s.name === `${b}_sum` || s.name === `${b}_count`);
    const name = base ?? s.name;
    let fam = families.get(name);
    if (!fam) {
      const type = opts.types?.[name] ?? (base ? 'histogram' : name.endsWith('_total') ? 'counter' : 'gauge');
      fam = { name, type, samples: [] };
      families.set(name, fam);
    }
    fam.samples.push(s);
  }
  const time = opts.at ? Date.parse(opts.at) : null;
  const file = opts.file ?? `metrics/${opts.instance ?? 'authserver'}-${opts.at ?? 'unknown'}.prom`;
  return {
    kind: 'metrics', file, line: 1, offset: 0, format: opts.format ?? 'prometheus',
    time, timeSource: time === null ? null : 'content', instance: opts.instance ?? 'authserver',
    families: [...families.values()],
  };
}

export interface DocOpts {
  file?: string;
  line?: number;
  http?: Partial<HttpExchange>;
  bodyKind?: DocumentKind;
  /** RFC 3339 capture time; sets capturedAt. */
  capturedAt?: string | number | null;
}

/** A document record; `http` builds an exchange with empty header maps by default. */
export function doc(docKind: DocumentKind, body: unknown, opts: DocOpts = {}): DocumentRecord {
  const captured = opts.capturedAt ?? null;
  const rec: DocumentRecord = {
    kind: 'document', file: opts.file ?? `docs/${docKind}.json`, line: opts.line ?? 1, offset: 0,
    docKind, body, capturedAt: typeof captured === 'string' ? Date.parse(captured) : captured,
  };
  if (opts.http) rec.http = { requestHeaders: {}, responseHeaders: {}, ...opts.http };
  if (opts.bodyKind) rec.bodyKind = opts.bodyKind;
  return rec;
}

/** A captured HTTP exchange (curl -i output): the response body parsed in `body`. */
export function exchange(http: Partial<HttpExchange>, body: unknown = null, opts: Omit<DocOpts, 'http'> = {}): DocumentRecord {
  return doc('http-exchange', body, { file: opts.file ?? 'captures/exchange.txt', ...opts, http });
}

/**
 * The document a file's text parses to, through the real parsers (a `$ curl`/`HTTP/` capture or a
 * JSON document): file lines and member lines are the ones a bundle holding this file gives.
 */
export function parsedDoc(file: string, text: string, mtime: number | null = null): DocumentRecord {
  const out: BundleRecord[] = [];
  const ctx: ParseContext = {
    path: file, mtime, tokenVault: new Map(), emit: (r) => out.push(r), problem: () => undefined, setFormat: () => undefined, setWrapper: () => undefined,
  };
  const format = /^\s*(\$ curl|HTTP\/)/.test(text) ? httpCaptureFormat : jsonDocumentFormat;
  format.parseWhole!(text, ctx);
  const d = out.find((r): r is DocumentRecord => r.kind === 'document');
  if (!d) throw new Error(`${file}: no document parsed`);
  return d;
}

export interface TokenOpts {
  file?: string;
  line?: number;
  use?: TokenUse;
  foundIn?: TokenRecord['foundIn'];
  capturedAt?: string | number | null;
  fingerprint?: string;
}

/** A decoded JWT record; the fingerprint defaults to a hash of header and claims. */
export function token(header: Record<string, unknown>, claims: Record<string, unknown>, opts: TokenOpts = {}): TokenRecord {
  const captured = opts.capturedAt ?? null;
  return {
    kind: 'token', file: opts.file ?? 'tokens/access.jwt', line: opts.line ?? 1, offset: 0,
    header: { alg: 'ES256', typ: 'at+jwt', ...header }, claims, use: opts.use ?? 'access',
    fingerprint: opts.fingerprint ?? createHash('sha256').update(JSON.stringify([header, claims])).digest('hex').slice(0, 16),
    foundIn: opts.foundIn ?? 'file', capturedAt: typeof captured === 'string' ? Date.parse(captured) : captured,
  };
}

/** Shorthand: correlate these records into a Model (what rules read). */
export function model(records: BundleRecord[], opts: CorrelateOptions = {}): Model {
  return buildModel(records, opts);
}
