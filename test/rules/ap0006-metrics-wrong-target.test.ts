import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0006-metrics-wrong-target.ts';
import { exchange, model, snapshot } from '../helpers/records.ts';

describe('AP0006 metrics from the wrong target', () => {
  it('stays quiet when the snapshot holds AuthPlane series', () => {
    const s = snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_tokens_issued_total{grant_type="authorization_code"}': 5 });
    expect([...rule.check(model([s]))]).toEqual([]);
  });

  it('flags a snapshot without any authserver_ or authplane_ series', () => {
    const s = snapshot({ at: '2026-10-03T09:00:00Z', file: 'metrics/m1.prom' }, { go_goroutines: 12, process_cpu_seconds_total: 3 });
    const [f] = [...rule.check(model([s]))];
    expect(f?.explanation).toContain('none of the 1 /metrics snapshot(s)');
    expect(f?.evidence[0]?.file).toBe('metrics/m1.prom');
  });

  it('flags a /metrics request made on the public port', () => {
    const x = exchange({ method: 'GET', url: 'http://localhost:9000/metrics', port: 9000, path: '/metrics', status: 404 }, null, { file: 'captures/metrics.txt' });
    const [f] = [...rule.check(model([x]))];
    expect(f?.explanation).toContain('public port 9000');
    expect(f?.evidence[0]?.file).toBe('captures/metrics.txt');
  });
});
