import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0717-client-credentials-denied.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, exchange, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

// G4/G5 as AuthPlane records them: a client_credentials.denied row with the reason, no log line of its own.
const denied = (i: number, reason = 'invalid_scope', client = 'nightly-export') =>
  auditRow('client_credentials.denied', { actorId: client, clientId: client, detail: `reason=${reason}`, createdAt: `2026-10-03T09:1${i}:00Z` });
const answer = (error: string, description: string) => exchange(
  { method: 'POST', url: 'https://auth.example.com/oauth/token', status: 400 }, { error, error_description: description },
);
const DCR = 'the requested scope is invalid or not allowed: this client was created through dynamic registration, which issues user-delegated clients only; machine-to-machine clients must be pre-registered through the admin API';
const counter = (reason: string, before: number, after: number) => [
  snapshot({ at: '2026-10-03T09:00:00Z' }, { [`authplane_client_credentials_denied_total{reason="${reason}"}`]: before }),
  snapshot({ at: '2026-10-03T09:20:00Z' }, { [`authplane_client_credentials_denied_total{reason="${reason}"}`]: after }),
];

describe('AP0717 client_credentials denied (G4, G5, G6)', () => {
  it('stays quiet when machine tokens are issued', () => {
    expect(run([auditRow('client_credentials.issued', { clientId: 'nightly-export', detail: 'jti=abc scopes=reports/read' })])).toEqual([]);
  });

  it('names the client and, from a capture, the dynamic-registration case with the admin-API fix', () => {
    const [f] = run([denied(1), denied(2), denied(3), answer('invalid_scope', DCR)]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 client_credentials requests between 09:11:00 and 09:13:00 refused (client_credentials.denied reason=invalid_scope), from client nightly-export');
    expect(f?.explanation).toContain('1 captured token response says the client was created through dynamic registration');
    expect(f?.fix).toBe('Create the machine client through the admin API (`POST /admin/clients` with grant_types ["client_credentials"] and its scope) and use that client id.');
  });

  it('cites the client.registered source=dcr row of the refused client', () => {
    const reg = auditRow('client.registered', { clientId: 'nightly-export', detail: 'source=dcr', createdAt: '2026-10-03T09:05:00Z' });
    const [f] = run([reg, denied(1), denied(2), denied(3)]);
    expect(f?.explanation).toContain('nightly-export registered itself through dynamic registration at 09:05:00 (client.registered source=dcr)');
    expect(f?.evidence[0]?.audit?.action).toBe('client.registered');
  });

  it('without a capture lists the invalid_scope cases AuthPlane does not tell apart in its logs', () => {
    const [f] = run([denied(1), denied(2), denied(3)]);
    expect(f?.explanation).toContain("AuthPlane does not log which case it is: the client was created through dynamic registration, which only issues user-delegated clients, the client has no registered scopes and the request asks for more than the client's registered scopes.");
  });

  it('reads unauthorized_client from the counter and points at grant_types', () => {
    const [f] = run(counter('unauthorized_client', 4, 10));
    expect(f?.affected).toBe(6);
    expect(f?.explanation).toContain('authplane_client_credentials_denied_total{reason="unauthorized_client"} +6 in 20 min');
    expect(f?.fix).toBe("Add client_credentials to the client's grant_types (`PATCH /admin/clients/{id}`, or register it again through `POST /admin/clients`).");
  });

  it('warns on one answer saying the grant is disabled: every request fails then', () => {
    const [f] = run([answer('unsupported_grant_type', 'feature client_credentials is disabled (set client_credentials.enabled=true to enable)')]);
    expect(f?.severity).toBe('warning');
    expect(f?.fix).toContain('Set client_credentials.enabled=true (AUTHPLANE_CLIENT_CREDENTIALS_ENABLED=true) and restart');
  });

  describe('near misses', () => {
    it('wrong secrets, DPoP and resource refusals are other causes', () => {
      expect(run([denied(1, 'invalid_client'), denied(2, 'invalid_dpop_proof'), denied(3, 'invalid_target'), ...counter('invalid_client', 0, 30)])).toEqual([]);
    });

    it('"client is not authorized for this grant type" alone may be a token exchange: not read as this cause', () => {
      expect(run([answer('unauthorized_client', 'client is not authorized for this grant type')])).toEqual([]);
    });
  });
});
