import { describe, expect, it } from 'vitest';
import { createRedactor, renderJson } from '../../../src/report/index.ts';
import { JWT_SIGNATURE, S } from '../redact/corpus.ts';
import { fixtureAnalysis } from '../fixtures.ts';

describe('JSON rendering', () => {
  it('is the analysis when no redactor is given, with null for evidence fields it has none of', () => {
    const a = fixtureAnalysis();
    const out = JSON.parse(renderJson(a, { color: false })) as typeof a;
    expect(out).toMatchObject(a);
    for (const e of out.findings.flatMap((f) => f.evidence)) for (const key of ['time', 'trace_id', 'request_id'] as const) expect(e[key] === undefined).toBe(false);
  });

  it('keeps the contract fields and order of findings when redacting', () => {
    const a = fixtureAnalysis();
    const out = JSON.parse(renderJson(a, { color: false, redactor: createRedactor({}) })) as typeof a;
    expect(out.schema).toBe('forensic.analysis/v1');
    expect(out.findings.map((f) => f.rule)).toEqual(['AP0701', 'AP0505', 'AP0001']);
    expect(Object.keys(out.findings[0]!)).toEqual(Object.keys(a.findings[0]!));
    expect(out.findings[0]!.evidence[0]).toMatchObject({ kind: 'log', file: 'logs/authserver.log', line: 4, trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', request_id: '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60' });
  });

  it('redacts excerpts, explanations and metric labels but keeps ids and codes', () => {
    const text = renderJson(fixtureAnalysis(), { color: false, redactor: createRedactor({}) });
    for (const s of [S.clientSecret, JWT_SIGNATURE, 'alice@acme-corp.io', '203.0.113.9']) expect(text).not.toContain(s);
    expect(text).toContain('error=ErrInvalidPKCE code=invalid_grant');
    expect(text).toContain('"reason": "invalid_pkce"');
  });
});
