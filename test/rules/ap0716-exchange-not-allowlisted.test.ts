import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0716-exchange-not-allowlisted.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, auditRow, exchange, log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

// G7 as AuthPlane 0.2.x shows it: 403 on /oauth/token, INFO `mint dispatch denied: client not in operator allowlist`.
function denied(i: number, msg = 'mint dispatch denied: client not in operator allowlist', client = 'agent-x'): BundleRecord[] {
  const rid = `req-${i}`;
  const time = `2026-10-03T09:${String(10 + i).padStart(2, '0')}:00Z`;
  return [
    access('POST', '/oauth/token', 403, { requestId: rid, time }),
    log(msg, { component: 'token_exchange', client_id: client, request_id: rid }, { time }),
  ];
}
const burst = (n: number, msg?: string) => Array.from({ length: n }, (_, i) => denied(i, msg)).flat();
const counter = (reason: string, before: number, after: number) => [
  snapshot({ at: '2026-10-03T09:00:00Z' }, { [`authplane_token_exchange_denied_total{reason="${reason}"}`]: before }),
  snapshot({ at: '2026-10-03T09:30:00Z' }, { [`authplane_token_exchange_denied_total{reason="${reason}"}`]: after }),
];

describe('AP0716 token exchange not allowlisted (G7)', () => {
  it('stays quiet when exchanges succeed', () => {
    expect(run([log('token exchanged via unified mint dispatch', { client_id: 'agent-x' })])).toEqual([]);
  });

  it('reports repeated allowlist denials as an error naming the client, with the allowlist fix', () => {
    const [f] = run(burst(4));
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('4 token exchanges between 09:10:00 and 09:13:00 refused by the cross-client allowlist');
    expect(f?.explanation).toContain('from client agent-x');
    expect(rule.cause).toBe('exchange-not-allowlisted');
    expect(rule.step).toBe(7);
    expect(rule.fix).toContain('policy.exchange.allowed_client_ids');
    expect(rule.fix).toContain('PATCH /admin/resources/{id}');
  });

  it('reads the "cross-client exchange requires …" variant too', () => {
    const [f] = run(burst(3, 'mint dispatch denied: cross-client exchange requires an allowlist entry'));
    expect(f?.severity).toBe('error');
    expect(f?.affected).toBe(3);
  });

  it('reads the denial counter (cross_client_not_authorized and operator_gate_denied)', () => {
    const [f] = run([...counter('cross_client_not_authorized', 10, 30), ...counter('operator_gate_denied', 0, 5)]);
    expect(f?.severity).toBe('error');
    expect(f?.affected).toBe(25);
    expect(f?.explanation).toContain('authplane_token_exchange_denied_total');
  });

  it('reads token.exchange_denied audit rows and a captured 403', () => {
    const rows = [1, 2, 3].map((i) => auditRow('token.exchange_denied', { clientId: 'agent-y', detail: 'reason=cross_client_not_authorized', createdAt: `2026-10-03T09:2${i}:00Z` }));
    const cap = exchange({ method: 'POST', url: 'https://auth.example.com/oauth/token', status: 403 }, { error: 'access_denied', error_description: 'client is not authorized to exchange this token' });
    const [f] = run([...rows, cap]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 token exchanges between 09:21:00 and 09:23:00 refused by the cross-client allowlist (token.exchange_denied), from client agent-y');
    expect(f?.explanation).toContain('1 captured response 403 "client is not authorized to exchange this token"');
  });

  describe('near misses', () => {
    it('a single denial is the allowlist doing its job, not an error', () => {
      const [f] = run(burst(1));
      expect(f?.severity).toBe('info');
    });

    it('exchange denials for consent or chain depth are not allowlist denials', () => {
      expect(run([
        ...counter('consent_required', 0, 40), ...counter('chain_too_deep', 0, 10),
        auditRow('token.exchange_denied', { clientId: 'agent-x', detail: 'reason=consent_required' }),
        log('mint dispatch denied: no active user consent', { client_id: 'agent-x' }),
      ])).toEqual([]);
    });

    it('403s on /oauth/token without the allowlist text are not read as this cause', () => {
      expect(run(Array.from({ length: 10 }, () => access('POST', '/oauth/token', 403)))).toEqual([]);
    });
  });
});
