import { describe, expect, it } from 'vitest';
import { histogramQuantile } from '../../src/correlate/index.ts';
import { model, snapshot } from '../helpers/records.ts';

describe('counter deltas between snapshots', () => {
  it('gives the delta and per-second rate of each interval', () => {
    const m = model([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_refresh_token_reuse_total': 2 }),
      snapshot({ at: '2026-10-03T09:01:00Z' }, { 'authserver_refresh_token_reuse_total': 8 }),
    ]);
    const [s] = m.metrics.counter('authserver_refresh_token_reuse_total');
    expect(s?.intervals).toEqual([expect.objectContaining({ before: 2, after: 8, delta: 6, rate: 0.1, reset: false })]);
    expect(s?.totalDelta).toBe(6);
    expect(s?.last).toBe(8);
  });

  it('handles a counter reset between snapshots (server restarted)', () => {
    const m = model([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_tokens_issued_total{grant_type="authorization_code"}': 100 }),
      snapshot({ at: '2026-10-03T09:05:00Z' }, { 'authserver_tokens_issued_total{grant_type="authorization_code"}': 7 }),
      snapshot({ at: '2026-10-03T09:10:00Z' }, { 'authserver_tokens_issued_total{grant_type="authorization_code"}': 10 }),
    ]);
    const [s] = m.metrics.counter('authserver_tokens_issued_total');
    expect(s?.intervals.map((i) => [i.delta, i.reset])).toEqual([[7, true], [3, false]]);
    expect(s?.totalDelta).toBe(10);
  });

  it('keeps servers apart and orders each server by scrape time', () => {
    const m = model([
      snapshot({ at: '2026-10-03T09:05:00Z', instance: 'as-0' }, { 'authserver_key_rotation_total': 3 }),
      snapshot({ at: '2026-10-03T09:00:00Z', instance: 'as-1' }, { 'authserver_key_rotation_total': 50 }),
      snapshot({ at: '2026-10-03T09:00:00Z', instance: 'as-0' }, { 'authserver_key_rotation_total': 1 }),
    ]);
    expect(m.metrics.instances().sort()).toEqual(['as-0', 'as-1']);
    const byInstance = Object.fromEntries(m.metrics.counter('authserver_key_rotation').map((s) => [s.instance, s.totalDelta]));
    expect(byInstance).toEqual({ 'as-0': 2, 'as-1': 0 });
  });

  it('counts a labelled series that first appears in a later scrape from zero', () => {
    const m = model([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { 'authserver_tokens_refreshed_total': 1 }),
      snapshot({ at: '2026-10-03T09:01:00Z' }, { 'authserver_tokens_refreshed_total': 1, 'authserver_audit_events_dropped_total{action="token.issued"}': 4 }),
    ]);
    const [s] = m.metrics.counter('authserver_audit_events_dropped_total', { action: 'token.issued' });
    expect(s?.totalDelta).toBe(4);
    expect(s?.values.map((v) => v.value)).toEqual([0, 4]);
  });

  it('accepts the documented label names and names without _total', () => {
    const m = model([
      snapshot({ at: '2026-10-03T09:00:00Z' }, {
        'authserver_http_requests_total{http_method="POST",http_route="/oauth/token",http_status_code="500"}': 3,
        'authserver_http_requests_total{http_method="POST",http_route="/oauth/token",http_status_code="200"}': 90,
        'authserver_login_attempts_total{outcome="failure"}': 12,
      }),
    ]);
    expect(m.metrics.counter('authserver_http_requests', { status: '500' }).map((s) => s.last)).toEqual([3]);
    expect(m.metrics.counter('authserver_login_attempts_total', { result: 'failure' }).map((s) => s.last)).toEqual([12]);
  });

  it('renames documented aliases only on the metrics they belong to', () => {
    const m = model([
      snapshot({ at: '2026-10-03T09:00:00Z' }, {
        'authserver_revocation_failures_total{path="reuse",half="family"}': 3,
        'authserver_upstream_token_refresh_total{provider="github",outcome="failed"}': 7,
      }),
    ]);
    // `path` and `outcome` are these counters' own labels (reference §3.2), not doc aliases
    expect(m.metrics.counter('authserver_revocation_failures_total').map((s) => s.labels)).toEqual([{ path: 'reuse', half: 'family' }]);
    expect(m.metrics.counter('authserver_upstream_token_refresh_total', { outcome: 'failed' }).map((s) => s.last)).toEqual([7]);
  });

  it('reports the latest gauge value per server', () => {
    const m = model([
      snapshot({ at: '2026-10-03T09:00:00Z' }, { authserver_active_clients: 4 }),
      snapshot({ at: '2026-10-03T09:01:00Z' }, { authserver_active_clients: 6 }),
    ]);
    expect(m.metrics.latest('authserver_active_clients').map((x) => x.value)).toEqual([6]);
  });
});

