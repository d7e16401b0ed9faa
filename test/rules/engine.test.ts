import { describe, expect, it } from 'vitest';
import { defineRule, runEngine, type Rule } from '../../src/rules/index.ts';
import { access, doc, exchange, log, model } from '../helpers/records.ts';

const stub = (over: Partial<Rule> & Pick<Rule, 'id' | 'cause' | 'step' | 'check'>): Rule =>
  defineRule({ severity: 'error', title: `Rule ${over.id}`, fix: 'Do the thing.', docs: 'https://example.com/docs', needs: [], ...over });
/** Throws while the rule's generator is being drained, as a buggy rule would. */
function boom(): Iterable<never> {
  throw new Error('boom');
}
const ev = (line: number) => ({ kind: 'log' as const, file: 'x.log', line, excerpt: 'x' });

describe('rules engine: ranking', () => {
  it('puts errors before warnings, then higher confidence, then more affected requests', () => {
    const rules = [
      stub({ id: 'AP0701', cause: 'pkce-failures', step: 7, severity: 'warning', *check() { yield { confidence: 0.95, explanation: 'w', evidence: [ev(1)] }; } }),
      stub({ id: 'AP0702', cause: 'dpop-replay', step: 7, *check() { yield { confidence: 0.6, explanation: 'e-low', evidence: [ev(2)] }; } }),
      stub({ id: 'AP0703', cause: 'dpop-proof-invalid', step: 7, *check() { yield { confidence: 0.9, explanation: 'e-high', evidence: [ev(3)], affected: 2 }; } }),
      stub({ id: 'AP0704', cause: 'dpop-nonce', step: 7, *check() { yield { confidence: 0.9, explanation: 'e-high-more', evidence: [ev(4)], affected: 40 }; } }),
    ];
    const a = runEngine(model([]), { rules });
    expect(a.findings.map((f) => f.rule)).toEqual(['AP0704', 'AP0703', 'AP0702', 'AP0701']);
  });

  it('applies a draft severity and fix over the rule defaults', () => {
    const rules = [stub({ id: 'AP0701', cause: 'pkce-failures', step: 7, *check() { yield { confidence: 0.3, explanation: 'one', evidence: [], severity: 'info', fix: 'Specific fix.' }; } })];
    const [f] = runEngine(model([]), { rules }).findings;
    expect(f).toEqual(expect.objectContaining({ severity: 'info', fix: 'Specific fix.', title: 'Rule AP0701', docs: 'https://example.com/docs', related: [] }));
  });
});

describe('rules engine: consequences', () => {
  it('groups unknown-kid failures under the regenerated signing key, root first', () => {
    const boot = (time: string) => log('starting authserver', { version: '0.2.2' }, { time });
    const gen = (time: string) => log('no signing key found, generating', { algorithm: 'ES256' }, { time });
    const misses = [1, 2, 3, 4, 5, 6].map((i) => log('call failed', { error: `verifier: invalid claims: key "k-old" with algorithm ES256 not found in JWKS` }, { origin: 'mcp-server', time: `2026-10-03T09:3${i}:00Z` }));
    const m = model([boot('2026-10-03T09:00:00Z'), gen('2026-10-03T09:00:01Z'), boot('2026-10-03T09:30:00Z'), gen('2026-10-03T09:30:01Z'), doc('jwks', { keys: [{ kid: 'k-new' }] }), ...misses]);
    const a = runEngine(m);
    const ids = a.findings.map((f) => f.rule);
    expect(ids.slice(0, 2)).toEqual(['AP0401', 'AP0402']);
    expect(a.findings[0]?.related).toContain('AP0402');
    expect(a.findings[1]?.consequence_of).toBe('AP0401');
    expect(a.findings[0]?.consequence_of).toBeUndefined();
  });

  it('puts a second finding of the same cause under the first instead of ranking it as a rival', () => {
    const rules = [
      stub({ id: 'AP0102', cause: 'db-unreachable', step: 1, *check() { yield { confidence: 0.9, explanation: 'health says db error', evidence: [ev(1)] }; } }),
      stub({ id: 'AP0712', cause: 'server-errors', step: 7, severity: 'warning', *check() { yield { confidence: 0.85, explanation: '5xx', evidence: [ev(2)] }; } }),
      stub({ id: 'AP0103', cause: 'db-unreachable', step: 1, *check() { yield { confidence: 0.85, explanation: 'logs say db errors', evidence: [ev(3)] }; } }),
    ];
    const a = runEngine(model([]), { rules });
    expect(a.findings.map((f) => f.rule)).toEqual(['AP0102', 'AP0103', 'AP0712']);
    expect(a.findings[1]?.consequence_of).toBe('AP0102');
    expect(a.findings[0]?.related).toEqual(['AP0103']);
    expect(a.findings[2]?.consequence_of).toBeUndefined();
  });

  it('never lists a rule as related to itself when it reports two things', () => {
    const rules = [stub({ id: 'AP0208', cause: 'prm-authorization-servers', step: 2, *check() {
      yield { confidence: 0.9, explanation: 'PRM of /a lists none', evidence: [ev(1)] };
      yield { confidence: 0.9, explanation: 'PRM of /b lists none', evidence: [ev(2)] };
    } })];
    const a = runEngine(model([]), { rules });
    expect(a.findings.map((f) => [f.rule, f.related])).toEqual([['AP0208', []], ['AP0208', []]]);
  });

  it('keeps a consequence as its own finding when its cause was not found', () => {
    const rules = [
      stub({ id: 'AP0402', cause: 'kid-unknown', step: 4, consequenceOf: ['signing-key-regenerated'], *check() { yield { confidence: 0.9, explanation: 'kid', evidence: [] }; } }),
    ];
    const [f] = runEngine(model([]), { rules }).findings;
    expect(f?.consequence_of).toBeUndefined();
  });
});

