import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0701-pkce-failures.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, auditRow, exchange, log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

// A refused code exchange as a real AuthPlane logs it (reference §1.1, §4.3): the 400 access line on
// /oauth/token and the log copy of the `token.issue_denied reason=invalid_grant` audit row, sharing the request id.
function deniedExchange(i: number, client = 'vscode', ua = 'vscode-mcp/1.105.0', reason = 'invalid_grant'): BundleRecord[] {
  const rid = `req-${client}-${i}`;
  const time = `2026-10-03T09:${String(10 + i).padStart(2, '0')}:00Z`;
  return [
    log('http request', { component: 'http', method: 'POST', path: '/oauth/token', status: 400, duration_ms: 12, bytes: 231, remote_addr: '10.42.0.17:50000', user_agent: ua, request_id: rid }, { time }),
    log('audit', { component: 'audit', action: 'token.issue_denied', actor_id: 'user-42', client_id: client, ip: '10.42.0.17', detail: `reason=${reason}`, request_id: rid }, { time }),
  ];
}
const burst = (n: number, client?: string, ua?: string, reason?: string) => Array.from({ length: n }, (_, i) => deniedExchange(i, client, ua, reason)).flat();
// ErrInvalidPKCE's wire text (reference §2.3).
const pkceCapture = () => exchange({ method: 'POST', url: 'https://auth.example.com/oauth/token', status: 400 },
  { error: 'invalid_grant', error_description: 'PKCE verification failed', status: 400 }, { file: 'captures/token.txt' });

describe('AP0701 authorization-code exchanges failing (PKCE)', () => {
  it('stays quiet when code exchanges succeed', () => {
    expect(run([log('tokens issued', { client_id: 'cli-a', token_type: 'Bearer' })])).toEqual([]);
  });

  it('reports a burst of token.issue_denied invalid_grant rows from one client, with its user_agent, without asserting PKCE', () => {
    const [f] = run(burst(6));
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('6 code exchanges between 09:10:00 and 09:15:00 were refused (token.issue_denied reason=invalid_grant), all from client vscode (user_agent vscode-mcp/1.105.0)');
    expect(f?.explanation).toContain('6 400 responses on /oauth/token');
    expect(f?.explanation).toContain('Code exchanges failing with invalid_grant');
    expect(f?.explanation).not.toContain('ErrInvalidPKCE');
    expect(f?.explanation).not.toContain('login reasons');
    expect(f?.evidence.some((e) => e.audit?.action === 'token.issue_denied' && e.audit.client_id === 'vscode')).toBe(true);
  });

  it('calls it PKCE when a captured token response says "PKCE verification failed"', () => {
    const [f] = run([...burst(6), pkceCapture()]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('1 captured token response says "PKCE verification failed"');
    expect(f?.explanation).toContain('does not hash to the code_challenge');
    expect(f?.explanation).not.toContain('Code exchanges failing with invalid_grant');
    expect(f?.confidence).toBe(0.9);
    expect(f?.evidence.some((e) => e.file === 'captures/token.txt')).toBe(true);
  });

  it('counts a client log that quotes the wire text, even without the audit trail', () => {
    const line = log('token exchange failed: invalid_grant (PKCE verification failed)', {}, { origin: 'mcp-server', level: 'ERROR' });
    const [f] = run([line]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('1 log line quotes "PKCE verification failed"');
  });

  it('names each client of a mixed burst with its count', () => {
    const [f] = run([...burst(4, 'vscode'), ...burst(2, 'cursor', 'cursor/1.2')]);
    expect(f?.explanation).toContain('6 code exchanges');
    expect(f?.explanation).toContain('4 from client vscode (user_agent vscode-mcp/1.105.0), 2 from client cursor (user_agent cursor/1.2)');
  });

  it('reads audit dump rows too (no log copies, so no user_agent)', () => {
    const rows = [0, 1, 2, 3, 4].map((i) => auditRow('token.issue_denied', { clientId: 'vscode', detail: 'reason=invalid_grant', createdAt: `2026-10-03T09:2${i}:00Z` }));
    const [f] = run(rows);
    expect(f?.explanation).toContain('5 code exchanges between 09:20:00 and 09:24:00 were refused (token.issue_denied reason=invalid_grant), all from client vscode. Code exchanges failing with invalid_grant');
  });

  describe('near misses', () => {
    it('two invalid_grant denials are users retrying an expired code, not a pattern', () => {
      expect(run(burst(2))).toEqual([]);
    });

    it('issue denials for another reason (DPoP) are not code-exchange failures', () => {
      expect(run(burst(10, 'agent', 'python-httpx/0.28.1', 'invalid_dpop_proof'))).toEqual([]);
    });

    it('400s on /oauth/token alone (refresh, DPoP, client_credentials) are not read as failing code exchanges', () => {
      expect(run(Array.from({ length: 20 }, () => access('POST', '/oauth/token', 400)))).toEqual([]);
    });

    it('ignores the checklist-only authserver_auth_denied_total{reason="invalid_pkce"} label, which the server never emits', () => {
      expect(run([
        snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_auth_denied_total{reason="invalid_pkce"}': 2 }),
        snapshot({ at: '2026-10-03T10:00:00Z' }, { 'authserver_auth_denied_total{reason="invalid_pkce"}': 40 }),
      ])).toEqual([]);
    });
  });
});