describe('histogram quantiles', () => {
  const bucket = (le: string, n: number) => [`authserver_token_issuance_duration_seconds_bucket{grant_type="authorization_code",le="${le}"}`, n] as const;
  const scrape = (at: string, counts: number[]) => snapshot({ at }, Object.fromEntries([
    bucket('0.1', counts[0]!), bucket('0.5', counts[1]!), bucket('1', counts[2]!), bucket('2.5', counts[3]!), bucket('+Inf', counts[4]!),
    ['authserver_token_issuance_duration_seconds_count{grant_type="authorization_code"}', counts[4]!],
  ]));

  it('estimates p50/p99 per interval from bucket deltas', () => {
    // Interval: 100 new observations, 50 in (0.1, 0.5], 40 in (0.5, 1], 10 in (1, 2.5].
    const m = model([scrape('2026-10-03T09:00:00Z', [10, 10, 10, 10, 10]), scrape('2026-10-03T09:05:00Z', [10, 60, 100, 110, 110])]);
    const [h] = m.metrics.histogram('authserver_token_issuance_duration_seconds');
    expect(h?.intervals).toHaveLength(1);
    expect(h?.intervals[0]?.count).toBe(100);
    expect(h?.intervals[0]?.p50).toBeCloseTo(0.5, 6); // rank 50 is the top of (0.1, 0.5]
    expect(h?.intervals[0]?.p99).toBeCloseTo(1 + 1.5 * (9 / 10), 6); // rank 99: 9 of 10 into (1, 2.5]
  });

  it('says which bucket the p99 falls in, and where each bucket sample is in the closing scrape', () => {
    const m = model([scrape('2026-10-03T09:00:00Z', [10, 10, 10, 10, 10]), scrape('2026-10-03T09:05:00Z', [10, 60, 100, 110, 110])]);
    const iv = m.metrics.histogram('authserver_token_issuance_duration_seconds')[0]?.intervals[0];
    expect(iv?.p99Bucket).toEqual({ lower: 1, upper: 2.5 });
    // scrape() writes le="2.5" as the 4th sample: 10 → 110 over the interval.
    expect(iv?.buckets[3]).toEqual({ le: 2.5, count: 100, before: 10, after: 110, file: 'metrics/authserver-2026-10-03T09:05:00Z.prom', line: 4 });
  });

  it('gives lifetime quantiles from a single snapshot', () => {
    const m = model([scrape('2026-10-03T09:00:00Z', [80, 90, 100, 100, 100])]);
    const [h] = m.metrics.histogram('authserver_token_issuance_duration_seconds_bucket');
    expect(h?.lifetime.count).toBe(100);
    expect(h?.lifetime.p50).toBeCloseTo(0.1 * (50 / 80), 6);
  });

  it('returns the highest finite bound when the rank falls in +Inf, and null with no observations', () => {
    expect(histogramQuantile(0.99, [{ le: 1, count: 1 }, { le: Infinity, count: 10 }])).toBe(1);
    expect(histogramQuantile(0.5, [{ le: 1, count: 0 }, { le: Infinity, count: 0 }])).toBeNull();
  });
});
