import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap1007-admin-key-rejected.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, doc, exchange, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];

// AD2/AD3 as api/admin/middleware.go answers them, captured the way forensic collect writes a failed item.
const refused = (path: string, description: string) => exchange(
  { method: 'GET', url: `http://authserver:9001${path}`, status: 401, responseHeaders: { 'WWW-Authenticate': 'Bearer realm="admin"' } },
  { error: 'unauthorized', error_description: description },
  { file: `exchanges/${path.slice(1).replace(/[/?=&]/g, '-')}.http` },
);
const manifest = (items: { name: string; status: number | null }[]) => doc('manifest', {
  tool: 'forensic', version: '0.1.0', collected_at: '2026-10-03T09:40:00Z', items: items.map((i) => ({ ...i, url: null, file: null, error: null, outcome: i.status === 200 ? 'ok' : 'http-error' })),
});

describe('AP1007 admin API key rejected (AD2, AD3)', () => {
  it('stays quiet when the admin API answers', () => {
    expect(run([manifest([{ name: 'admin/audit page 1', status: 200 }]), access('GET', '/admin/audit', 200)])).toEqual([]);
  });

  it("names the bundle's own refused audit fetch and the wrong key", () => {
    const [f] = run([
      refused('/admin/audit?since=2026-10-02T09%3A40%3A00Z&limit=1000&offset=0', 'invalid API key'),
      manifest([{ name: 'admin/audit page 1', status: 401 }, { name: 'admin/stats', status: 401 }, { name: 'public/health', status: 200 }]),
    ]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('forensic collect got 401 for admin/audit page 1 and admin/stats, so this bundle has no audit trail from the API');
    expect(f?.explanation).toContain('1 captured admin response 401 "invalid API key"');
    expect(f?.fix).toBe('Use the admin key the server runs with now (the current AUTHPLANE_ADMIN_API_KEY).');
    expect(rule.step).toBe(10);
  });

  it('tells a server without an admin key apart, with the setting to add', () => {
    const [f] = run([refused('/admin/clients', 'admin API key not configured'), refused('/admin/resources', 'admin API key not configured')]);
    expect(f?.explanation).toContain('The admin API says the server has no admin API key, so it refuses every admin call.');
    expect(f?.fix).toContain('Set AUTHPLANE_ADMIN_API_KEY on the server');
  });

  it("reads the admin server's own 401 access lines", () => {
    const [f] = run([1, 2, 3].map((i) => access('GET', '/admin/audit', 401, { time: `2026-10-03T09:0${i}:00Z` })));
    expect(f?.explanation).toContain('the admin server answered 3 requests between 09:01:00 and 09:03:00 with 401 (/admin/audit)');
  });

  describe('near misses', () => {
    it('a 401 from an MCP server or the token endpoint is not the admin API', () => {
      expect(run([
        exchange({ method: 'POST', url: 'https://mcp.example.com/mcp', status: 401 }, { error: 'unauthorized' }),
        exchange({ method: 'POST', url: 'https://auth.example.com/oauth/token', status: 401 }, { error: 'invalid_client', error_description: 'client authentication failed' }),
        access('POST', '/oauth/token', 401),
      ])).toEqual([]);
    });

    it('a single stray 401 on the admin port is information only', () => {
      expect(run([access('GET', '/admin/stats', 401)])[0]?.severity).toBe('info');
    });
  });
});
