import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0406-signature-invalid.ts';
import { doc, log, model, token } from '../helpers/records.ts';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function signed(kid: string, claims: Record<string, unknown>) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const header = { alg: 'ES256', typ: 'at+jwt', kid };
  const input = `${b64(header)}.${b64(claims)}`;
  const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  return { compact: `${input}.${sig}`, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' } };
}

describe('AP0406 signature invalid', () => {
  const claims = { iss: 'https://auth.example.com', aud: 'https://mcp/x' };

  it('stays quiet when the token verifies against the JWKS key', () => {
    const { compact, jwk } = signed('k1', claims);
    const t = token({ kid: 'k1' }, claims, { fingerprint: 'fp-good' });
    const m = model([doc('jwks', { keys: [jwk] }), t]);
    m.tokenVault.set('fp-good', compact);
    expect([...rule.check(m)]).toEqual([]);
  });

  it('reports a token signed by another key that uses the same kid', () => {
    const { compact } = signed('k1', claims);
    const { jwk: otherKey } = signed('k1', claims);
    const t = token({ kid: 'k1' }, claims, { fingerprint: 'fp-bad', file: 'token.jwt' });
    const m = model([doc('jwks', { keys: [otherKey] }), t]);
    m.tokenVault.set('fp-bad', compact);
    const [f] = [...rule.check(m)];
    expect(f?.severity).toBe('error');
    expect(f?.confidence).toBe(0.85);
    expect(f?.explanation).toContain('1 token in the bundle does not verify against the JWKS key with its kid (k1)');
    expect(f?.evidence[0]).toEqual(expect.objectContaining({ kind: 'token', file: 'token.jwt' }));
  });

  it('leaves SDK kid misses reported as invalid signature to the kid rule', () => {
    const r = log('verify failed', { error_class: 'InvalidSignatureError', error: "Token kid 'k9' not found in JWKS after refresh" }, { origin: 'sdk', format: 'python' });
    expect([...rule.check(model([r]))]).toEqual([]);
  });
});
