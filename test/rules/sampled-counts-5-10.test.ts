// Rules read an outage bundle whose repeated lines were sampled past the retain limit: the counts a
// user reads (explanation, affected, errors seen) are the true numbers of lines, not of kept records.
import { beforeEach, describe, expect, it } from 'vitest';
import ap0703 from '../../src/rules/catalog/ap0703-dpop-proof-invalid.ts';
import ap0706 from '../../src/rules/catalog/ap0706-refresh-token-reuse.ts';
import ap0709 from '../../src/rules/catalog/ap0709-login-denial-spike.ts';
import ap0712 from '../../src/rules/catalog/ap0712-server-errors.ts';
import ap0713 from '../../src/rules/catalog/ap0713-panics.ts';
import ap0714 from '../../src/rules/catalog/ap0714-slow-token-issuance.ts';
import ap0715 from '../../src/rules/catalog/ap0715-signer-unavailable.ts';
import ap1001 from '../../src/rules/catalog/ap1001-audit-events-dropped.ts';
import { access, log, resetCounters } from '../helpers/records.ts';
import { as0, as1, mcp, only, outage, times } from '../helpers/outage.ts';

beforeEach(resetCounters);

describe('rules of steps 5–10 count every line of an outage, not only the lines kept whole', () => {
  it('AP0703 counts every invalid DPoP proof the MCP server refused', () => {
    const lines = times(4000, () => log('request rejected', { error: 'verifier: DPoP invalid: path mismatch' }, mcp));
    const f = only(ap0703, outage(lines));
    expect(f.explanation).toContain('4000 invalid-proof rejections at the MCP server');
    expect(f.affected).toBe(4000);
  });

  it('AP0706 counts every refresh-token reuse detection', () => {
    const lines = times(2400, (i) => log('refresh token reuse detected — family revoked', { family_id: `fam-${i % 3}`, client_id: 'cli-a' }, { ...as0, level: 'WARN' }));
    const f = only(ap0706, outage(lines));
    expect(f.explanation).toMatch(/^2400 reuse detections /);
    expect(f.explanation).toContain('revoked 3 token families');
    expect(f.affected).toBe(2400);
  });

  it('AP0713 counts every panicked request', () => {
    const lines = times(2500, (i) => log('panic recovered', { panic: 'runtime error: invalid memory address', method: 'POST', path: '/oauth/token' }, { ...as0, level: 'ERROR', requestId: `p${i}` }));
    const f = only(ap0713, outage(lines));
    expect(f.explanation).toMatch(/^2500 requests /);
    expect(f.affected).toBe(2500);
  });

  it('AP0713 adds the panics of a sampled instance to those of a quiet one', () => {
    const panic = (where: typeof as0) => log('panic recovered', { panic: 'runtime error: index out of range', method: 'GET', path: '/oauth/authorize' }, { ...where, level: 'ERROR' });
    const m = outage([...times(2000, () => panic(as0)), ...times(12, () => panic(as1))]);
    expect(m.logs.sampled.map((s) => s.source)).toEqual([as0.source]);
    const f = only(ap0713, m);
    expect(f.explanation).toMatch(/^2012 requests /);
    expect(f.affected).toBe(2012);
  });

  it('AP0715 counts every signing failure', () => {
    const lines = times(1500, () => log('token endpoint error', { error: 'vault transit/sign/authserver-signing: status 403: permission denied' }, { ...as0, level: 'ERROR' }));
    const f = only(ap0715, outage(lines));
    expect(f.explanation).toMatch(/^1500 signing failures /);
    expect(f.affected).toBe(1500);
  });

  it('AP1001 splits the dropped audit events by action with true counts', () => {
    const lines = times(4000, (i) => log('audit event dropped — not persisted', { action: i % 2 ? 'token.refreshed' : 'token.issued', actor_id: 'user-1', error: 'disk I/O error' }, { ...as0, level: 'ERROR' }));
    const f = only(ap1001, outage(lines));
    expect(f.explanation).toMatch(/^4000 audit events /);
    expect(f.explanation).toContain('token.issued (2000) and token.refreshed (2000)');
    expect(f.affected).toBe(4000);
  });

  it('AP0709 names the most common denial reason with its true count', () => {
    const denial = (reason: string, where: typeof as0) => log('local authentication denied', { user_id: '', reason }, { ...where, level: 'WARN' });
    const m = outage([...times(2400, () => denial('user_not_found', as0)), ...times(300, () => denial('invalid_credentials', as1))]);
    const f = only(ap0709, m);
    expect(f.explanation).toMatch(/^2700 login denials /);
    expect(f.explanation).toContain('most common reason user_not_found (2400)');
    expect(f.affected).toBe(2700);
  });

  it('AP0714 counts every slow token request of the access log', () => {
    const m = outage(times(3000, (i) => access('POST', '/oauth/token', 503, { ...as0, durationMs: 3000, requestId: `t${i}` })));
    const f = only(ap0714, m);
    expect(f.explanation).toContain('p99 reached 3.0 s (alert threshold 2 s) over 3000 issuances');
    expect(f.affected).toBe(3000);
  });

  it('AP0714 does not call issuance slow when the slow lines are under 1% of a sampled outage', () => {
    // 2980 fast failures (sampled) and 20 slow ones from another instance: the true p99 is the fast time.
    const m = outage([
      ...times(2980, (i) => access('POST', '/oauth/token', 503, { ...as0, durationMs: 40, requestId: `f${i}` })),
      ...times(20, (i) => access('POST', '/oauth/token', 504, { ...as1, durationMs: 9000, requestId: `s${i}` })),
    ]);
    expect([...ap0714.check(m)]).toEqual([]);
  });

  it('AP0712 reports the true share of 5xx answers in an outage', () => {
    // The share comes from the HTTP index, which counts every access line: this guards that it stays so.
    const recs = [
      ...times(600, (i) => access('GET', '/health', 200, { ...as0, requestId: `ok${i}` })),
      ...times(2000, (i) => access('POST', '/oauth/token', 503, { ...as0, requestId: `bad${i}` })),
    ];
    const f = only(ap0712, outage(recs));
    expect(f.explanation).toMatch(/^2000 requests of 2600 \(76\.9%/);
    expect(f.affected).toBe(2000);
  });
});
