import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0505-token-expired.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model, token } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const EXP = Date.parse('2026-10-03T09:15:00Z') / 1000;

describe('AP0505 token expired', () => {
  it('stays quiet for a presented token inside the 30 s tolerance', () => {
    const t = token({}, { exp: EXP, aud: 'x' }, { foundIn: 'http-exchange', capturedAt: (EXP + 20) * 1000 });
    expect(run([t])).toEqual([]);
  });

  it('reports a token presented 31 s after exp', () => {
    const t = token({}, { exp: EXP, aud: 'x' }, { foundIn: 'http-exchange', capturedAt: (EXP + 31) * 1000, file: 'captures/req.txt' });
    const [f] = run([t]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('presented 31 s after exp');
    expect(f?.evidence[0]?.file).toBe('captures/req.txt');
  });

  it('ignores the mtime of a pasted token file (it says nothing about use)', () => {
    expect(run([token({}, { exp: EXP }, { foundIn: 'file', capturedAt: (EXP + 3600) * 1000 })])).toEqual([]);
  });

  it("counts a TS host app's bare jose expiry text on requests the MCP server answered 401", () => {
    const recs = [1, 2, 3, 4, 5].flatMap((i) => [
      log('auth failed', { error: '"exp" claim timestamp check failed' }, { origin: 'mcp-server', level: 'WARN', requestId: `r${i}`, time: `2026-10-03T09:3${i}:00Z` }),
      log('http request', { method: 'POST', path: '/mcp', status: 401 }, { origin: 'mcp-server', requestId: `r${i}`, time: `2026-10-03T09:3${i}:00.002Z` }),
    ]);
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('5 requests between 09:31:00 and 09:35:00');
  });

  it('reports a stream of Java SDK expiry rejections as an error', () => {
    const recs = [1, 2, 3, 4, 5].map((i) => log('Token verification failed [issuer=https://auth.example.com, error=TokenExpiredException, duration=1.2ms]', {},
      { origin: 'sdk', format: 'java-jul', level: 'WARN', line: 40 + i, time: `2026-10-03T09:2${i}:00Z` }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('5 requests between 09:21:00 and 09:25:00');
    expect(f?.evidence).toHaveLength(5);
  });

  it("stays quiet when a tool's upstream GitHub token expires and is refreshed by token exchange", () => {
    const recs = [0, 1, 2, 3, 4, 5].flatMap((i) => [
      log('verified', { sub: 'user-42', scope: 'tools/read', aud: 'https://mcp.example.com/mcp' }, { origin: 'mcp-server' }),
      log('github: upstream access token has expired, refreshing via token exchange', { tool: 'issues.list' }, { origin: 'mcp-server' }),
      log('token exchange: success', { logger: 'authplane.oauth.token_exchange', endpoint: 'https://auth.example.com/oauth/token', duration_ms: 40 }, { origin: 'sdk' }),
      log('request', { method: 'POST', path: '/mcp', status: 200, duration_ms: 8 }, { origin: 'mcp-server', line: 100 + i }),
    ]);
    expect(run(recs)).toEqual([]);
  });
});
