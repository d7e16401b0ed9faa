import { beforeEach, describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/ingest/index.ts';
import { access, doc, log, model, resetCounters, token } from '../helpers/records.ts';

beforeEach(resetCounters);

const AS = { source: 'pod/authserver-0/authserver', file: 'logs/authserver-0.log' };
const MCP = { source: 'pod/mcp-0/mcp', file: 'logs/mcp-0.log', origin: 'mcp-server' as const };
const T0 = Date.parse('2026-10-03T09:00:00Z');

/** Ten machine tokens issued by the AS and used 0.3–1.2 s later by an MCP server whose clock is `skewMs` off. */
function issuedThenUsed(skewMs: number): LogRecord[] {
  const out: LogRecord[] = [];
  for (let i = 0; i < 10; i++) {
    const issued = T0 + i * 60_000;
    out.push(log('client credentials token issued', { client_id: 'svc', jti: `jti-${i}` }, { ...AS, ts: issued }));
    out.push(log('verified', { jti: `jti-${i}`, sub: 'svc' }, { ...MCP, ts: issued + 300 + i * 100 + skewMs }));
  }
  return out;
}

describe('clock offsets between sources', () => {
  it('estimates a planted 90 s lag of the MCP server within 2 s, with evidence', () => {
    const m = model(issuedThenUsed(-90_000));
    const off = m.clock.find((c) => c.source === MCP.source);
    expect(off?.reference).toBe(AS.source);
    expect(Math.abs(off!.offsetMs - 90_000)).toBeLessThanOrEqual(2000);
    expect(off?.pairs).toBe(10);
    expect(off?.evidence[0]?.file).toBe(MCP.file);
  });

  it('reports no meaningful offset when the clocks agree', () => {
    const off = model(issuedThenUsed(0)).clock.find((c) => c.source === MCP.source);
    expect(Math.abs(off!.offsetMs)).toBeLessThan(30_000);
  });

  it('measures a source running ahead from requests both sides logged', () => {
    const recs: LogRecord[] = [];
    for (let i = 0; i < 5; i++) {
      const t = T0 + i * 10_000;
      recs.push(log('introspecting token', {}, { ...MCP, requestId: `r${i}`, ts: t + 45_000 }));
      recs.push(log('token introspected', { jti: `j${i}` }, { ...AS, requestId: `r${i}`, ts: t + 20 }));
    }
    const off = model(recs).clock.find((c) => c.source === MCP.source);
    expect(Math.abs(off!.offsetMs - -45_000)).toBeLessThanOrEqual(2000);
    expect(off?.pairs).toBe(5);
  });

  it('corrects timelines by the estimated offset', () => {
    const recs = [
      log('calling authserver', {}, { ...MCP, traceId: 't', ts: T0 - 60_000 }),
      access('POST', '/oauth/introspect', 200, { ...AS, traceId: 't', ts: T0 + 50 }),
      log('introspection done', {}, { ...MCP, traceId: 't', ts: T0 - 60_000 + 100 }),
    ];
    const timeline = model(recs).traces.timeline('t');
    expect(timeline.map((e) => (e.record as LogRecord).msg)).toEqual(['calling authserver', 'http request', 'introspection done']);
    expect(timeline[0]).toMatchObject({ offsetMs: 60_050, correctedTs: T0 + 50 });
  });

  it('compares the capture host with the time a /health body reports', () => {
    const m = model([
      log('starting authserver', { version: '0.2.2' }, { ...AS, ts: T0 }),
      doc('health', { status: 'ok', time: '2026-10-03T09:10:00Z', db: 'ok' }, { capturedAt: '2026-10-03T09:12:00Z' }),
    ]);
    expect(m.clock.find((c) => c.source === 'capture-host')?.offsetMs).toBe(-120_000);
  });

  it('flags a capture host that recorded a token before it was issued', () => {
    const m = model([
      log('starting authserver', {}, { ...AS, ts: T0 }),
      token({ kid: 'k1' }, { iat: T0 / 1000 + 600, exp: T0 / 1000 + 1500 }, { capturedAt: T0 + 500_000 }),
    ]);
    expect(m.clock.find((c) => c.source === 'capture-host')?.offsetMs).toBe(100_000);
  });

  it('has no offsets without an AuthPlane source to compare with', () => {
    expect(model([log('verified', { jti: 'x' }, MCP)]).clock).toEqual([]);
  });
});

describe('clock evidence in verifier errors', () => {
  it('reads the lag from a Python SDK "iat claim is in the future" rejection', () => {
    const m = model([
      log('starting authserver', {}, { ...AS, ts: T0 }),
      log('authplane.token_verification_failed', {
        error_class: 'InvalidClaimsError', error: "Token 'iat' claim is in the future (iat=1791014364, now=1791014214, leeway=30s)",
      }, { ...MCP, level: 'DEBUG', format: 'python', ts: 1791014214_000 }),
    ]);
    const off = m.clock.find((c) => c.source === MCP.source);
    expect(off?.offsetMs).toBe(150_000);
    expect(off?.evidence[0]?.note).toContain('150 s');
  });
});
