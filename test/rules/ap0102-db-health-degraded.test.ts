import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0102-db-health-degraded.ts';
import { doc, model } from '../helpers/records.ts';

describe('AP0102 DB health degraded', () => {
  it('stays quiet on a healthy /health', () => {
    expect([...rule.check(model([doc('health', { status: 'ok', time: '2026-10-03T09:00:00Z', db: 'ok' })]))]).toEqual([]);
  });

  it('reports /health degraded with db error', () => {
    const h = doc('health', { status: 'degraded', time: '2026-10-03T09:00:00Z', db: 'error' }, { file: 'health.json', http: { status: 503 } });
    const [f] = [...rule.check(model([h]))];
    expect(f?.explanation).toContain('/health answered status "degraded" with db "error"');
    expect(f?.evidence[0]?.file).toBe('health.json');
  });

  it('says an answer seen in two captures once, and keeps both as evidence', () => {
    const json = doc('health', { status: 'degraded', time: '2026-10-03T09:00:00Z', db: 'error' }, { file: 'health.json' });
    const curl = doc('health', { status: 'degraded', time: '2026-10-03T08:58:00Z', db: 'error' }, { file: 'health.txt', http: { status: 503 } });
    const [f] = [...rule.check(model([json, curl]))];
    expect(f?.explanation.split('/health answered status "degraded" with db "error"')).toHaveLength(2);
    expect(f?.evidence.map((e) => e.file).sort()).toEqual(['health.json', 'health.txt']);
  });

  it('reports an unhealthy storage subsystem on the admin status page', () => {
    const s = doc('admin-status', { version: '0.2.2', subsystems: [{ name: 'storage', status: 'unhealthy', driver: 'postgres' }, { name: 'signing', status: 'healthy' }] }, { file: 'status.json' });
    const [f] = [...rule.check(model([s]))];
    expect(f?.explanation).toContain('storage (postgres) as unhealthy');
    expect(f?.evidence.map((e) => e.file)).toEqual(['status.json']);
  });
});
