import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1003-used-after-revoke.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { runEngine } from '../../src/rules/index.ts';
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

  const refusal = (i: number) => log('introspection attempt for token the caller is not entitled to',
    { requesting_client: 'notes-mcp', owning_client: 'cursor', reason: 'caller_not_authorized_for_token' },
    { level: 'WARN', time: `2026-10-03T09:${String(1 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}Z` });
  const deniedRow = (i: number) => auditRow('token.introspect_denied', { clientId: 'notes-mcp', ip: '10.1.0.4', detail: `reason=caller_not_authorized_for_token jti=j${i}`,
    createdAt: `2026-10-03T09:${String(1 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}Z` });

  it('explains introspection refused by the runtime-client binding from AuthPlane alone (no MCP server logs)', () => {
    const recs = Array.from({ length: 40 }, (_, i) => [refusal(i), deniedRow(i)]).flat();
    const [f, ...rest] = run(recs);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('AuthPlane refused 40 introspections between 09:01:00 and 09:10:45 by notes-mcp for tokens of cursor');
    expect(f?.explanation).toContain('neither the issuing client nor a runtime client of the resource');
    expect(f?.fix).toContain('authserver admin resource runtime-client add --client-id notes-mcp --slug <resource-slug>');
    const step10 = runEngine(model(recs), { rules: [rule] }).checklist.find((c) => c.step === 10);
    expect(step10?.status).toBe('fail');
  });

  it('only warns about two refused introspections (a client asking about a token it does not own)', () => {
    const [f] = run([refusal(0), refusal(1), deniedRow(0), deniedRow(1)]);
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
  });

  it('does not take other introspection denials (a public client without a secret) for the binding', () => {
    const rows = Array.from({ length: 10 }, (_, i) => auditRow('token.introspect_denied', { clientId: 'spa', detail: `reason=invalid_client_secret jti=j${i}` }));
    expect(run(rows)).toEqual([]);
  });
});
