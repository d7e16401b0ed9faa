// slog JSONHandler lines: keys promoted, groups flattened, repeated request_id, levels and times.
import { describe, expect, it } from 'vitest';
import { one, parseLog } from './fake-context.ts';

describe('slog JSON lines', () => {
  it('reads the access-log line of the reference with its ids promoted and the rest as attrs', () => {
    const rec = one('{"time":"2026-10-03T09:16:11.07Z","level":"WARN","msg":"http request","service":"authserver","component":"http","request_id":"9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60","method":"POST","path":"/oauth/token","status":400,"duration_ms":12,"bytes":231,"remote_addr":"10.0.0.7:51234","user_agent":"node","request_id":"9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60"}');
    expect(rec).toMatchObject({
      kind: 'log', format: 'slog-json', level: 'WARN', msg: 'http request', time: '2026-10-03T09:16:11.07Z',
      ts: Date.UTC(2026, 9, 3, 9, 16, 11, 70), service: 'authserver', component: 'http',
      requestId: '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60', origin: 'authserver', line: 1, offset: 0,
    });
    expect(rec.attrs).toEqual({
      method: 'POST', path: '/oauth/token', status: 400, duration_ms: 12, bytes: 231,
      remote_addr: '10.0.0.7:51234', user_agent: 'node',
    });
  });

  it('reads a line that writes request_id twice (middleware and context handler) as one id', () => {
    const rec = one('{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"tokens issued","service":"authserver","request_id":"aaaa","client_id":"c1","request_id":"aaaa"}');
    expect(rec.requestId).toBe('aaaa');
    expect(rec.attrs).toEqual({ client_id: 'c1' });
  });

  it('keeps the preferred spelling as the time and the other as an attr when a line has two', () => {
    const rec = one('{"@timestamp":"2026-10-03T09:16:12Z","time":"2026-10-03T09:16:11Z","level":"INFO","msg":"x"}');
    expect(rec.ts).toBe(Date.UTC(2026, 9, 3, 9, 16, 11));
    expect(rec.attrs).toEqual({ '@timestamp': '2026-10-03T09:16:12Z' });
  });

  it('flattens nested slog groups to dotted keys', () => {
    const rec = one('{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"x","service":"authserver","http":{"req":{"method":"GET","path":"/a"},"status":200}}');
    expect(rec.attrs).toEqual({ 'http.req.method': 'GET', 'http.req.path': '/a', 'http.status': 200 });
  });

  it('gives each line its own ids and attrs when the keys change order or shape from line to line', () => {
    const out = parseLog([
      '{"time":"2026-10-03T09:15:02Z","level":"INFO","msg":"one","request_id":"r1","status":200}',
      '{"time":"2026-10-03T09:15:03Z","level":"INFO","msg":"two","status":401,"request_id":"r2","client_id":"c1"}',
      '{"time":"2026-10-03T09:15:04Z","level":"WARN","msg":"three","request_id":{"n":1},"status":500}',
    ]);
    expect(out.records.map((r) => [r.requestId, r.level, r.attrs])).toEqual([
      ['r1', 'INFO', { status: 200 }],
      ['r2', 'INFO', { status: 401, client_id: 'c1' }],
      [undefined, 'WARN', { 'request_id.n': 1, status: 500 }],
    ]);
  });

  it('keeps both values when a dotted key and a group spell the same attr', () => {
    const rec = one('{"time":"2026-10-03T09:15:02Z","level":"INFO","msg":"x","a.b":1,"a":{"b":2}}');
    expect(rec.attrs).toEqual({ 'a.b': [1, 2] });
  });

  it('promotes trace and span ids written by the tracing handler', () => {
    const rec = one('{"time":"2026-10-03T09:16:11Z","level":"ERROR","msg":"token endpoint error","service":"authserver","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","parent_span_id":"53995c3f42cd8ad8","error":"db down"}');
    expect(rec).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', parentSpanId: '53995c3f42cd8ad8', level: 'ERROR',
    });
    expect(rec.attrs).toEqual({ error: 'db down' });
  });

  it('treats the empty trace_id of a dropped audit event as no trace', () => {
    const rec = one('{"time":"2026-10-03T09:20:00Z","level":"ERROR","msg":"audit event dropped — not persisted","service":"authserver","component":"audit","action":"token.issued","id":"e1","trace_id":"","error":"disk full"}');
    expect(rec.traceId).toBeUndefined();
    expect(rec.attrs).toMatchObject({ action: 'token.issued', id: 'e1', error: 'disk full' });
  });

  it('keeps a multi-line self-check message with its newlines', () => {
    const rec = one('{"time":"2026-10-03T09:15:02Z","level":"INFO","msg":"=== authserver feature self-check ===\\n  dpop  enabled\\n  dcr  misconfigured  dcr.mode=open","service":"authserver"}');
    expect(rec.msg).toBe('=== authserver feature self-check ===\n  dpop  enabled\n  dcr  misconfigured  dcr.mode=open');
  });

  it.each([
    ['2026-10-03T09:15:02.481234567Z', Date.UTC(2026, 9, 3, 9, 15, 2, 481)],
    ['2026-10-03T11:15:02.5+02:00', Date.UTC(2026, 9, 3, 9, 15, 2, 500)],
    ['2026-10-03T04:45:02-04:30', Date.UTC(2026, 9, 3, 9, 15, 2)],
    ['2026-10-03T09:15:02Z', Date.UTC(2026, 9, 3, 9, 15, 2)],
  ])('reads the time %s in any offset to epoch ms', (time, ms) => {
    expect(one(`{"time":"${time}","level":"INFO","msg":"x"}`).ts).toBe(ms);
  });

  it('keeps lines in file order with their byte offsets', () => {
    const a = '{"time":"2026-10-03T09:15:02Z","level":"INFO","msg":"starting authserver","service":"authserver","version":"0.2.2"}';
    const b = '{"time":"2026-10-03T09:15:03Z","level":"INFO","msg":"http server listening","service":"authserver","addr":":9000"}';
    const out = parseLog([a, b]);
    expect(out.records.map((r) => [r.msg, r.line, r.offset])).toEqual([
      ['starting authserver', 1, 0],
      ['http server listening', 2, a.length + 1],
    ]);
    expect(out.format).toBe('slog-json');
    expect(out.wrapper).toBeNull();
  });
});

describe('keys that are also names on every JavaScript object', () => {
  it('keeps constructor, toString and __proto__ from a JSON line as plain attributes', () => {
    const rec = one('{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"m","constructor":"x","toString":1,"__proto__":"y","after":"z"}');
    expect(Object.getPrototypeOf(rec.attrs)).toBe(Object.prototype);
    expect(Object.keys(rec.attrs)).toEqual(['constructor', 'toString', '__proto__', 'after']);
    expect(rec.attrs.constructor).toBe('x');
    expect(rec.attrs.toString).toBe(1);
    expect(Object.getOwnPropertyDescriptor(rec.attrs, '__proto__')?.value).toBe('y');
    expect(rec.attrs.after).toBe('z');
  });
});
