import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1001-audit-events-dropped.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const dropped = (action: string, line: number) => log('audit event dropped — not persisted', {
  action, id: `id${line}`, actor_id: 'user-1', client_id: 'cli-a', ip: '203.0.113.9', detail: 'family=f1', trace_id: '', observed_at: '2026-10-03T09:20:00Z', error: 'disk I/O error',
}, { level: 'ERROR', line });

describe('AP1001 audit events dropped', () => {
  it('stays quiet when every audit event is persisted', () => {
    expect(run([log('audit', { action: 'token.issued', actor_id: 'user-1', client_id: 'cli-a', ip: '', detail: 'family=f1' })])).toEqual([]);
  });

  it('reports dropped events with their actions and the store error', () => {
    const [f] = run([dropped('token.issued', 5), dropped('token.issued', 6), dropped('token.revoked', 7)]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('3 audit events');
    expect(f?.explanation).toContain('token.issued (2) and token.revoked (1)');
    expect(f?.explanation).toContain('"disk I/O error"');
    expect(f?.evidence.map((e) => e.line)).toEqual([5, 6, 7]);
  });

  it('reports the dropped counter growing', () => {
    const [f] = run([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_audit_events_dropped_total{action="token.issued"}': 0 }),
      snapshot({ at: '2026-10-03T09:05:00Z' }, { 'authserver_audit_events_dropped_total{action="token.issued"}': 4 }),
    ]);
    expect(f?.explanation).toContain('authserver_audit_events_dropped_total +4 in 5 min');
  });
});
