// Builds LogRecords: one object shape for every line format, id promotion and repeated-key handling.
import type { LogRecord } from '../../types.ts';

/** A fresh record with every field present in a fixed order (one hidden class for all records). */
export function newRecord(file: string, line: number, offset: number, source: string): LogRecord {
  return {
    kind: 'log', file, line, offset, time: undefined, ts: null, level: 'INFO', msg: '', source,
    origin: 'other', format: 'plain', requestId: undefined, traceId: undefined, spanId: undefined,
    parentSpanId: undefined, service: undefined, component: undefined, attrs: {},
  };
}

/**
 * Adds an attribute following types.ts: a key repeated with the same value collapses to one;
 * with different values it becomes an array of the values in order.
 */
export function addAttr(attrs: Record<string, unknown>, key: string, value: unknown): void {
  // Own keys only: `constructor` or `toString` must not find Object.prototype's.
  if (!Object.hasOwn(attrs, key)) {
    setOwn(attrs, key, value);
    return;
  }
  const prev = attrs[key];
  if (prev === value) return;
  if (Array.isArray(prev) && DUPS.has(prev)) {
    if (!prev.includes(value)) prev.push(value);
    return;
  }
  const arr = [prev, value];
  DUPS.add(arr);
  setOwn(attrs, key, arr);
}

/** attrs[key] = value, where a `__proto__` key is a plain property and never replaces the prototype. */
export function setOwn(attrs: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(attrs, key, { value, writable: true, enumerable: true, configurable: true });
  else attrs[key] = value;
}

// Arrays made by addAttr for repeated keys (as opposed to array values from JSON).
const DUPS = new WeakSet<unknown[]>();

// Promoted fields, as numbers: setId reads and writes them by name (a computed `rec[field]` is a slow keyed access).
const F_REQUEST = 0;
const F_TRACE = 1;
const F_SPAN = 2;
const F_PARENT = 3;
const F_SERVICE = 4;
const F_COMPONENT = 5;

/** Sets a promoted field; a second, different value keeps the first and records both under `attrs[key]`. */
function setId(rec: LogRecord, field: number, key: string, value: string): void {
  let prev: string | undefined;
  switch (field) {
    case F_REQUEST: prev = rec.requestId; if (prev === undefined) rec.requestId = value; break;
    case F_TRACE: prev = rec.traceId; if (prev === undefined) rec.traceId = value; break;
    case F_SPAN: prev = rec.spanId; if (prev === undefined) rec.spanId = value; break;
    case F_PARENT: prev = rec.parentSpanId; if (prev === undefined) rec.parentSpanId = value; break;
    case F_SERVICE: prev = rec.service; if (prev === undefined) rec.service = value; break;
    default: prev = rec.component; if (prev === undefined) rec.component = value;
  }
  if (prev !== undefined && prev !== value) {
    addAttr(rec.attrs, key, prev);
    addAttr(rec.attrs, key, value);
  }
}

/** Every key `promote` handles (for callers that classify keys with one lookup). */
export const PROMOTED_KEYS: readonly string[] = [
  'request_id', 'requestId', 'request.id', 'req_id', 'reqId', 'x_request_id',
  'trace_id', 'traceId', 'trace.id', 'traceid', 'otelTraceID', 'dd.trace_id',
  'span_id', 'spanId', 'span.id', 'spanid', 'otelSpanID', 'dd.span_id',
  'parent_span_id', 'parentSpanId', 'parent.span.id',
  'service', 'service.name', 'service_name', 'serviceName', 'component',
  'logging.googleapis.com/trace', 'logging.googleapis.com/spanId',
];

const PROMOTED: ReadonlySet<string> = new Set(PROMOTED_KEYS);

/** True when `key` is one `promote` handles: one hashed lookup (key strings are reused line to line). */
export function isPromotedKey(key: string): boolean {
  return PROMOTED.has(key);
}

/**
 * Promotes correlation and identity keys (slog's and the common OTel/ECS spellings) to record
 * fields. Returns false when `key` is not one of them.
 */
export function promote(rec: LogRecord, key: string, value: unknown): boolean {
  let field: number;
  switch (key) {
    case 'request_id': case 'requestId': case 'request.id': case 'req_id': case 'reqId': case 'x_request_id':
      field = F_REQUEST; break;
    case 'trace_id': case 'traceId': case 'trace.id': case 'traceid': case 'otelTraceID': case 'dd.trace_id':
      field = F_TRACE; break;
    case 'span_id': case 'spanId': case 'span.id': case 'spanid': case 'otelSpanID': case 'dd.span_id':
      field = F_SPAN; break;
    case 'parent_span_id': case 'parentSpanId': case 'parent.span.id':
      field = F_PARENT; break;
    case 'service': case 'service.name': case 'service_name': case 'serviceName':
      field = F_SERVICE; break;
    case 'component':
      field = F_COMPONENT; break;
    case 'logging.googleapis.com/trace': {
      // Cloud Logging writes `projects/<p>/traces/<id>`: keep the id only.
      if (typeof value !== 'string') return false;
      const slash = value.lastIndexOf('/');
      setId(rec, F_TRACE, key, slash >= 0 ? value.slice(slash + 1) : value);
      return true;
    }
    case 'logging.googleapis.com/spanId':
      field = F_SPAN; break;
    default:
      return false;
  }
  if (value === null || value === undefined || typeof value === 'object') return false;
  const s = typeof value === 'string' ? value : String(value);
  // slog writes `"trace_id":""` when there is no span (e.g. `audit event dropped`): not an id.
  if (s.length === 0) return true;
  setId(rec, field, key, s);
  return true;
}
