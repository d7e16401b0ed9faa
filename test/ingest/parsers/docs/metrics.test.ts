import { describe, expect, it } from 'vitest';
import { metricsFormat } from '../../../../src/ingest/parsers/docs/metrics/metrics-format.ts';
import { headOf, recordsOf, runFormat } from './fake-context.ts';

const BUCKETS = ['0.001', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
const COUNTS = [0, 2, 9, 40, 120, 300, 410, 440, 447, 449, 450, 450, 450];

/** What the OTel Prometheus exporter of AuthPlane 0.2.2 serves on :9001/metrics (values invented). */
const OTEL_TEXT = [
  '# HELP authserver_tokens_issued_total Tokens issued',
  '# TYPE authserver_tokens_issued_total counter',
  'authserver_tokens_issued_total{grant_type="authorization_code",otel_scope_name="authserver",otel_scope_version=""} 1523',
  'authserver_tokens_issued_total{grant_type="client_credentials",otel_scope_name="authserver",otel_scope_version=""} 87',
  '# HELP authserver_token_issuance_duration_seconds Token issuance latency',
  '# TYPE authserver_token_issuance_duration_seconds histogram',
  ...BUCKETS.map((le, i) => `authserver_token_issuance_duration_seconds_bucket{grant_type="authorization_code",le="${le}"} ${COUNTS[i]}`),
  'authserver_token_issuance_duration_seconds_sum{grant_type="authorization_code"} 61.25',
  'authserver_token_issuance_duration_seconds_count{grant_type="authorization_code"} 450',
  '# HELP authserver_active_token_families Outstanding token families',
  '# TYPE authserver_active_token_families gauge',
  'authserver_active_token_families 312',
  '# HELP target_info Target metadata',
  '# TYPE target_info gauge',
  'target_info{service_name="authserver",service_instance_id="authserver-7d9f-abc",service_version="0.2.2"} 1',
  '',
].join('\n');

function snapshots(path: string, text: string, mtime: number | null = null) {
  const ctx = runFormat(metricsFormat, path, text, mtime);
  return { ctx, snaps: recordsOf(ctx, 'metrics') };
}

describe('Prometheus text from the OTel exporter', () => {
  const { ctx, snaps } = snapshots('metrics/metrics.txt', OTEL_TEXT);
  const snap = snaps[0]!;

  it('makes one snapshot in Prometheus format with no problems', () => {
    expect(snaps).toHaveLength(1);
    expect(snap.format).toBe('prometheus');
    expect(ctx.format).toBe('prometheus');
    expect(ctx.problems).toEqual([]);
  });

  it('keeps each counter sample with its labels, value and line', () => {
    const fam = snap.families.find((f) => f.name === 'authserver_tokens_issued_total')!;
    expect(fam.type).toBe('counter');
    expect(fam.help).toBe('Tokens issued');
    expect(fam.samples.map((s) => [s.labels.grant_type, s.value, s.line])).toEqual([
      ['authorization_code', 1523, 3],
      ['client_credentials', 87, 4],
    ]);
    expect(fam.samples[0]!.labels.otel_scope_version).toBe('');
  });

  it('keeps a histogram as one family with every bucket, the sum and the count', () => {
    const fam = snap.families.find((f) => f.name === 'authserver_token_issuance_duration_seconds')!;
    expect(fam.type).toBe('histogram');
    const buckets = fam.samples.filter((s) => s.name.endsWith('_bucket'));
    expect(buckets.map((s) => s.labels.le)).toEqual(BUCKETS);
    expect(buckets.map((s) => s.value)).toEqual(COUNTS);
    expect(fam.samples.find((s) => s.name.endsWith('_sum'))!.value).toBe(61.25);
    expect(fam.samples.find((s) => s.name.endsWith('_count'))!.value).toBe(450);
    expect(fam.samples).toHaveLength(15);
  });

  it('names the instance after target_info service_instance_id', () => {
    expect(snap.instance).toBe('authserver-7d9f-abc');
  });

  it('has no snapshot time when neither content, name nor mtime gives one', () => {
    expect(snap.time).toBeNull();
    expect(snap.timeSource).toBeNull();
  });
});

describe('OpenMetrics', () => {
  const text = [
    '# TYPE authserver_refresh_token_reuse counter',
    '# HELP authserver_refresh_token_reuse Refresh-token reuse detections',
    'authserver_refresh_token_reuse_total 3 # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 1 1791364500.5',
    'authserver_refresh_token_reuse_created 1791360000',
    '# TYPE authserver_login_attempts counter',
    'authserver_login_attempts_total{result="failure"} 42',
    '# TYPE target info',
    'target_info{host_name="auth-1"} 1',
    '# EOF',
    '',
  ].join('\n');
  const { ctx, snaps } = snapshots('m.txt', text);
  const snap = snaps[0]!;

  it('is recognised as OpenMetrics by its # EOF', () => {
    expect(snap.format).toBe('openmetrics');
    expect(ctx.format).toBe('openmetrics');
  });

  it('puts _total and _created samples into the counter family named without the suffix', () => {
    const fam = snap.families.find((f) => f.name === 'authserver_refresh_token_reuse')!;
    expect(fam.type).toBe('counter');
    expect(fam.samples.map((s) => s.name)).toEqual(['authserver_refresh_token_reuse_total', 'authserver_refresh_token_reuse_created']);
    expect(snap.families.map((f) => f.name)).not.toContain('authserver_refresh_token_reuse_total');
  });

  it('keeps the exemplar out of the value', () => {
    const s = snap.families[0]!.samples[0]!;
    expect(s.value).toBe(3);
    expect(s.timestampMs).toBeUndefined();
    expect(s.exemplar).toEqual({ labels: { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736' }, value: 1, timestampMs: 1791364500500 });
  });

  it('takes the instance from target_info host_name', () => {
    expect(snap.instance).toBe('auth-1');
  });
});

describe('sample syntax', () => {
  it('undoes \\\\, \\" and \\n escapes in label values', () => {
    const { snaps } = snapshots('m.txt', 'x{a="back\\\\slash",b="say \\"hi\\"",c="two\\nlines"} 1\n');
    expect(snaps[0]!.families[0]!.samples[0]!.labels).toEqual({ a: 'back\\slash', b: 'say "hi"', c: 'two\nlines' });
  });

  it('reads NaN, +Inf and -Inf values', () => {
    const { snaps } = snapshots('m.txt', 'a NaN\nb +Inf\nc -Inf\nd 1.5e+06\n');
    expect(snaps[0]!.families.map((f) => f.samples[0]!.value)).toEqual([NaN, Infinity, -Infinity, 1500000]);
  });

  it('keeps samples without # TYPE as untyped families', () => {
    const { snaps } = snapshots('m.txt', 'up 1\n');
    expect(snaps[0]!.families).toEqual([{ name: 'up', type: 'unknown', samples: [{ name: 'up', labels: {}, value: 1, line: 1 }] }]);
  });

  it('reports garbage lines with their line number and never turns them into metrics', () => {
    const { ctx, snaps } = snapshots('m.txt', '# TYPE up gauge\nup 1\ngarbage line here\nup{job="x" 2\nhalf_value abc\n');
    expect(ctx.problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(snaps[0]!.families.map((f) => f.name)).toEqual(['up']);
    expect(snaps[0]!.families[0]!.samples).toHaveLength(1);
  });

  it('reports a duplicate sample and keeps the first value', () => {
    const text = 'authserver_http_requests_total{http_route="/oauth/token",http_status_code="200"} 10\n'
      + 'authserver_http_requests_total{http_status_code="200",http_route="/oauth/token"} 11\n';
    const { ctx, snaps } = snapshots('m.txt', text);
    expect(ctx.problems).toEqual([{ line: 2, problem: 'metrics: duplicate sample authserver_http_requests_total' }]);
    expect(snaps[0]!.families[0]!.samples.map((s) => s.value)).toEqual([10]);
  });
});

describe('snapshot time', () => {
  const oct3 = Date.UTC(2026, 9, 3, 9, 15, 0);

  it('comes from a leading "scraped at" comment', () => {
    const { snaps } = snapshots('metrics-2020-01-01T00-00-00Z.txt', '# scraped at 2026-10-03T09:15:00Z\nup 1\n', 5);
    expect([snaps[0]!.time, snaps[0]!.timeSource]).toEqual([oct3, 'content']);
  });

  it('comes from sample timestamps (Prometheus ms)', () => {
    const { snaps } = snapshots('m.txt', `up 1 ${oct3 - 1000}\nx 2 ${oct3}\n`, 5);
    expect([snaps[0]!.time, snaps[0]!.timeSource]).toEqual([oct3, 'content']);
    expect(snaps[0]!.families[0]!.samples[0]!.timestampMs).toBe(oct3 - 1000);
  });

  it.each([
    ['metrics-2026-10-03T09-15-00Z.txt', oct3],
    ['metrics-2026-10-03T09:15:00Z.txt', oct3],
    ['metrics-20261003-091500.txt', oct3],
    ['metrics.1696324500.prom', 1696324500000],
    ['snap/metrics_2026-10-03_09-15-00.prom', oct3],
  ])('comes from the file name %s', (name, expected) => {
    const { snaps } = snapshots(name, 'up 1\n', 5);
    expect([snaps[0]!.time, snaps[0]!.timeSource]).toEqual([expected, 'name']);
  });

  it('falls back to the file mtime', () => {
    const { snaps } = snapshots('metrics.txt', 'up 1\n', 1234567890123);
    expect([snaps[0]!.time, snaps[0]!.timeSource]).toEqual([1234567890123, 'mtime']);
  });

  it('gives each concatenated # EOF block its own snapshot, time and line', () => {
    const text = '# scraped at 2026-10-03T09:15:00Z\nup 1\n# EOF\n# scraped at 2026-10-03T09:16:00Z\nup 2\n# EOF\n';
    const { snaps } = snapshots('m.txt', text);
    expect(snaps.map((s) => [s.time, s.line, s.families[0]!.samples[0]!.value])).toEqual([
      [oct3, 1, 1],
      [oct3 + 60000, 4, 2],
    ]);
  });

  it('splits plain Prometheus scrapes at a second scrape-time comment', () => {
    const text = '# scraped at 2026-10-03T09:15:00Z\nup 1\n# scraped at 2026-10-03T09:16:00Z\nup 1\n';
    const { ctx, snaps } = snapshots('m.txt', text);
    expect(snaps).toHaveLength(2);
    expect(ctx.problems).toEqual([]);
  });
});

describe('instance', () => {
  it('is the instance label shared by the samples', () => {
    const { snaps } = snapshots('a/m.txt', 'up{instance="auth-0:9001"} 1\nx{instance="auth-0:9001"} 2\n');
    expect(snaps[0]!.instance).toBe('auth-0:9001');
  });

  it('is the parent folder name without labels or target_info', () => {
    expect(snapshots('bundle/pod-auth-1/metrics.txt', 'up 1\n').snaps[0]!.instance).toBe('pod-auth-1');
  });

  it('is "default" for a file at the bundle root', () => {
    expect(snapshots('metrics.txt', 'up 1\n').snaps[0]!.instance).toBe('default');
  });
});

describe('sniffing', () => {
  it('is confident on an exposition', () => {
    expect(metricsFormat.sniff(headOf('x', OTEL_TEXT))).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['slog JSON', '{"time":"2026-10-03T09:16:11Z","level":"INFO","msg":"http request","status":200}\n'],
    ['slog text', 'time=2026-10-03T09:16:11Z level=INFO msg="http request" status=200\n'],
    ['a JWKS', '{"keys":[]}\n'],
    ['an env file', 'AUTHPLANE_SERVER_ISSUER=https://auth.example.com\n'],
  ])('ignores %s', (_name, text) => {
    expect(metricsFormat.sniff(headOf('x', text))).toBeLessThan(0.1);
  });
});
