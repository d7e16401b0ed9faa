// Offline JWS signature check of a compact token against a JWK (synchronous, node:crypto only).
import { createPublicKey, constants, verify, type JsonWebKey } from 'node:crypto';
import { isRedactedSignature } from '../token-check/index.ts';

export type SigVerdict = 'valid' | 'invalid' | 'unsupported';

const HASH: Record<string, string> = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512', RS256: 'sha256', RS384: 'sha384', RS512: 'sha512', PS256: 'sha256', PS384: 'sha384', PS512: 'sha512' };

/** Verify the signature of `compact` with `jwk`; `unsupported` when the alg or key cannot be used offline. */
export function verifyJws(compact: string, jwk: Record<string, unknown>, alg: string): SigVerdict {
  const hash = HASH[alg];
  if (!hash) return 'unsupported';
  const parts = compact.split('.');
  if (parts.length !== 3) return 'invalid';
  // A token from a redacted bundle keeps header and claims only: nothing to verify, nothing forged.
  if (isRedactedSignature(compact)) return 'unsupported';
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    const data = Buffer.from(`${parts[0]}.${parts[1]}`);
    const sig = Buffer.from(parts[2]!, 'base64url');
    let ok: boolean;
    if (alg.startsWith('ES')) ok = verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, sig);
    else if (alg.startsWith('PS')) ok = verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, sig);
    else ok = verify(hash, data, key, sig);
    return ok ? 'valid' : 'invalid';
  } catch {
    return 'unsupported';
  }
}
