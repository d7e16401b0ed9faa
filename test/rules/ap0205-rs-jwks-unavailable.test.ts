import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0205-rs-jwks-unavailable.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0205 RS JWKS unavailable', () => {
  it('stays quiet when the SDK fetched its documents', () => {
    const ok = log('Jwks fetched and cached', {}, { origin: 'sdk', format: 'python', level: 'DEBUG' });
    expect([...rule.check(model([ok]))]).toEqual([]);
  });

  it('reports repeated hard failures as an error', () => {
    const lines = [1, 2, 3].map((i) => log('request rejected', { error: 'verifier: JWKS unavailable: JWKS fetch failed: dial tcp: lookup authserver: no such host' }, { origin: 'mcp-server', line: i, time: `2026-10-03T09:0${i}:00Z` }));
    const [f] = [...rule.check(model(lines))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('failed to fetch AuthPlane\'s JWKS or metadata 3 times between 09:01:00 and 09:03:00');
    expect(f?.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
  });

  it('treats a stale-cache refresh failure as a warning', () => {
    const soft = log('Jwks fetch failed, using stale cache: HTTP 503 from https://as.example/jwks', {}, { origin: 'sdk', format: 'python', level: 'WARN' });
    const [f] = [...rule.check(model([soft]))];
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('stale cached copy');
  });
});
