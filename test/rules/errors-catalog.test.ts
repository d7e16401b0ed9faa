import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG, codesInValue, errorsInText, type ErrorEntry } from '../../src/rules/errors-catalog.ts';

const found = (fn: (s: Set<ErrorEntry>) => void) => {
  const s = new Set<ErrorEntry>();
  fn(s);
  return [...s].map((e) => e.code).sort();
};

describe('error catalogue', () => {
  it('covers the OAuth codes, sentinels and SDK errors the checklist talks about', () => {
    const codes = new Set(ERROR_CATALOG.map((e) => e.code));
    for (const c of ['invalid_grant', 'invalid_dpop_proof', 'use_dpop_nonce', 'slow_down', 'ErrInvalidPKCE', 'ErrFamilyRevoked', 'ErrDPoPReplay', 'verifier: audience mismatch', 'verifier: JWKS unavailable', 'TokenExpiredError', 'InvalidSignatureException']) {
      expect(codes, c).toContain(c);
    }
  });

  it('gives every entry a meaning and a fix', () => {
    for (const e of ERROR_CATALOG) {
      expect(e.meaning.length, e.code).toBeGreaterThan(5);
      expect(e.fix.length, e.code).toBeGreaterThan(0);
    }
  });

  it('recognises a wire text, a sentinel name and an SDK string in one error chain', () => {
    expect(found((s) => errorsInText('token issuance failed: ErrInvalidPKCE: PKCE verification failed', s))).toEqual(['ErrInvalidPKCE']);
    expect(found((s) => errorsInText('invalid token: verifier: invalid claims: key "k" with algorithm ES256 not found in JWKS', s))).toEqual(['not found in JWKS', 'verifier: invalid claims']);
  });

  it('matches OAuth codes only as whole words', () => {
    expect(found((s) => codesInValue('invalid_client', s))).toEqual(['invalid_client']);
    expect(found((s) => codesInValue('invalid_credentials', s))).toEqual([]);
    expect(found((s) => codesInValue('unauthorized_client', s))).toEqual(['unauthorized_client']);
  });
});
