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
  if (!(key in attrs)) {
    attrs[key] = value;
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
  attrs[key] = arr;
}

// Arrays made by addAttr for repeated keys (as opposed to array values from JSON).
const DUPS = new WeakSet<unknown[]>();

type IdField = 'requestId' | 'traceId' | 'spanId' | 'parentSpanId' | 'service' | 'component';

/** Sets a promoted field; a second, different value keeps the first and records both under `attrs[key]`. */
function setId(rec: LogRecord, field: IdField, key: string, value: string): void {
  const prev = rec[field];
  if (prev === undefined) rec[field] = value;
  else if (prev !== value) {
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
  let field: IdField;
  switch (key) {
    case 'request_id': case 'requestId': case 'request.id': case 'req_id': case 'reqId': case 'x_request_id':
      field = 'requestId'; break;
    case 'trace_id': case 'traceId': case 'trace.id': case 'traceid': case 'otelTraceID': case 'dd.trace_id':
      field = 'traceId'; break;
    case 'span_id': case 'spanId': case 'span.id': case 'spanid': case 'otelSpanID': case 'dd.span_id':
      field = 'spanId'; break;
    case 'parent_span_id': case 'parentSpanId': case 'parent.span.id':
      field = 'parentSpanId'; break;
    case 'service': case 'service.name': case 'service_name': case 'serviceName':
      field = 'service'; break;
    case 'component':
      field = 'component'; break;
    case 'logging.googleapis.com/trace': {
      // Cloud Logging writes `projects/<p>/traces/<id>`: keep the id only.
      if (typeof value !== 'string') return false;
      const slash = value.lastIndexOf('/');
      setId(rec, 'traceId', key, slash >= 0 ? value.slice(slash + 1) : value);
      return true;
    }
    case 'logging.googleapis.com/spanId':
      field = 'spanId'; break;
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
