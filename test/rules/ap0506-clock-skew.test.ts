import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0506-clock-skew.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0506 clock skew', () => {
  it('stays quiet when clocks agree within 30 s', () => {
    const m = model([log('verified', {}, { origin: 'mcp-server' })]);
    m.clock = [{ source: 'mcp', reference: 'authserver', offsetMs: 12_000, pairs: 40, evidence: [] }];
    expect([...rule.check(m)]).toEqual([]);
  });

  it('reports an MCP server whose clock runs 95 s behind AuthPlane', () => {
    const m = model([log('verified', {}, { origin: 'mcp-server' })]);
    m.clock = [{ source: 'logs/mcp-server.log', reference: 'logs/authserver.log', offsetMs: 95_000, pairs: 12,
      evidence: [{ file: 'logs/mcp-server.log', line: 7, note: 'request r1 seen 95 s earlier than on AuthPlane' }] }];
    const [f] = [...rule.check(m)];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('logs/mcp-server.log runs 95 s behind logs/authserver.log (estimated from 12 matched requests)');
    expect(f?.evidence).toEqual([{ kind: 'log', file: 'logs/mcp-server.log', line: 7, excerpt: 'request r1 seen 95 s earlier than on AuthPlane' }]);
  });

  it('reports tokens rejected because iat lies in the future', () => {
    const recs = [1, 2, 3].map((i) => log("Token 'iat' claim is in the future (iat=1791018960, now=1791018860, leeway=30s)", {}, { origin: 'sdk', format: 'python', line: i }));
    const [f] = [...rule.check(model(recs))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain("3 tokens rejected because iat/nbf lies in the verifier's future (median 100 s ahead: the MCP server's clock runs about 100 s behind AuthPlane's)");
  });

  it('gives one figure when the clock offset and the rejected tokens come from the same MCP server', () => {
    // iat − now is 149 s on one line and 151 s on another; the offset estimate is 151 s.
    const recs = [149, 151, 151].map((lead, i) => log(`Token 'iat' claim is in the future (iat=${1791018860 + lead}, now=1791018860, leeway=30s)`, {}, { origin: 'sdk', format: 'python', line: i + 1, source: 'pod/notes-mcp' }));
    const m = model(recs);
    m.clock = [{ source: 'pod/notes-mcp', reference: 'pod/authserver', offsetMs: 151_000, pairs: 3,
      evidence: [{ file: 'logs/mcp.log', line: 2, note: 'verifier saw a token iat 151 s ahead of its clock: at least 151 s behind' }] }];
    const [f] = [...rule.check(m)];
    expect(f?.explanation).toContain('pod/notes-mcp runs 151 s behind pod/authserver');
    expect(f?.explanation).not.toMatch(/\d+ min|149 s|median/);
  });
});
