import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0718-oidc-upstream-unavailable.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

const ERR = 'OIDC upstream is unavailable: Get "https://idp.example.com/.well-known/openid-configuration": dial tcp 10.0.4.9:443: i/o timeout';
// O1 as the OIDC facade logs it, inside the callback request that then answers 500.
function outage(i: number, error = ERR): BundleRecord[] {
  const rid = `cb-${i}`;
  const time = `2026-10-03T09:${String(20 + i).padStart(2, '0')}:00Z`;
  return [
    log('OIDC upstream unavailable during code exchange', { component: 'oidc', error, request_id: rid }, { time, level: 'ERROR' }),
    access('GET', '/oidc/callback', 500, { requestId: rid, time }),
  ];
}

describe('AP0718 OIDC upstream unavailable (O1)', () => {
  it('stays quiet when federated logins succeed', () => {
    expect(run([log('OIDC user authenticated', { user_id: 'u-1' })])).toEqual([]);
  });

  it('reports an outage as an error with the error AuthPlane got and the 500 answers', () => {
    const [f] = run([...outage(1), ...outage(2), ...outage(3)]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 federated logins between 09:21:00 and 09:23:00 failed because AuthPlane could not reach the upstream OIDC identity provider');
    expect(f?.explanation).toContain(`the error was ${JSON.stringify(ERR)}`);
    expect(f?.explanation).toContain('3 callbacks answered 500');
    expect(rule.cause).toBe('oidc-upstream-unavailable');
    expect(f?.evidence).toHaveLength(5);
  });

  describe('near misses', () => {
    it('one failed exchange is a warning, not an outage', () => {
      expect(run(outage(1))[0]?.severity).toBe('warning');
    });

    it('an IdP that refuses the code (wrong client secret) is a login denial, not an outage', () => {
      expect(run([log('OIDC code exchange failed', { component: 'oidc', error: 'oauth2: "invalid_client"' }, { level: 'WARN' })])).toEqual([]);
    });
  });
});
