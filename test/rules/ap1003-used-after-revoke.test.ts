import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1003-used-after-revoke.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP1003 revoked tokens still used', () => {
  it('stays quiet when the family was refreshed before it was revoked', () => {
    expect(run([
      auditRow('token.refreshed', { clientId: 'cli-a', detail: 'family=f1', createdAt: '2026-10-03T09:00:00Z' }),
      auditRow('token.revoked', { clientId: 'cli-a', detail: 'family=f1', createdAt: '2026-10-03T09:10:00Z' }),
    ])).toEqual([]);
  });

  it('reports a family refreshed after its revocation, citing both rows', () => {
    const revoked = auditRow('token.revoked', { id: 'row-rev', clientId: 'cli-a', detail: 'family=f1', createdAt: '2026-10-03T09:10:00Z' });
    const used = auditRow('token.refreshed', { id: 'row-use', clientId: 'cli-a', detail: 'family=f1', createdAt: '2026-10-03T09:20:00Z' });
    const [f] = run([revoked, used]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('1 token family (f1) refreshed successfully after its token.revoked row');
    expect(f?.evidence.map((e) => e.audit?.id)).toEqual(['row-rev', 'row-use']);
  });

  it('explains "revoked" rejections that come from the introspection binding, not a revocation', () => {
    const rejected = Array.from({ length: 5 }, (_, i) => log('request rejected', { error: 'verifier: token revoked' }, { origin: 'mcp-server', line: 10 + i }));
    const refused = log('introspection attempt for token the caller is not entitled to', { requesting_client: 'rs-client', owning_client: 'cli-a' }, { level: 'WARN', line: 3 });
    const [f] = run([refused, ...rejected]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('nothing was revoked');
    expect(f?.fix).toContain('authserver admin resource runtime-client add');
  });

  it("reports a Rust MCP server that keeps rejecting tokens as 'token is not active' (the Rust SDK's TokenRevoked text)", () => {
    const rejected = Array.from({ length: 8 }, (_, i) => log('auth failed', { error: 'token is not active' },
      { origin: 'mcp-server', level: 'WARN', line: 20 + i, time: `2026-10-03T09:11:${String(i * 5).padStart(2, '0')}Z` }));
    const [f] = run(rejected);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('the MCP server rejected 8 requests between 09:11:00 and 09:11:35 carrying revoked tokens');
  });

  it("does not take an identity provider's own 'Token is not active' introspection events for revoked tokens at the MCP server", () => {
    const keycloak = Array.from({ length: 8 }, (_, i) => log('[org.keycloak.events] type=INTROSPECT_TOKEN_ERROR, realmId=acme, clientId=authplane',
      { error: 'invalid_token', reason: 'Token is not active' }, { origin: 'other', level: 'WARN', file: 'logs/keycloak.log', line: 30 + i }));
    expect(run(keycloak)).toEqual([]);
  });

  it('stays quiet for a couple of correctly rejected revoked tokens', () => {
    expect(run([log('request rejected', { error: 'verifier: token revoked' }, { origin: 'mcp-server' })])).toEqual([]);
  });
});
