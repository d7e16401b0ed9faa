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

  it('reports a Java MCP server whose verifications fail with JwksFetchException', () => {
    const lines = [0, 1, 2, 3, 4, 5].map((i) => log('Token verification failed [issuer=https://auth.example.com, error=JwksFetchException, duration=10012.3ms]', { logger: 'ai.authplane.sdk.core.JwtValidator' },
      { origin: 'sdk', format: 'java-jul', level: 'WARN', line: 2 + 2 * i, time: `2026-10-03T09:1${i}:44Z` }));
    const [f] = [...rule.check(model(lines))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain("failed to fetch AuthPlane's JWKS or metadata 6 times between 09:10:44 and 09:15:44");
  });

  it('stays quiet when the Java SDK fetched the JWKS and only expired tokens failed', () => {
    const fetched = log('JWKS fetched from https://auth.example.com/.well-known/jwks.json (effective TTL=300s)', { logger: 'ai.authplane.sdk.core.fetching.DocumentCache' }, { origin: 'sdk', format: 'java-jul' });
    const expired = log('Token verification failed [issuer=https://auth.example.com, error=TokenExpiredException, duration=1.2ms]', { logger: 'ai.authplane.sdk.core.JwtValidator' }, { origin: 'sdk', format: 'java-jul', level: 'WARN' });
    expect([...rule.check(model([fetched, expired]))]).toEqual([]);
  });

  it('treats a stale-cache refresh failure as a warning', () => {
    const soft = log('Jwks fetch failed, using stale cache: HTTP 503 from https://as.example/jwks', {}, { origin: 'sdk', format: 'python', level: 'WARN' });
    const [f] = [...rule.check(model([soft]))];
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('stale cached copy');
  });

  // The soft wordings of sdk-facts §1.3–1.5, as each SDK writes them.
  it.each([
    ['Java', 'Background refresh of JWKS failed', 'java-jul'],
    ['Java (metadata)', 'Background refresh of metadata failed', 'java-jul'],
    ['TypeScript backoff', '[authplane] Document refresh backing off after a failed attempt (retry in 29s).', 'ts-console'],
    ['TypeScript metadata', '[authplane] AS metadata refresh failed during verify; continuing with the last known metadata: TypeError: fetch failed', 'ts-console'],
    ['newer Python', 'JWKS document rejected, keeping the cached document for up to 30s: JWKS has no keys', 'python'],
  ])('reports the %s soft refresh failure as a stale-cache warning', (_sdk, msg, format) => {
    const lines = [1, 2].map((i) => log(msg, {}, { origin: 'sdk', format, level: 'WARN', line: i, time: `2026-10-03T09:0${i}:00Z` }));
    const [f] = [...rule.check(model(lines))];
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain("could not refresh AuthPlane's JWKS 2 times between 09:01:00 and 09:02:00");
    expect(f?.explanation).toContain('stale cached copy');
  });

  it('does not count the Java FINE / Python DEBUG backoff lines that repeat a refresh failure already logged', () => {
    const lines = [
      log('JWKS refresh backing off after a failed attempt (retry in 12s); serving the cached copy', {}, { origin: 'sdk', format: 'java-jul', level: 'DEBUG' }),
      log('JWKS refresh backing off after a failed attempt, serving the cached document', {}, { origin: 'sdk', format: 'python', level: 'DEBUG' }),
    ];
    expect([...rule.check(model(lines))]).toEqual([]);
  });

  it('stays quiet on the Java cache\'s normal fetch line', () => {
    const ok = log('JWKS fetched from https://auth.example.com/.well-known/jwks.json (effective TTL=300s)', {}, { origin: 'sdk', format: 'java-jul', level: 'INFO' });
    expect([...rule.check(model([ok]))]).toEqual([]);
  });
});
