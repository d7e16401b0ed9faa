import { beforeEach, describe, expect, it } from 'vitest';
import { access, log, model, resetCounters } from '../helpers/records.ts';

beforeEach(resetCounters);

describe('grouping records into traces', () => {
  it('treats a request whose later lines gained a trace id as one trace', () => {
    const m = model([
      log('authorization started', { session_id: 's1' }, { requestId: 'req-1' }),
      log('tokens issued', { client_id: 'c1' }, { requestId: 'req-1', traceId: 'trace-1' }),
      log('JWKS cache reloaded', {}, { traceId: 'trace-1' }),
      access('POST', '/oauth/token', 200, { requestId: 'req-1', traceId: 'trace-1' }),
    ]);
    expect(m.traces.total).toBe(1);
    const t = m.traces.find('req-1');
    expect(t?.id).toBe('trace-1');
    expect(t?.requestIds).toEqual(['req-1']);
    expect(t?.recordCount).toBe(4);
    expect(m.traces.find('trace-1')).toBe(t);
  });

  it('keeps two requests that share only a client_id apart', () => {
    const m = model([
      log('tokens issued', { client_id: 'shared-client', user_id: 'u1' }, { requestId: 'a' }),
      access('POST', '/oauth/token', 200, { requestId: 'a' }),
      log('tokens issued', { client_id: 'shared-client', user_id: 'u2' }, { requestId: 'b' }),
      access('POST', '/oauth/token', 400, { requestId: 'b' }),
    ]);
    expect(m.traces.total).toBe(2);
    expect(m.traces.find('a')?.recordCount).toBe(2);
    expect(m.traces.find('b')?.outcome).toBe('client-error');
    expect(m.traces.find('a')?.outcome).toBe('ok');
  });

  it('names a trace without trace id by its request id', () => {
    const m = model([access('GET', '/health', 200, { requestId: 'r9' })]);
    expect(m.traces.list().map((t) => t.id)).toEqual(['req:r9']);
    expect(m.traces.get('req:r9')?.status).toBe(200);
  });

  it('derives the outcome from the access status, the OAuth code or the SDK verdict', () => {
    const m = model([
      access('POST', '/oauth/token', 500, { requestId: 'five' }),
      access('GET', '/mcp', 401, { requestId: 'four01' }),
      log('token endpoint error', { error: 'invalid_grant' }, { requestId: 'code-only' }),
      log('verifier: audience mismatch: expected "https://mcp.example.com/mcp"', {}, { requestId: 'sdk', origin: 'sdk' }),
      log('verified', { sub: 'u1' }, { requestId: 'fine', origin: 'mcp-server' }),
    ]);
    expect(m.traces.find('five')?.outcome).toBe('server-error');
    expect(m.traces.find('four01')?.outcome).toBe('denied');
    expect(m.traces.find('code-only')).toMatchObject({ outcome: 'client-error', errorCode: 'invalid_grant' });
    expect(m.traces.find('sdk')).toMatchObject({ outcome: 'denied', verdict: 'verifier: audience mismatch: expected "https://mcp.example.com/mcp"' });
    expect(m.traces.find('fine')).toMatchObject({ outcome: 'ok', verdict: 'ok' });
  });

  it('keeps the first rejection of a request as its verdict even after a later success, and the first OAuth code', () => {
    const m = model([
      log('verified', {}, { requestId: 'mixed', origin: 'mcp-server' }),
      log('verifier: token expired', {}, { requestId: 'mixed', origin: 'sdk' }),
      log('verifier: audience mismatch', {}, { requestId: 'mixed', origin: 'sdk' }),
      log('token endpoint error', { error: 'invalid_grant' }, { requestId: 'codes' }),
      log('token endpoint error', { error: 'invalid_client' }, { requestId: 'codes' }),
    ]);
    expect(m.traces.find('mixed')).toMatchObject({ outcome: 'denied', verdict: 'verifier: token expired' });
    expect(m.traces.find('codes')?.errorCode).toBe('invalid_grant');
  });

  it('still tells a verified request from a rejected one after tens of thousands of different rejections', () => {
    // An outage of rejections whose texts all differ (each names its own time): far past the distinct verdicts kept.
    const recs = Array.from({ length: 50_010 }, (_, i) => log(`verifier: token used before issued (iat=${1_700_000_000 + i})`, {}, { requestId: `r${i}`, origin: 'sdk' }));
    recs.push(log('verified', { sub: 'u1' }, { requestId: 'late-ok', origin: 'mcp-server' }));
    const m = model(recs);
    expect(m.traces.find('late-ok')).toMatchObject({ outcome: 'ok', verdict: 'ok' });
    expect(m.traces.find('r0')).toMatchObject({ outcome: 'denied', verdict: 'verifier: token used before issued (iat=1700000000)' });
    expect(m.traces.find('r50009')?.outcome).toBe('denied');
  });

  it('lists failing traces first, then the rest by start time', () => {
    const m = model([
      access('GET', '/health', 200, { requestId: 'ok-early', time: '2026-10-03T09:00:00Z' }),
      access('POST', '/oauth/token', 400, { requestId: 'bad-late', time: '2026-10-03T09:05:00Z' }),
      access('GET', '/mcp', 401, { requestId: 'denied', time: '2026-10-03T09:04:00Z' }),
      access('POST', '/oauth/token', 502, { requestId: 'boom', time: '2026-10-03T09:06:00Z' }),
      access('GET', '/ready', 200, { requestId: 'ok-late', time: '2026-10-03T09:07:00Z' }),
    ]);
    expect(m.traces.list().map((t) => t.id)).toEqual(['req:boom', 'req:denied', 'req:bad-late', 'req:ok-early', 'req:ok-late']);
    expect(m.traces.list(2).map((t) => t.id)).toEqual(['req:boom', 'req:denied']);
  });

  it('lists the first few of many traces in the order of the whole list', () => {
    // 40 requests: every 8th a 500, a 401, a 400 or a 404, the rest 200; start minutes repeat.
    const statuses = [200, 200, 200, 404, 500, 401, 400, 200];
    const recs = () => Array.from({ length: 40 }, (_, i) => access('GET', '/mcp', statuses[i % 8]!, {
      requestId: `r${i}`, time: `2026-10-03T09:${String((i * 7) % 13).padStart(2, '0')}:00Z`,
    }));
    // By hand: the 500s are r4, r12, r20, r28, r36 at minutes 2, 6, 10, 1, 5; the 401s r5, r13, r21,
    // r29, r37 at minutes 9, 0, 4, 8, 12.
    expect(model(recs()).traces.list(3).map((t) => t.id)).toEqual(['req:r28', 'req:r4', 'req:r36']);
    expect(model(recs()).traces.list(7).map((t) => t.id)).toEqual(['req:r28', 'req:r4', 'req:r36', 'req:r12', 'req:r20', 'req:r13', 'req:r21']);
    const whole = model(recs()).traces.list().map((t) => t.id);
    for (const k of [0, 1, 5, 9, 10, 17, 40]) expect(model(recs()).traces.list(k).map((t) => t.id)).toEqual(whole.slice(0, k));
  });

  it('lists 404s after the other client errors, since they are mostly bots and typos', () => {
    const m = model([
      access('GET', '/wp-login.php', 404, { requestId: 'bot', time: '2026-10-03T09:00:00Z' }),
      access('POST', '/oauth/token', 400, { requestId: 'replay', time: '2026-10-03T09:05:00Z' }),
      access('GET', '/health', 200, { requestId: 'fine', time: '2026-10-03T08:59:00Z' }),
    ]);
    expect(m.traces.list().map((t) => t.id)).toEqual(['req:replay', 'req:bot', 'req:fine']);
  });

  it('reports start, duration and the sources a trace crossed', () => {
    const m = model([
      log('introspection call', {}, { traceId: 't', time: '2026-10-03T09:00:00.100Z', source: 'pod/mcp-0/app', origin: 'mcp-server' }),
      log('token introspected', { jti: 'j1' }, { traceId: 't', time: '2026-10-03T09:00:00.250Z', source: 'pod/as-0/authserver' }),
    ]);
    expect(m.traces.find('t')).toMatchObject({
      start: Date.parse('2026-10-03T09:00:00.100Z'), durationMs: 150,
      sources: ['pod/mcp-0/app', 'pod/as-0/authserver'], origins: ['authserver', 'mcp-server'],
    });
  });

  it('ignores all-zero trace ids instead of merging every untraced request', () => {
    const zero = '00000000000000000000000000000000';
    const m = model([
      access('GET', '/a', 200, { requestId: 'r1', traceId: zero }),
      access('GET', '/b', 200, { requestId: 'r2', traceId: zero }),
    ]);
    expect(m.traces.total).toBe(2);
  });
});

