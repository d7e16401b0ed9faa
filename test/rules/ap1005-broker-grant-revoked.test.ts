import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1005-broker-grant-revoked.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const revoke = auditRow('broker_grant.revoked_admin', { actorId: 'admin', detail: 'provider=google grant_id=g1 version=2', createdAt: '2026-10-03T09:00:00Z' });

describe('AP1005 broker grant revoked', () => {
  it('stays quiet when no broker grant was revoked', () => {
    expect(run([auditRow('broker_grant.created', { actorId: 'user-1', detail: 'provider=google grant_id=g1 version=1' })])).toEqual([]);
  });

  it('ties broker failures to the admin revoke that preceded them', () => {
    const denied = [1, 2, 3].map((i) => auditRow('token.exchange_denied', { clientId: 'agent', detail: 'reason=upstream_connection_missing', createdAt: `2026-10-03T09:1${i}:00Z` }));
    const [f] = run([revoke, ...denied]);
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBe(0.85);
    expect(f?.explanation).toContain('1 broker grant for google was revoked (1 by an admin) from 2026-10-03T09:00:00Z; afterwards 3 broker calls failed');
    expect(f?.evidence[0]?.audit?.action).toBe('broker_grant.revoked_admin');
  });

  it('is only informational once the user has reconnected', () => {
    const [f] = run([revoke, auditRow('broker_grant.created', { actorId: 'user-1', detail: 'provider=google grant_id=g1 version=3', createdAt: '2026-10-03T10:00:00Z' })]);
    expect(f?.severity).toBe('info');
    expect(f?.explanation).toContain('the user has reconnected since');
  });
});
