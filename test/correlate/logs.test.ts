import { beforeEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/ingest/index.ts';
import { access, log, model, resetCounters } from '../helpers/records.ts';

beforeEach(resetCounters);

describe('ordering across files', () => {
  it('orders lines from files with different timestamp formats and zones by real time', () => {
    const m = model([
      // File A: slog JSON in +02:00.
      log('a-first', {}, { file: 'a.log', time: '2026-10-03T11:16:05.000+02:00' }),
      log('a-second', {}, { file: 'a.log', time: '2026-10-03T11:16:07.250+02:00' }),
      // File B: text handler, UTC with milliseconds.
      log('b-first', {}, { file: 'b.log', format: 'slog-text', time: '2026-10-03T09:16:04.500Z' }),
      log('b-second', {}, { file: 'b.log', format: 'slog-text', time: '2026-10-03T09:16:06Z' }),
      // File C: Python logging, `2026-10-03 05:16:07,000` in -04:00 as the parser resolved it.
      log('c-only', {}, { file: 'c.log', format: 'python', origin: 'sdk', time: '2026-10-03 05:16:07,000', ts: Date.parse('2026-10-03T09:16:07Z') }),
    ]);
    expect(m.logs.records().map((r) => r.msg)).toEqual(['b-first', 'a-first', 'b-second', 'c-only', 'a-second']);
  });

  it('keeps a line without a time next to its predecessor in the same file', () => {
    const m = model([
      log('first', {}, { file: 'x.log', time: '2026-10-03T09:00:00Z' }),
      log('error: load config: configuration validation failed:', {}, { file: 'x.log', ts: null, format: 'fatal' }),
      log('later', {}, { file: 'y.log', time: '2026-10-03T09:00:05Z' }),
    ]);
    expect(m.logs.records().map((r) => r.msg)).toEqual(['first', 'error: load config: configuration validation failed:', 'later']);
  });
});

describe('a bundle with two AuthPlane pods and an MCP server', () => {
  const as0 = { file: 'pods/authserver-0.log', source: 'pod/authserver-0/authserver' };
  const as1 = { file: 'pods/authserver-1.log', source: 'pod/authserver-1/authserver' };
  const mcp = { file: 'mcp/server.log', source: 'mcp-server', origin: 'mcp-server' as const, format: 'python' };
  const recs: LogRecord[] = [
    log('starting authserver', { version: '0.2.2' }, { ...as0, time: '2026-10-03T09:00:00Z' }),
    log('starting authserver', { version: '0.2.1' }, { ...as1, time: '2026-10-03T09:00:01Z' }),
    access('POST', '/oauth/token', 200, { ...as0, requestId: 'r-a', time: '2026-10-03T09:01:00Z' }),
    access('POST', '/oauth/token', 400, { ...as1, requestId: 'r-b', time: '2026-10-03T09:01:30Z' }),
    log('verifier: token expired', {}, { ...mcp, requestId: 'r-c', level: 'WARN', time: '2026-10-03T09:02:00Z' }),
    access('POST', '/mcp', 401, { ...mcp, requestId: 'r-c', time: '2026-10-03T09:02:00.010Z' }),
    access('POST', '/oauth/introspect', 200, { ...as1, requestId: 'r-c', time: '2026-10-03T09:01:59.990Z' }),
  ];

  it('lists each stream with its origin, files and record count', () => {
    const sources = model(recs).logs.sources();
    expect(sources.map((s) => [s.source, s.origin, s.records])).toEqual([
      ['pod/authserver-0/authserver', 'authserver', 2],
      ['pod/authserver-1/authserver', 'authserver', 3],
      ['mcp-server', 'mcp-server', 2],
    ]);
    expect(sources[2]?.formats).toEqual(['python']);
  });

  it('follows a request from the MCP server into the pod that introspected its token', () => {
    const m = model(recs);
    const t = m.traces.find('r-c');
    expect(t).toMatchObject({ outcome: 'denied', status: 401, path: '/mcp', verdict: 'verifier: token expired', recordCount: 3 });
    expect(t?.sources).toEqual(['mcp-server', 'pod/authserver-1/authserver']);
    expect(m.traces.timeline('r-c').map((e) => (e.record as LogRecord).source)).toEqual([
      'pod/authserver-1/authserver', 'mcp-server', 'mcp-server',
    ]);
  });

  it('records both versions for version-skew checks and detects kubernetes', () => {
    const m = model(recs);
    expect(m.bundle.versions.map((v) => [v.version, v.source])).toEqual([
      ['0.2.2', 'pod/authserver-0/authserver'], ['0.2.1', 'pod/authserver-1/authserver'],
    ]);
    expect(m.bundle.deployment).toEqual(['kubernetes']);
    expect(m.http.byStatus).toEqual(new Map([[200, 2], [400, 1], [401, 1]]));
  });
});

describe('counting and retention', () => {
  it('counts every message exactly and finds retained ones by message or prefix', () => {
    const m = model([
      log('JWKS cache reloaded', { key_count: 2 }),
      log('JWKS cache reloaded', { key_count: 2 }),
      log('verifier: invalid claims: key "k9" with algorithm ES256 not found in JWKS', {}, { origin: 'sdk', level: 'WARN' }),
    ]);
    expect(m.logs.countMessage('JWKS cache reloaded')).toBe(2);
    expect(m.logs.countMessage('never logged')).toBe(0);
    expect(m.logs.withMessage('verifier: invalid claims…')).toHaveLength(1);
    expect(m.logs.withMessage(/^JWKS/)).toHaveLength(2);
    expect(m.logs.levelCounts).toEqual({ DEBUG: 0, INFO: 2, WARN: 1, ERROR: 0 });
  });

  it('past the retain limit keeps warnings, rare lines and failing requests, but counts everything', () => {
    const recs: LogRecord[] = [];
    for (let i = 0; i < 10; i++) recs.push(access('GET', '/health', 200, { requestId: `ok-${i}` }));
    recs.push(log('tokens issued', { family_id: 'f' }, { requestId: 'bad' }));
    recs.push(access('POST', '/oauth/token', 400, { requestId: 'bad' }));
    recs.push(log('session.secret not configured - using random ephemeral secret (sessions will not survive restarts)', {}, { level: 'WARN' }));
    recs.push(log('SIGHUP received, reloading signing keys'));
    const m = model(recs, { retainLimit: 3 });
    expect(m.logs.isComplete).toBe(false);
    expect(m.logs.total).toBe(14);
    expect(m.logs.countMessage('http request')).toBe(11);
    const kept = m.logs.records().map((r) => r.msg);
    expect(kept.slice(3)).toEqual([
      'tokens issued', 'http request', 'session.secret not configured - using random ephemeral secret (sessions will not survive restarts)',
      'SIGHUP received, reloading signing keys',
    ]);
    expect(m.http.total).toBe(11);
    expect(m.http.failures().map((r) => r.requestId)).toEqual(['bad']);
    expect(m.traces.find('bad')?.recordCount).toBe(2);
    expect(m.traces.total).toBe(11);
  });

  it('past the retain limit keeps the lines of a failing request but not those of one that succeeded', () => {
    const recs: LogRecord[] = [access('GET', '/health', 200, { requestId: 'filler' })];
    recs.push(log('tokens issued', { family_id: 'f' }, { requestId: 'r1' }));
    recs.push(access('POST', '/oauth/token', 200, { requestId: 'r1' }));
    recs.push(log('tokens refreshed', { family_id: 'g' }, { requestId: 'r2' }));
    recs.push(access('POST', '/oauth/token', 401, { requestId: 'r2' }));
    const m = model(recs, { retainLimit: 1 });
    expect(m.logs.records().map((r) => `${r.msg} ${r.requestId}`)).toEqual(['http request filler', 'tokens refreshed r2', 'http request r2']);
    expect(m.logs.total).toBe(5);
  });

  it('is complete when nothing was dropped', () => {
    expect(model([log('a'), log('b')]).logs.isComplete).toBe(true);
  });
});

describe('the --since/--until window', () => {
  const recs = () => [
    access('GET', '/a', 500, { requestId: 'early', time: '2026-10-03T08:00:00Z' }),
    access('GET', '/b', 200, { requestId: 'mid', time: '2026-10-03T09:00:00Z' }),
    access('GET', '/c', 401, { requestId: 'late', time: '2026-10-03T09:50:00Z' }),
  ];

  it('keeps only records inside absolute bounds', () => {
    const m = model(recs(), { since: { at: Date.parse('2026-10-03T08:30:00Z') }, until: { at: Date.parse('2026-10-03T09:30:00Z') } });
    expect(m.logs.total).toBe(1);
    expect(m.traces.list().map((t) => t.id)).toEqual(['req:mid']);
    expect(m.window).toEqual({ since: Date.parse('2026-10-03T08:30:00Z'), until: Date.parse('2026-10-03T09:30:00Z') });
  });

  it('resolves a relative bound against the newest record', () => {
    const m = model(recs(), { since: { beforeEndMs: 60 * 60_000 } });
    expect(m.window.since).toBe(Date.parse('2026-10-03T08:50:00Z'));
    expect(m.traces.list().map((t) => t.id)).toEqual(['req:late', 'req:mid']);
    expect(m.http.byStatus.get(500)).toBeUndefined();
    expect(m.bundle.timeRange).toEqual({ from: '2026-10-03T09:00:00.000Z', to: '2026-10-03T09:50:00.000Z' });
  });
});

describe('the access index', () => {
  it('counts statuses per path and distinct client addresses per status', () => {
    const m = model([
      access('POST', '/oauth/token', 429, { remoteAddr: '10.0.0.1:1000' }),
      access('POST', '/oauth/token', 429, { remoteAddr: '10.0.0.1:1001' }),
      access('POST', '/oauth/token', 429, { remoteAddr: '[2001:db8::1]:443' }),
      access('GET', '/health', 200, { remoteAddr: '10.0.0.9:5' }),
      log('request handled', { method: 'POST', path: '/mcp', status: 403 }, { origin: 'mcp-server' }),
    ]);
    expect(m.http.byPath.get('/oauth/token')).toEqual(new Map([[429, 3]]));
    expect(m.http.byPath.get('/mcp')).toEqual(new Map([[403, 1]]));
    expect(m.http.remoteAddrs(429)).toEqual(new Map([['10.0.0.1', 2], ['2001:db8::1', 1]]));
    expect(m.http.remoteAddrs().size).toBe(3);
  });
});
