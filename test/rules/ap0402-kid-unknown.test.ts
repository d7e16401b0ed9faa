import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0402-kid-unknown.ts';
import { doc, log, model, parsedDoc, token } from '../helpers/records.ts';

const jwks = doc('jwks', { keys: [{ kid: 'k-new', kty: 'EC' }, { kid: 'k-old', kty: 'EC' }] }, { file: 'jwks.json' });
const py = (kid: string, line: number) => log('Kid not found in JWKS, forcing refresh', { kid }, { origin: 'sdk', format: 'python', line, file: 'logs/mcp.log' });

describe('AP0402 kid unknown', () => {
  it('stays quiet on a routine rotation: one forced refresh for a kid the JWKS lists', () => {
    const m = model([jwks, py('k-new', 1), token({ kid: 'k-new' }, { iss: 'https://a' })]);
    expect([...rule.check(m)]).toEqual([]);
  });

  it('reports Go SDK kid misses with the kid and grouping metadata', () => {
    const lines = [1, 2, 3].map((i) => log('auth failed', { error: `invalid token: verifier: invalid claims: key "k-gone" with algorithm ES256 not found in JWKS` }, { origin: 'mcp-server', line: i, time: `2026-10-03T09:3${i}:00Z`, requestId: `r${i}` }));
    const [f] = [...rule.check(model([jwks, ...lines]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('rejected 3 requests between 09:31:00 and 09:33:00');
    expect(f?.explanation).toContain('unknown kid: k-gone');
    expect(f?.traces).toEqual(['req:r1', 'req:r2', 'req:r3']);
    expect(rule.consequenceOf).toContain('signing-key-regenerated');
  });

  it('flags a pasted token whose kid the JWKS lacks, as a warning on its own', () => {
    const t = token({ kid: 'k-x' }, { iss: 'https://a', aud: 'https://mcp/x' }, { file: 'token.jwt' });
    const [f] = [...rule.check(model([jwks, t]))];
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('JWKS kids: k-new, k-old');
    expect(f?.evidence[0]).toEqual(expect.objectContaining({ kind: 'token', file: 'token.jwt' }));
  });

  it('names a rotation before the failures as the likely reason', () => {
    const rot = log('admin key rotated', { kid: 'k-new', alg: 'ES256' }, { time: '2026-10-03T09:00:00Z' });
    const miss = log("[authplane] Token kid 'k-old2' not found in JWKS after forced refresh; possible missed key rotation", {}, { origin: 'sdk', format: 'ts-console', time: '2026-10-03T09:02:00Z' });
    const [f] = [...rule.check(model([jwks, rot, miss]))];
    expect(f?.explanation).toContain('rotation at 09:00:00 precedes the first failure');
  });
});

describe('AP0402 when a CDN serves a stale JWKS after a rotation', () => {
  // The public JWKS as captured through the CDN: only the old key, answered from the cache.
  const cdn = parsedDoc('captures/jwks-public.txt', [
    '$ curl -si https://auth.acme.dev/.well-known/jwks.json',
    'HTTP/1.1 200 OK',
    'Content-Type: application/json',
    'Cache-Control: public, max-age=3600',
    'Age: 1802',
    'Cf-Cache-Status: HIT',
    'Date: Sat, 03 Oct 2026 08:52:00 GMT',
    '',
    '{"keys":[{"kid":"k-old","kty":"EC"}]}',
  ].join('\n'));
  // AuthPlane's own JWKS: the new key first, the previous one kept.
  const own = parsedDoc('discovery/jwks.json', '{\n  "keys": [\n    {\n      "kid": "k-new"\n    },\n    {\n      "kid": "k-old"\n    }\n  ]\n}\n');
  const rot = log('admin key rotated', { kid: 'k-new', alg: 'ES256' }, { time: '2026-10-03T08:30:04Z', line: 481, file: 'logs/authserver.log' });
  const misses = [1, 2, 3].map((i) => log("[authplane] Token kid 'k-new' not found in JWKS after forced refresh; possible missed key rotation or failed 'jwks_uri' swap.", {}, { origin: 'sdk', format: 'ts-console', time: `2026-10-03T08:3${i}:00Z`, file: 'logs/mcp.log', line: 200 + i }));
  const [f] = [...rule.check(model([cdn, own, rot, ...misses]))];

  it('says the failing kid is the new key and the served JWKS is a stale cached copy', () => {
    expect(f?.explanation).toContain('k-new is the new key AuthPlane rotated to at 08:30:04 (discovery/jwks.json lists k-new, k-old)');
    expect(f?.explanation).toContain('is a stale cached copy that lists only k-old: Cache-Control: public, max-age=3600, Age: 1802, Cf-Cache-Status: HIT');
    expect(f?.explanation).not.toContain('dropped the previous key');
  });

  it('works out when the cache lets go of the copy from Date, Age and max-age', () => {
    // Served at 08:52:00 with Age 1802 → cached at 08:21:58; max-age 3600 → served until 09:21:58.
    expect(f?.explanation).toContain('the cache serves this copy until about 09:21:58');
  });

  it('tells the user to purge the cache and stop caching the JWKS, with the real max-age', () => {
    expect(f?.fix).toContain('Purge https://auth.acme.dev/.well-known/jwks.json from the CDN or proxy cache');
    expect(f?.fix).toContain('stop caching the JWKS');
    expect(f?.fix).toContain('max-age=3600 (1 h)');
    expect(f?.fix).not.toContain('5 minutes');
  });

  it('cites the cache headers, both key sets and the rotation at their lines', () => {
    expect(f?.evidence.slice(0, 6).map((e) => `${e.file}:${e.line} ${e.excerpt}`)).toEqual([
      'captures/jwks-public.txt:4 Cache-Control: public, max-age=3600',
      'captures/jwks-public.txt:5 Age: 1802',
      'captures/jwks-public.txt:6 Cf-Cache-Status: HIT',
      'captures/jwks-public.txt:9 keys: [k-old]',
      'discovery/jwks.json:4 kid: "k-new"',
      'logs/authserver.log:481 INFO "admin key rotated" kid=k-new alg=ES256',
    ]);
  });

  it('keeps the generic reading when the copy lacking the kid was not served from a cache', () => {
    const plain = parsedDoc('captures/jwks.txt', '$ curl -si https://auth.acme.dev/.well-known/jwks.json\nHTTP/1.1 200 OK\nDate: Sat, 03 Oct 2026 08:52:00 GMT\n\n{"keys":[{"kid":"k-old"}]}\n');
    const [g] = [...rule.check(model([plain, own, rot, ...misses]))];
    expect(g?.explanation).not.toContain('stale cached copy');
    expect(g?.fix).toBeUndefined();
  });
});
