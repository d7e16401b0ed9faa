import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0402-kid-unknown.ts';
import { doc, log, model, token } from '../helpers/records.ts';

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
