// Decodes compact JWTs into TokenRecords (header + claims only) and keeps the raw string in the vault.
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenRecord, TokenUse, TokenVault } from '../../../types.ts';

/** A compact JWS anywhere in text (the header always starts with base64url of `{"`). */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/** First 16 hex chars of sha256(compact): a stable handle that reveals nothing. */
export function fingerprint(compact: string): string {
  return createHash('sha256').update(compact).digest('hex').slice(0, 16);
}

/** What the bundle says about where a token was seen. */
export interface TokenPlace {
  file: string;
  line: number;
  offset: number;
  foundIn: TokenRecord['foundIn'];
  capturedAt: number | null;
  /** Use implied by where it was found (an `Authorization` header holds access tokens, `DPoP:` proofs). */
  hint?: TokenUse;
}

const TYP_USE: Record<string, TokenUse> = {
  'at+jwt': 'access', 'dpop+jwt': 'dpop-proof', 'oauth-id-jag+jwt': 'assertion', 'id-jag+jwt': 'assertion',
  'id_token+jwt': 'id-token', 'logout+jwt': 'id-token',
};

/** The token's use from `typ`, then from telling claims, then from where it was found. */
export function tokenUse(header: Record<string, unknown>, claims: Record<string, unknown>, hint?: TokenUse): TokenUse {
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase().replace(/^application\//, '') : '';
  const byTyp = TYP_USE[typ];
  if (byTyp) return byTyp;
  if ('htm' in claims && 'htu' in claims) return 'dpop-proof';
  if ('nonce' in claims || 'at_hash' in claims || 'auth_time' in claims) return 'id-token';
  if (hint) return hint;
  if ('scope' in claims && 'client_id' in claims) return 'access';
  return 'unknown';
}

/**
 * Decode `compact` into a TokenRecord and put the compact string into the vault under its
 * fingerprint. Returns an error text (never throws) when it is not a decodable JWS.
 */
export function decodeToken(compact: string, place: TokenPlace, vault: TokenVault): TokenRecord | string {
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = { ...decodeProtectedHeader(compact) };
    claims = { ...decodeJwt(compact) };
  } catch {
    return 'token: not a decodable JWT';
  }
  const fp = fingerprint(compact);
  vault.set(fp, compact);
  return {
    kind: 'token', file: place.file, line: place.line, offset: place.offset,
    header, claims, use: tokenUse(header, claims, place.hint), fingerprint: fp,
    foundIn: place.foundIn, capturedAt: place.capturedAt,
  };
}

/** Replace every JWT inside `text` with `[jwt:<fingerprint>]`, calling `found` for each. */
export function scrubText(text: string, found: (compact: string) => void): string {
  if (!text.includes('eyJ')) return text;
  return text.replace(JWT_PATTERN, (m) => {
    found(m);
    return `[jwt:${fingerprint(m)}]`;
  });
}

/** A copy of a JSON value with every JWT inside its strings replaced (see scrubText). */
export function scrubJson(value: unknown, found: (compact: string) => void): unknown {
  if (typeof value === 'string') return scrubText(value, found);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, found));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrubJson(v, found);
    return out;
  }
  return value;
}
