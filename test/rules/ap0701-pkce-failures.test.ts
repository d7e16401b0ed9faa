import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0701-pkce-failures.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const failed = (i: number) => log('token issuance failed', { error: 'ErrInvalidPKCE', code: 'invalid_grant', client_id: 'cli-a' }, { level: 'ERROR', line: 30 + i, time: `2026-10-03T09:3${i}:00Z` });
const denied = (before: number, after: number) => [
  snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_auth_denied_total{reason="invalid_pkce"}': before }),
  snapshot({ at: '2026-10-03T10:00:00Z' }, { 'authserver_auth_denied_total{reason="invalid_pkce"}': after }),
];

describe('AP0701 PKCE failures', () => {
  it('stays quiet when code exchanges succeed', () => {
    expect(run([log('tokens issued', { client_id: 'cli-a', token_type: 'Bearer' })])).toEqual([]);
  });

  it('reports repeated ErrInvalidPKCE from one client and says where PKCE failures really show up', () => {
    const [f] = run([1, 2, 3, 4, 5].map(failed));
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('5 token requests between 09:31:00 and 09:35:00 failed with ErrInvalidPKCE (invalid_grant), all from client cli-a');
    expect(f?.explanation).toContain('login reasons only');
    expect(f?.evidence.map((e) => e.line)).toEqual([31, 32, 33, 34, 35]);
  });

  it('does not call a counter that grew by 3 in an hour a problem', () => {
    expect(run(denied(2, 5))).toEqual([]);
  });

  it('reports the checklist counter when it grows by dozens', () => {
    const [f] = run(denied(2, 40));
    expect(f?.explanation).toContain('authserver_auth_denied_total{reason="invalid_pkce"} +38 in 60 min');
    expect(f?.evidence[0]?.metric).toMatchObject({ before: 2, after: 40, delta: 38 });
  });
});
