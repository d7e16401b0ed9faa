import { beforeEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/ingest/index.ts';
import type { Model } from '../../src/correlate/index.ts';
import { access, log, model, resetCounters } from '../helpers/records.ts';

beforeEach(resetCounters);

const at = (t: string): number => Date.parse(`2026-10-03T${t}Z`);
const as = { file: 'as.log', source: 'pod/as-0/authserver' };
const mcp = { file: 'mcp.log', source: 'notes-mcp', origin: 'mcp-server' as const, format: 'slog-text' };

/** Ten minutes of two streams, the newest line at 09:10:00; some lines carry ids, some do not. */
function records(): LogRecord[] {
  return [
    log('starting authserver', { version: '0.2.2' }, { ...as, time: '2026-10-03T09:00:00Z' }),
    log('JWKS cache reloaded', {}, { ...as, level: 'DEBUG', time: '2026-10-03T09:02:00Z' }),
    access('POST', '/oauth/token', 200, { ...as, requestId: 'r1', time: '2026-10-03T09:03:00Z', remoteAddr: '10.0.0.1:4000' }),
    log('token rejected', { error: 'verifier: token expired' }, { ...mcp, requestId: 'm1', level: 'WARN', time: '2026-10-03T09:04:00Z' }),
    access('POST', '/mcp', 401, { ...mcp, requestId: 'm1', time: '2026-10-03T09:04:00.100Z', remoteAddr: '10.0.0.2:5000' }),
    log('JWKS cache reloaded', {}, { ...as, level: 'DEBUG', time: '2026-10-03T09:06:00Z' }),
    log('database ping failed', {}, { ...as, level: 'ERROR', time: '2026-10-03T09:07:00Z' }),
    access('POST', '/oauth/token', 500, { ...as, requestId: 'r2', time: '2026-10-03T09:08:00Z', remoteAddr: '10.0.0.1:4001' }),
    log('a line without a time', {}, { ...as, ts: null }),
    access('POST', '/oauth/token', 200, { ...as, requestId: 'r3', time: '2026-10-03T09:09:00Z', remoteAddr: '10.0.0.3:4002' }),
    log('verified', {}, { ...mcp, requestId: 'm2', time: '2026-10-03T09:10:00Z' }),
  ];
}

/** What a window leaves of the log and access counts, as a user sees them in the model. */
function counts(m: Model): unknown {
  return {
    total: m.logs.total,
    levels: m.logs.levelCounts,
    // Sorted: sources are listed in the order their first line inside the window arrived, and an
    // absolute window drops earlier lines before they reach the store, a relative one only at the end.
    sources: m.logs.sources().map((s) => [s.source, s.records, s.first, s.last]).sort(),
    jwks: m.logs.countMessage('JWKS cache reloaded'),
    access: m.logs.countMessage('http request'),
    http: [m.http.total, [...m.http.byStatus], [...m.http.byPath].map(([p, byStatus]) => [p, [...byStatus]]), [...m.http.remoteAddrs()]],
    traces: m.traces.list().map((t) => [t.id, t.recordCount, t.status ?? 0]),
  };
}

describe('counting lines as they stream in', () => {
  it('counts every line per level, message and source without a window', () => {
    const m = model(records());
    expect(m.logs.total).toBe(11);
    // The 500 access line is at ERROR, like the database line.
    expect(m.logs.levelCounts).toEqual({ DEBUG: 2, INFO: 5, WARN: 2, ERROR: 2 });
    expect(m.logs.countMessage('JWKS cache reloaded')).toBe(2);
    expect(m.logs.countMessage('never logged')).toBe(0);
    expect(m.logs.sources().map((s) => [s.source, s.records, s.first, s.last])).toEqual([
      ['pod/as-0/authserver', 8, at('09:00:00'), at('09:09:00')],
      ['notes-mcp', 3, at('09:04:00'), at('09:10:00')],
    ]);
  });

  it('gives the same counts for a window given as times as for the same window given relative to the end', () => {
    // The newest line is at 09:10:00: "5m before the end" is 09:05:00, "2m before" is 09:08:00.
    const absolute = model(records(), { since: { at: at('09:05:00') }, until: { at: at('09:08:00') } });
    const relative = model(records(), { since: { beforeEndMs: 5 * 60_000 }, until: { beforeEndMs: 2 * 60_000 } });
    expect(counts(relative)).toEqual(counts(absolute));
    // 09:06 DEBUG and 09:07 ERROR, plus the line without a time (always inside a window).
    expect(absolute.logs.total).toBe(3);
    expect(absolute.logs.levelCounts).toEqual({ DEBUG: 1, INFO: 1, WARN: 0, ERROR: 1 });
    expect(absolute.logs.sources().map((s) => [s.source, s.records, s.first, s.last])).toEqual([
      ['pod/as-0/authserver', 3, at('09:06:00'), at('09:07:00')],
    ]);
    expect(absolute.http.total).toBe(0);
  });

  it('counts access lines by status, path and remote host alike with either form of window', () => {
    const absolute = model(records(), { since: { at: at('09:03:30') } });
    const relative = model(records(), { since: { beforeEndMs: 6.5 * 60_000 } });
    expect(counts(relative)).toEqual(counts(absolute));
    expect(absolute.http.total).toBe(3);
    expect([...absolute.http.byStatus]).toEqual([[401, 1], [500, 1], [200, 1]]);
    expect([...absolute.http.byPath].map(([p, s]) => [p, [...s]])).toEqual([['/mcp', [[401, 1]]], ['/oauth/token', [[500, 1], [200, 1]]]]);
    expect([...absolute.http.remoteAddrs()]).toEqual([['10.0.0.2', 1], ['10.0.0.1', 1], ['10.0.0.3', 1]]);
    expect([...absolute.http.remoteAddrs(500)]).toEqual([['10.0.0.1', 1]]);
    expect(absolute.logs.countMessage('http request')).toBe(3);
  });

  it('leaves requests outside the window out of the trace list with either form of window', () => {
    const absolute = model(records(), { until: { at: at('09:08:30') } });
    const relative = model(records(), { until: { beforeEndMs: 90_000 } });
    expect(counts(relative)).toEqual(counts(absolute));
    expect(absolute.traces.list().map((t) => [t.id, t.recordCount, t.status])).toEqual([
      ['req:r2', 1, 500], ['req:m1', 2, 401], ['req:r1', 1, 200],
    ]);
  });
});

describe('the status a trace shows', () => {
  // Two requests that a shared trace id joins only at the end: each has its own access lines.
  const joined = (): LogRecord[] => [
    access('GET', '/first', 400, { ...as, requestId: 'a', time: '2026-10-03T09:00:00Z' }),
    access('GET', '/second', 404, { ...as, requestId: 'b', time: '2026-10-03T09:00:01Z' }),
    access('POST', '/third', 422, { ...as, requestId: 'a', time: '2026-10-03T09:00:02Z' }),
    log('joined', {}, { ...as, requestId: 'b', traceId: 'trace-ab', time: '2026-10-03T09:00:03Z' }),
    log('joined', {}, { ...as, requestId: 'a', traceId: 'trace-ab', time: '2026-10-03T09:00:04Z' }),
  ];

  it('is the first access line with the worst status, even across requests joined later', () => {
    const t = model(joined()).traces.find('trace-ab');
    expect(t).toMatchObject({ status: 400, method: 'GET', path: '/first', recordCount: 5 });
  });

  it('is the same when the window is relative to the end', () => {
    const t = model(joined(), { since: { beforeEndMs: 60_000 } }).traces.find('trace-ab');
    expect(t).toMatchObject({ status: 400, method: 'GET', path: '/first', recordCount: 5 });
  });

  it('prefers a server error that came later over an earlier client error', () => {
    const recs = joined();
    recs.push(access('PUT', '/fourth', 503, { ...as, requestId: 'b', time: '2026-10-03T09:00:05Z' }));
    const t = model(recs).traces.find('trace-ab');
    expect(t).toMatchObject({ status: 503, method: 'PUT', path: '/fourth', outcome: 'server-error' });
  });
});

describe('where a trace lines are', () => {
  it('locates each line of a trace with its file, level, message and source in either window form', () => {
    const recs = (): LogRecord[] => [
      log('token rejected', {}, { ...mcp, requestId: 'm1', level: 'WARN', line: 12, offset: 900, time: '2026-10-03T09:04:00Z' }),
      access('POST', '/oauth/introspect', 200, { ...as, requestId: 'm1', line: 3, offset: 120, time: '2026-10-03T09:03:59Z' }),
      log('unrelated', {}, { ...as, line: 4, offset: 300, time: '2026-10-03T09:05:00Z' }),
    ];
    const expected = [
      { file: 'as.log', line: 3, offset: 120, ts: at('09:03:59'), level: 'INFO', msg: 'http request', source: 'pod/as-0/authserver' },
      { file: 'mcp.log', line: 12, offset: 900, ts: at('09:04:00'), level: 'WARN', msg: 'token rejected', source: 'notes-mcp' },
    ];
    expect(model(recs()).traces.locate?.('req:m1')).toEqual(expected);
    expect(model(recs(), { since: { beforeEndMs: 3_600_000 } }).traces.locate?.('req:m1')).toEqual(expected);
  });
});

describe('a trace time span', () => {
  it('keeps exact start and end times with fractions of a millisecond and spans of months', () => {
    const m = model([
      log('step one', {}, { ...as, requestId: 'fine', ts: at('09:00:00') + 0.25 }),
      log('step two', {}, { ...as, requestId: 'fine', ts: at('09:00:01') + 0.75 }),
      log('opened', {}, { ...as, requestId: 'slow', time: '2026-01-01T00:00:00Z' }),
      log('closed', {}, { ...as, requestId: 'slow', time: '2026-10-03T00:00:00Z' }),
      log('alone', {}, { ...as, requestId: 'plain', time: '2026-10-03T09:00:02Z' }),
      // 1.5 ms apart, then a third line makes the span a whole 2 ms.
      log('a', {}, { ...as, requestId: 'mixed', ts: at('09:00:03') + 0.25 }),
      log('b', {}, { ...as, requestId: 'mixed', ts: at('09:00:03') + 1.75 }),
      log('c', {}, { ...as, requestId: 'mixed', ts: at('09:00:03') + 2.25 }),
    ]);
    expect(m.traces.find('fine')).toMatchObject({ start: at('09:00:00') + 0.25, end: at('09:00:01') + 0.75, durationMs: 1000.5 });
    const slow = Date.parse('2026-10-03T00:00:00Z') - Date.parse('2026-01-01T00:00:00Z');
    expect(m.traces.find('slow')).toMatchObject({ start: Date.parse('2026-01-01T00:00:00Z'), end: Date.parse('2026-10-03T00:00:00Z'), durationMs: slow });
    expect(m.traces.find('plain')).toMatchObject({ start: at('09:00:02'), end: at('09:00:02'), durationMs: 0 });
    expect(m.traces.find('mixed')).toMatchObject({ start: at('09:00:03') + 0.25, end: at('09:00:03') + 2.25, durationMs: 2 });
  });
});
