import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1004-consent-not-granted.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

describe('AP1004 consent not granted', () => {
  it('stays quiet when users grant consent', () => {
    expect(run([auditRow('consent.granted', { actorId: 'user-1', clientId: 'cli-a', detail: 'scopes=tools/read' })])).toEqual([]);
  });

  it('reports one denial as information only (a user choice)', () => {
    const [f] = run([auditRow('consent.denied', { actorId: 'user-7', clientId: 'cli-a', detail: 'session=s1', createdAt: '2026-10-03T09:05:00Z' })]);
    expect(f?.severity).toBe('info');
    expect(f?.explanation).toContain('1 consent.denied row at 09:05:00 (users user-7)');
  });

  it('warns when token exchanges keep failing with consent_required', () => {
    const rows = [1, 2, 3].map((i) => auditRow('token.exchange_denied', { actorId: 'user-2', clientId: 'agent', detail: 'reason=consent_required', line: i }));
    const [f] = run(rows);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('3 token exchanges refused with consent_required');
    expect(f?.evidence).toHaveLength(3);
  });
});
