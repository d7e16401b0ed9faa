import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0706-refresh-token-reuse.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { auditRow, log, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const reuse = (fam: string, line: number, time: string) => [
  auditRow('token.refreshed', { clientId: 'cli-sync', actorId: 'user-1', detail: `family=${fam}` }),
  log('refresh token reuse detected — family revoked', { family_id: fam, token_id: `t-${fam}` }, { level: 'WARN', line, time }),
  auditRow('family.revoked', { detail: `reuse_detection family=${fam}`, createdAt: time }),
];

describe('AP0706 refresh-token reuse', () => {
  it('stays quiet for ordinary refreshes', () => {
    expect(run([log('tokens refreshed', { client_id: 'cli-sync', family_id: 'f1' }), auditRow('token.refreshed', { detail: 'family=f1' })])).toEqual([]);
  });

  it('reports a burst of reuse detections and the client that owns the families', () => {
    const [f] = run([...reuse('f1', 50, '2026-10-03T09:20:00Z'), ...reuse('f2', 51, '2026-10-03T09:21:00Z'), ...reuse('f3', 52, '2026-10-03T09:22:00Z')]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('3 reuse detections between 09:20:00 and 09:22:00 revoked 3 token families');
    expect(f?.explanation).toContain('3 of the 3 families belong to client cli-sync');
    expect(f?.evidence.filter((e) => e.kind === 'log').map((e) => e.line)).toEqual([50, 51, 52]);
  });

  it('treats one detection as a weak warning', () => {
    const [f] = run(reuse('f9', 60, '2026-10-03T09:30:00Z'));
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
  });
});

describe('AP0706 alongside failed revocations', () => {
  it('does not call a family revoked when its revocation failed', () => {
    const [f] = run([
      log('refresh token reuse detected — family revoked', { family_id: 'ok-1' }, { level: 'WARN', time: '2026-10-03T09:00:00Z' }),
      auditRow('family.revoked', { detail: 'reuse_detection family=ok-1', createdAt: '2026-10-03T09:00:00Z' }),
      auditRow('family.revocation_failed', { detail: 'reuse_detection family=bad-1 path=reuse half=family', createdAt: '2026-10-03T09:05:00Z' }),
    ]);
    expect(f?.explanation).toContain('2 reuse detections at 09:00:00: 1 token family revoked, 1 revocation(s) failed');
  });
});
