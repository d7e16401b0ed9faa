import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0712-server-errors.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, log, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const ok = (n: number) => Array.from({ length: n }, () => access('POST', '/oauth/token', 200));
const fail = (n: number) => Array.from({ length: n }, () => access('POST', '/oauth/token', 500));

describe('AP0712 server errors', () => {
  it('stays quiet at 3 errors in 100 requests', () => {
    expect(run([...ok(97), ...fail(3)])).toEqual([]);
  });

  it('reports 20% 5xx with the route and the error the server logged', () => {
    const [f] = run([...ok(20), ...fail(5), log('token endpoint error', { error: 'pq: connection refused' }, { level: 'ERROR' })]);
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('5 requests of 25 (20.0%, access log)');
    expect(f?.explanation).toContain('/oauth/token (5)');
    expect(f?.explanation).toContain('"pq: connection refused"');
  });

  it('uses the http_requests_total counter when the access log is thin', () => {
    const s = (at: string, okN: number, bad: number) => snapshot({ at }, {
      'authserver_http_requests_total{http_route="/oauth/token",http_status_code="200"}': okN,
      'authserver_http_requests_total{http_route="/oauth/token",http_status_code="503"}': bad,
    });
    const [f] = run([s('2026-10-03T09:00:00Z', 100, 0), s('2026-10-03T09:05:00Z', 190, 10)]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('10 requests of 100 (10.0%, authserver_http_requests_total)');
  });
});
