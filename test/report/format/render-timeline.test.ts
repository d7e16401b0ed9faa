import { describe, expect, it } from 'vitest';
import { createRedactor, renderTimeline } from '../../../src/report/index.ts';
import { JWT_SIGNATURE, S } from '../redact/corpus.ts';
import { REQUEST, TRACE, fixtureModel } from '../fixtures.ts';

describe('trace timeline', () => {
  it('prints one line per record in time order with source and file:line', () => {
    const out = renderTimeline(fixtureModel(), TRACE, { color: false, format: 'text', redactor: createRedactor({}) });
    const lines = out.split('\n');
    expect(lines[0]).toBe(`Trace ${TRACE}  (request ${REQUEST})`);
    const body = lines.filter((l) => /^\d\d:\d\d:\d\d/.test(l));
    expect(body).toHaveLength(3);
    expect(body[0]).toMatch(/^09:16:10\.000Z {2}WARN {2}"http request" method=POST path=\/oauth\/token status=400 .* logs\/authserver\.log:\d+$/);
    expect(body[1]).toMatch(/^09:16:10\.100Z {2}ERROR "token issuance failed" .*code=invalid_grant/);
    expect(body[2]).toMatch(/^09:16:10\.200Z {2}WARN {2}"tool call failed/);
    expect(out).not.toContain(S.clientSecret);
    expect(out).not.toContain(JWT_SIGNATURE);
  });

  it('finds the trace by request_id too', () => {
    const out = renderTimeline(fixtureModel(), REQUEST, { color: false, format: 'text' });
    expect(out.split('\n')[0]).toBe(`Trace ${TRACE}  (request ${REQUEST})`);
  });

  it('writes the JSON as the analysis JSON is written: snake_case keys and RFC 3339 times, no epoch numbers', () => {
    const doc = JSON.parse(renderTimeline(fixtureModel(), TRACE, { color: false, format: 'json' })) as { trace: Record<string, unknown>; records: Record<string, unknown>[] };
    expect(doc.trace).toMatchObject({ id: TRACE, trace_id: TRACE, request_ids: [REQUEST] });
    expect(doc.trace.start).toMatch(/^2026-10-03T\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const o of [doc.trace, ...doc.records]) {
      for (const k of Object.keys(o)) expect(k).toMatch(/^[a-z0-9_]+$/);
    }
    for (const rec of doc.records) expect(rec.ts).toBeUndefined();
  });

  it('gives the records as JSON with their fields, redacted', () => {
    const doc = JSON.parse(renderTimeline(fixtureModel(), TRACE, { color: false, format: 'json', redactor: createRedactor({}) })) as { trace: { id: string }; records: Record<string, unknown>[] };
    expect(doc.trace.id).toBe(TRACE);
    expect(doc.records.map((r) => r.msg)).toEqual(['http request', 'token issuance failed', expect.stringContaining('tool call failed')]);
    expect(doc.records[1]).toMatchObject({ kind: 'log', file: 'logs/authserver.log', level: 'ERROR', trace_id: TRACE });
    expect((doc.records[1]!.attrs as Record<string, unknown>).client_secret).toBe('[REDACTED:client-secret]');
  });
});
