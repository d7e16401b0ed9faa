import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0703-dpop-proof-invalid.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP0703 DPoP proof invalid', () => {
  it('stays quiet for two rejections in an hour', () => {
    expect(run([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 1 }),
      snapshot({ at: '2026-10-03T10:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 3 }),
    ])).toEqual([]);
  });

  it('names an htu mismatch from the SDK lines', () => {
    const recs = [1, 2, 3, 4, 5].map((i) => log('request rejected', { error: 'verifier: DPoP invalid: path mismatch' }, { origin: 'mcp-server', line: i }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('5 invalid-proof rejections at the MCP server');
    expect(f?.explanation).toContain('htu does not match');
  });

  it("leaves the MCP server's 'DPoP proof nonce mismatch' to the nonce rule, although Python raises it as InvalidDPoPProofError", () => {
    const recs = Array.from({ length: 12 }, (_, i) => log('authplane.token_verification_failed',
      { error_class: 'InvalidDPoPProofError', error: `DPoP proof nonce mismatch: expected 'n-${i + 1}', got 'n-${i}'` }, { origin: 'sdk', format: 'generic-json', level: 'DEBUG' }));
    expect(run(recs)).toEqual([]);
  });

  it('reports a sustained counter above 0.1/s', () => {
    const [f] = run([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 0 }),
      snapshot({ at: '2026-10-03T09:05:00Z' }, { 'authplane_dpop_proofs_rejected_total{reason="invalid_proof"}': 90 }),
    ]);
    expect(f?.explanation).toContain('+90 in 5 min');
  });

  it('reports a Go MCP server refusing bearer tokens because the resource requires DPoP', () => {
    const recs = Array.from({ length: 12 }, (_, i) => log('token rejected', { status: 401, error: 'verifier: DPoP required' },
      { origin: 'mcp-server', level: 'WARN', time: `2026-10-03T09:3${Math.floor(i / 6)}:${String((i % 6) * 10).padStart(2, '0')}Z` }));
    const [f, ...rest] = run(recs);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('the MCP server rejected 12 requests between 09:30:00 and 09:31:50 because the access token and its DPoP proof do not belong together');
    expect(f?.explanation).toContain('requires DPoP-bound tokens and got a bearer token');
    expect(f?.fix).toContain('Authorization: DPoP <token>');
  });

  it("names a proof signed by another key than the token's cnf.jkt (Python adapter)", () => {
    const recs = Array.from({ length: 6 }, () => log('authplane.token_verification_failed',
      { error_class: 'DPoPBindingMismatchError', error: 'DPoP proof key does not match the access token `cnf.jkt`' }, { origin: 'sdk', format: 'generic-json', level: 'DEBUG' }));
    const [f] = run(recs);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('signed by another key than the one the access token is bound to (cnf.jkt)');
  });

  it('tells a Go resource with no inbound DPoP configured to enable it, not to fix the client proof', () => {
    const recs = Array.from({ length: 8 }, (_, i) => log('token rejected', { status: 401, error: 'verifier: DPoP not supported by this resource' },
      { origin: 'mcp-server', level: 'WARN', time: `2026-10-03T09:40:${String(i * 5).padStart(2, '0')}Z` }));
    const [f, ...rest] = run(recs);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('a resource whose SDK is not configured for inbound DPoP');
    expect(f?.explanation).not.toContain('requires DPoP-bound tokens');
    expect(f?.fix).toContain('Enable inbound DPoP');
  });

  it("reads Rust's DpopNotSupported text as the resource lacking DPoP, although it says 'DPoP-bound request rejected'", () => {
    const recs = Array.from({ length: 6 }, () => log('request rejected', { status: 401,
      error: 'DPoP-bound request rejected: resource is not configured for inbound DPoP. Set ResourceOptions::inbound_dpop to enable.' }, { origin: 'mcp-server', level: 'WARN' }));
    const [f] = run(recs);
    expect(f?.explanation).toContain('not configured for inbound DPoP');
    expect(f?.explanation).not.toContain('requires DPoP-bound tokens');
    expect(f?.fix).toContain('ResourceOptions::inbound_dpop');
  });

  it('stays quiet about MCP lines that accept DPoP-bound tokens', () => {
    const recs = Array.from({ length: 6 }, () => log('accepted DPoP-bound access token', { sub: 'user-42', jkt: 'abc' }, { origin: 'mcp-server' }));
    expect(run(recs)).toEqual([]);
  });

  it('counts two DPoP headers on one request as an invalid proof, not a binding problem', () => {
    const recs = Array.from({ length: 5 }, () => log('token rejected', { status: 401, error: 'verifier: multiple DPoP proofs: request carries 2 DPoP proofs (RFC 9449 §4.3 forbids it)' }, { origin: 'mcp-server', level: 'WARN' }));
    const [f, ...rest] = run(recs);
    expect(rest).toEqual([]);
    expect(f?.explanation).toContain('5 invalid-proof rejections at the MCP server');
    expect(f?.explanation).toContain('more than one DPoP header');
  });
});