describe('lines without request or trace id', () => {
  it('attaches a line to the one request that shares its family id at that time', () => {
    const m = model([
      log('tokens issued', { family_id: 'fam-1' }, { requestId: 'r1', time: '2026-10-03T09:00:00Z' }),
      log('refresh token reuse detected — family revoked', { family_id: 'fam-1' }, { time: '2026-10-03T09:00:00.500Z', level: 'WARN' }),
      access('POST', '/oauth/token', 200, { requestId: 'r1', time: '2026-10-03T09:00:01Z' }),
    ]);
    expect(m.traces.find('r1')?.recordCount).toBe(3);
    expect(m.traces.timeline('r1').map((e) => ('msg' in e.record ? e.record.msg : ''))).toEqual([
      'tokens issued', 'refresh token reuse detected — family revoked', 'http request',
    ]);
  });

  it('leaves a line unattached when two requests could own it', () => {
    const m = model([
      log('tokens refreshed', { family_id: 'fam-1' }, { requestId: 'r1', time: '2026-10-03T09:00:00Z' }),
      log('tokens refreshed', { family_id: 'fam-1' }, { requestId: 'r2', time: '2026-10-03T09:00:01Z' }),
      log('family already revoked — nothing to report', { family_id: 'fam-1' }, { time: '2026-10-03T09:00:00.500Z' }),
    ]);
    expect(m.traces.find('r1')?.recordCount).toBe(1);
    expect(m.traces.find('r2')?.recordCount).toBe(1);
  });

  it('never attaches by client_id alone', () => {
    const m = model([
      log('tokens issued', { client_id: 'c1' }, { requestId: 'r1', time: '2026-10-03T09:00:00Z' }),
      log('cimd auto-registration failed', { client_id: 'c1' }, { time: '2026-10-03T09:00:00.200Z', level: 'WARN' }),
    ]);
    expect(m.traces.find('r1')?.recordCount).toBe(1);
  });

  it('does not attach a line far outside the request time', () => {
    const m = model([
      log('tokens issued', { family_id: 'fam-9' }, { requestId: 'r1', time: '2026-10-03T09:00:00Z' }),
      log('refresh token reuse detected — family revoked', { family_id: 'fam-9' }, { time: '2026-10-03T10:00:00Z', level: 'WARN' }),
    ]);
    expect(m.traces.find('r1')?.recordCount).toBe(1);
  });
});

