import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0507-invalid-target.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, doc, exchange, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

// G11 as AuthPlane 0.2.2 records it: the denial row carries the wire error code, nothing is logged but the copy of the row.
const denied = (i: number, action = 'client_credentials.denied', reason = 'invalid_target', client = 'billing-sync') =>
  auditRow(action, { actorId: client, clientId: client, detail: `reason=${reason}`, createdAt: `2026-10-03T09:2${i}:00Z` });
const refusal = (uri: string) => exchange(
  { method: 'POST', url: 'https://auth.example.com/oauth/token', status: 400 },
  { error: 'invalid_target', error_description: `the requested resource target is unavailable: resource "${uri}" is not a registered resource` },
);
const counter = (reason: string, before: number, after: number) => [
  snapshot({ at: '2026-10-03T09:00:00Z' }, { [`authplane_client_credentials_denied_total{reason="${reason}"}`]: before }),
  snapshot({ at: '2026-10-03T09:30:00Z' }, { [`authplane_client_credentials_denied_total{reason="${reason}"}`]: after }),
];
const prm = doc('prm', { resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://auth.example.com'] });

describe('AP0507 invalid_target at the token endpoint (G11)', () => {
  it('stays quiet when token requests are refused for other reasons', () => {
    expect(run([
      denied(1, 'client_credentials.denied', 'invalid_scope'), denied(2, 'token.issue_denied', 'invalid_grant'),
      ...counter('invalid_client', 0, 12),
    ])).toEqual([]);
  });

  it('reports repeated denials as an error naming the client and the grant rows', () => {
    const [f] = run([denied(1), denied(2), denied(3, 'token.refresh_denied')]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 token requests between 09:21:00 and 09:23:00 refused for their resource (2 client_credentials.denied and 1 token.refresh_denied with reason=invalid_target), from client billing-sync');
    expect(rule.cause).toBe('invalid-target');
    expect(rule.step).toBe(5);
  });

  it('names the URI the client sent and the trailing slash that separates it from the registered resource', () => {
    const [f] = run([denied(1), denied(2), refusal('https://mcp.example.com/mcp/'), prm]);
    expect(f?.explanation).toContain('1 captured 400 response refusing the resource https://mcp.example.com/mcp/');
    expect(f?.explanation).toContain("https://mcp.example.com/mcp/ differs from https://mcp.example.com/mcp, the resource the MCP server's metadata (PRM) advertises, only by a trailing slash");
    expect(f?.fix).toContain('Send resource=https://mcp.example.com/mcp exactly (the client sent https://mcp.example.com/mcp/)');
  });

  it('does not guess the URI to send when the one refused is unlike any the bundle shows', () => {
    const [f] = run([denied(1), denied(2), refusal('https://tools.example.org/api'), prm]);
    expect(f?.fix).toBe('Correct the client to send the URI of a registered resource, or register https://tools.example.org/api with `POST /admin/resources`; compare with `authserver admin resource list`.');
  });

  it('reads the client_credentials denial counter, 0.2.1 label included', () => {
    const [f] = run([...counter('invalid_target', 2, 9), ...counter('invalid_resource', 0, 3)]);
    expect(f?.affected).toBe(10);
    expect(f?.explanation).toContain('authplane_client_credentials_denied_total{reason="invalid_target"|"invalid_resource"} +10 in 30 min');
  });

  describe('near misses', () => {
    it('a single refusal is a typo, not an error', () => {
      expect(run([denied(1)])[0]?.severity).toBe('info');
    });

    it('a 400 invalid_scope capture about scopes is not a resource refusal', () => {
      expect(run([exchange({ method: 'POST', url: 'https://auth.example.com/oauth/token', status: 400 },
        { error: 'invalid_scope', error_description: "the requested scope is invalid or not allowed: the requested scope exceeds the client's registered scopes" })])).toEqual([]);
    });
  });
});