describe('rules engine: robustness', () => {
  it('turns a crashing rule into a bundle problem naming it, and runs the rest', () => {
    const rules = [
      stub({ id: 'AP0301', cause: 'scopes-not-advertised', step: 3, *check() { yield* boom(); } }),
      stub({ id: 'AP0302', cause: 'scopes-not-advertised', step: 3, *check() { yield { confidence: 0.8, explanation: 'still here', evidence: [] }; } }),
    ];
    const a = runEngine(model([]), { rules });
    expect(a.bundle.problems).toContainEqual({ path: 'rule AP0301', problem: 'rule AP0301 crashed: boom' });
    expect(a.findings.map((f) => f.rule)).toEqual(['AP0302']);
  });
});

describe('rules engine: checklist', () => {
  const jwksRule = stub({ id: 'AP0204', cause: 'jwks-empty', step: 2, needs: ['jwks'], *check() {} });

  it('marks a step unknown and says what to collect when the bundle lacks what its rules need', () => {
    const step2 = runEngine(model([]), { rules: [jwksRule] }).checklist.find((c) => c.step === 2);
    expect(step2?.status).toBe('unknown');
    expect(step2?.note).toContain('no JWKS in the bundle: add `curl -s http://localhost:9000/.well-known/jwks.json');
  });

  it('does not pass discovery when the discovery fetches were refused', () => {
    const refused = (path: string, kind: 'as-metadata' | 'jwks') => ({
      ...exchange({ method: 'GET', path, port: 9000, error: 'Connection refused', requestHeaders: {}, responseHeaders: {} }),
      bodyKind: kind,
    });
    const bundle = [refused('/.well-known/oauth-authorization-server', 'as-metadata'), refused('/.well-known/jwks.json', 'jwks')];
    const step2 = runEngine(model(bundle), { rules: [jwksRule] }).checklist.find((c) => c.step === 2);
    expect(step2?.status).toBe('unknown');
    expect(step2?.note).toContain('no AS metadata (discovery) in the bundle');
  });

  it('does not pass step 6 on AuthPlane captures or a refused MCP request: only MCP logs or an answered MCP request show the SDK at work', () => {
    const health = exchange({ method: 'GET', url: 'http://localhost:9000/health', status: 200, requestHeaders: {}, responseHeaders: {} }, { status: 'ok' });
    const refused = exchange({ method: 'POST', url: 'https://mcp.acme.io/mcp', error: 'Connection refused', requestHeaders: {}, responseHeaders: {} });
    const step6 = runEngine(model([health, refused])).checklist.find((c) => c.step === 6);
    expect(step6?.status).toBe('unknown');
    expect(step6?.note).toContain('no MCP server logs in the bundle');
    const answered = exchange({ method: 'POST', url: 'https://mcp.acme.io/mcp', status: 401, requestHeaders: {}, responseHeaders: { 'www-authenticate': 'Bearer resource_metadata="https://mcp.acme.io/.well-known/oauth-protected-resource/mcp"' } });
    expect(runEngine(model([health, answered])).checklist.find((c) => c.step === 6)?.status).not.toBe('unknown');
  });

  it('passes a step whose rules ran on the data they need and found nothing', () => {
    const bundle = [doc('jwks', { keys: [{ kid: 'a' }] }), doc('as-metadata', { issuer: 'https://auth.example.com', jwks_uri: 'https://auth.example.com/.well-known/jwks.json' })];
    const step2 = runEngine(model(bundle), { rules: [jwksRule] }).checklist.find((c) => c.step === 2);
    expect(step2?.status).toBe('pass');
  });

  it('does not pass discovery on a JWKS alone: the AS metadata the step reads is missing', () => {
    const step2 = runEngine(model([doc('jwks', { keys: [{ kid: 'a' }] })]), { rules: [jwksRule] }).checklist.find((c) => c.step === 2);
    expect(step2?.status).toBe('unknown');
    expect(step2?.note).toContain('no AS metadata (discovery) in the bundle: add `curl -si http://localhost:9000/.well-known/oauth-authorization-server');
    expect(step2?.note).toContain('1 check that needs less ran and found nothing');
  });

  it('fails a step with an error finding and warns on a warning', () => {
    const rules = [
      stub({ id: 'AP0101', cause: 'server-unreachable', step: 1, *check() { yield { confidence: 0.9, explanation: 'down', evidence: [] }; } }),
      stub({ id: 'AP0301', cause: 'scopes-not-advertised', step: 3, severity: 'warning', *check() { yield { confidence: 0.6, explanation: 'hmm', evidence: [] }; } }),
    ];
    const list = runEngine(model([]), { rules }).checklist;
    expect(list.map((c) => c.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(list[0]).toEqual(expect.objectContaining({ status: 'fail', findings: ['AP0101'] }));
    expect(list[2]).toEqual(expect.objectContaining({ status: 'warn', findings: ['AP0301'] }));
  });

  it('keeps step-0 findings out of the checklist', () => {
    const rules = [stub({ id: 'AP0001', cause: 'session-secret-ephemeral', step: 0, *check() { yield { confidence: 0.9, explanation: 's', evidence: [] }; } })];
    const a = runEngine(model([]), { rules });
    expect(a.findings.map((f) => f.rule)).toEqual(['AP0001']);
    expect(a.checklist.some((c) => c.findings.includes('AP0001'))).toBe(false);
  });

  it('always leaves step 9 (MCP Inspector) unknown', () => {
    expect(runEngine(model([]), { rules: [] }).checklist[8]).toEqual(expect.objectContaining({ step: 9, status: 'unknown' }));
  });

  it('says tracing is off when no request carries an id (step 8)', () => {
    const step8 = runEngine(model([log('starting authserver')]), { rules: [] }).checklist[7];
    expect(step8?.status).toBe('unknown');
    expect(step8?.note).toContain('tracing is off');
  });

  it('passes step 8 when failing requests are correlated by id', () => {
    const m = model([access('POST', '/oauth/token', 400, { requestId: 'r1' }), log('token issuance failed', { error: 'ErrInvalidPKCE', code: 'invalid_grant' }, { requestId: 'r1', level: 'ERROR' })]);
    const step8 = runEngine(m, { rules: [] }).checklist[7];
    expect(step8?.status).toBe('pass');
    expect(step8?.note).toContain('--trace');
  });
});

describe('rules engine: errors seen and stats', () => {
  it('lists every catalogued code and sentinel with its count, meaning and an example', () => {
    const m = model([
      log('token issuance failed', { error: 'ErrInvalidPKCE', code: 'invalid_grant' }, { level: 'ERROR', line: 3 }),
      log('token issuance failed', { error: 'ErrInvalidPKCE', code: 'invalid_grant' }, { level: 'ERROR', line: 4 }),
      log('rejected', { error: 'verifier: token expired' }, { origin: 'mcp-server', line: 9 }),
    ]);
    const seen = runEngine(m, { rules: [] }).errors_seen;
    const byCode = Object.fromEntries(seen.map((e) => [e.code, e]));
    expect(byCode.ErrInvalidPKCE?.count).toBe(2);
    expect(byCode.invalid_grant?.count).toBe(2);
    expect(byCode['verifier: token expired']?.count).toBe(1);
    expect(byCode.ErrInvalidPKCE?.meaning).toContain('code_verifier');
    expect(byCode.ErrInvalidPKCE?.example).toEqual(expect.objectContaining({ file: 'logs/authserver.log', line: 3 }));
  });

  it('counts stats from the model', () => {
    const a = runEngine(model([access('GET', '/health', 200), access('GET', '/health', 200)]), { rules: [], startedAt: Date.now() - 5 });
    expect(a.stats.requests).toBe(2);
    expect(a.stats.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(a.schema).toBe('forensic.analysis/v1');
  });
});