describe('trace timelines', () => {
  it('nests records by span parent/child', () => {
    const m = model([
      log('request', {}, { traceId: 't', spanId: 'root' }),
      log('verify', {}, { traceId: 't', spanId: 'child', parentSpanId: 'root' }),
      log('jwks fetch', {}, { traceId: 't', spanId: 'grandchild', parentSpanId: 'child' }),
      log('remote parent', {}, { traceId: 't', spanId: 'other', parentSpanId: 'not-in-bundle' }),
    ]);
    expect(m.traces.timeline('t').map((e) => e.depth)).toEqual([0, 1, 2, 0]);
  });

  it('is empty for an unknown id', () => {
    expect(model([]).traces.timeline('nope')).toEqual([]);
  });

  it('locates every line of a trace, even lines that were not retained', () => {
    const m = model([
      log('filler one'), log('filler two'),
      log('tokens issued', { family_id: 'f' }, { requestId: 'r1', file: 'as.log', line: 10, offset: 900, time: '2026-10-03T09:00:00Z' }),
      access('POST', '/oauth/token', 200, { requestId: 'r1', file: 'as.log', line: 11, offset: 1000, time: '2026-10-03T09:00:00.010Z' }),
    ], { retainLimit: 2 });
    expect(m.traces.timeline('r1')).toEqual([]);
    expect(m.traces.locate?.('r1')).toEqual([
      { file: 'as.log', line: 10, offset: 900, ts: Date.parse('2026-10-03T09:00:00Z'), level: 'INFO', msg: 'tokens issued', source: 'as.log' },
      { file: 'as.log', line: 11, offset: 1000, ts: Date.parse('2026-10-03T09:00:00.010Z'), level: 'INFO', msg: 'http request', source: 'as.log' },
    ]);
  });

  it('locates a trace\'s lines among id-less lines and other requests, each at its own file, line and offset', () => {
    const m = model([
      log('filler one'),
      log('tokens issued', {}, { requestId: 'r2', file: 'b.log', line: 3, offset: 200, time: '2026-10-03T09:00:00Z' }),
      log('no id here', {}, { file: 'a.log', line: 4, offset: 300, time: '2026-10-03T09:00:00.001Z' }),
      log('token refreshed', {}, { requestId: 'r1', file: 'a.log', line: 5, offset: 400, level: 'WARN', time: '2026-10-03T09:00:00.002Z' }),
      log('no id either', {}, { file: 'a.log', line: 6, offset: 500, time: '2026-10-03T09:00:00.003Z' }),
      log('client seen', {}, { traceId: 'abcdefabcdefabcdefabcdefabcdef12', file: 'c.log', line: 7, offset: 600, time: '2026-10-03T09:00:00.004Z' }),
    ], { retainLimit: 1 });
    expect(m.traces.locate?.('req:r1')).toEqual([
      { file: 'a.log', line: 5, offset: 400, ts: Date.parse('2026-10-03T09:00:00.002Z'), level: 'WARN', msg: 'token refreshed', source: 'a.log' },
    ]);
    expect(m.traces.locate?.('abcdefabcdefabcdefabcdefabcdef12')?.map((l) => [l.file, l.line, l.offset])).toEqual([['c.log', 7, 600]]);
  });
});
