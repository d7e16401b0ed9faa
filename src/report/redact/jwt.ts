// JWTs and DPoP proofs: decode header and claims without verifying, and replace the compact token
// with a marker (reports) or a re-encoded token with its signature dropped (redacted bundles).

import { REDACTED_SIGNATURE } from '../../rules/index.ts';

/** The signature segment of a re-encoded token: analysis tools can tell it was redacted. */
export { REDACTED_SIGNATURE };

/** Claims kept verbatim: they identify nothing and are what a maintainer debugs with. */
const KEEP_CLAIMS = new Set([
  'iss', 'aud', 'scope', 'scp', 'exp', 'iat', 'nbf', 'auth_time', 'jti', 'client_id', 'azp', 'typ',
  'token_type', 'cnf', 'htm', 'htu', 'ath', 'nonce', 'resource', 'act', 'may_act', 'acr', 'amr',
]);
/** Identity claims: pseudonymized. */
const IDENTITY_CLAIMS: Record<string, 'user' | 'email'> = {
  sub: 'user', email: 'email', preferred_username: 'user', name: 'user', given_name: 'user',
  family_name: 'user', upn: 'user', oid: 'user', sid: 'user',
};
/** Header members dropped from markers (kept when re-encoding: they are public). */
const MARKER_HEADER = ['alg', 'kid', 'typ'] as const;
const MARKER_CLAIMS = ['iss', 'aud', 'scope', 'exp'] as const;

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown> | null;
}

/** Decode the first two segments of a compact JWT; null when the header is not a JSON object. */
export function decodeJwt(compact: string): DecodedJwt | null {
  const parts = compact.split('.');
  const header = decodeSegment(parts[0] ?? '');
  if (!header) return null;
  return { header, claims: parts.length >= 2 ? decodeSegment(parts[1] ?? '') : null };
}

function decodeSegment(seg: string): Record<string, unknown> | null {
  if (seg.length === 0 || seg.length > 65_536) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** How claim strings that may name hosts or identities are rewritten (the redactor's own rules). */
export interface ClaimRewriter {
  text(s: string): string;
  identity(kind: 'user' | 'email', value: string): string;
  /** A structured value judged by its key: a JWK keeps `x`/`y` and loses `d`, `{password: …}` loses the password. */
  value(key: string, v: unknown): unknown;
}

/** A one-token marker: `[JWT alg=ES256,kid=…,typ=at+jwt,iss=…,aud=…,scope=…,exp=…]`; never the signature. */
export function jwtMarker(compact: string, rw: ClaimRewriter): string {
  const d = decodeJwt(compact);
  if (!d) return '[JWT undecodable]';
  const parts: string[] = [];
  for (const k of MARKER_HEADER) if (d.header[k] !== undefined) parts.push(`${k}=${clean(d.header[k], rw)}`);
  const c = d.claims ?? {};
  for (const k of MARKER_CLAIMS) if (c[k] !== undefined) parts.push(`${k}=${clean(c[k], rw)}`);
  if (typeof c.sub === 'string') parts.push(`sub=${rw.identity('user', c.sub)}`);
  if (d.header.typ === 'dpop+jwt') {
    for (const k of ['htm', 'htu'] as const) if (c[k] !== undefined) parts.push(`${k}=${clean(c[k], rw)}`);
  }
  return `[JWT ${parts.join(',')}]`;
}

/** Re-encode with identity claims pseudonymized, unknown string claims redacted, and no signature. */
export function reencodeJwt(compact: string, rw: ClaimRewriter): string | null {
  const d = decodeJwt(compact);
  if (!d) return null;
  const header = rewriteObject(d.header, rw, true);
  const out = [b64(header)];
  if (d.claims) out.push(b64(rewriteObject(d.claims, rw, false)));
  else out.push(b64({}));
  out.push(REDACTED_SIGNATURE);
  return out.join('.');
}

function rewriteObject(o: Record<string, unknown>, rw: ClaimRewriter, isHeader: boolean): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const idKind = IDENTITY_CLAIMS[k];
    if (!isHeader && idKind && typeof v === 'string') r[k] = rw.identity(idKind, v);
    else if (isHeader || KEEP_CLAIMS.has(k)) r[k] = rewriteValue(k, v, rw);
    else if (typeof v === 'string') r[k] = '[REDACTED:claim]';
    else r[k] = rewriteValue(k, v, rw);
  }
  return r;
}

/**
 * A header member or a kept claim. Objects and arrays go through the redactor's key rules: a DPoP
 * proof's `jwk` may carry a private `d` from a buggy client, and `ext`/`act` claims nest anything.
 */
function rewriteValue(k: string, v: unknown, rw: ClaimRewriter): unknown {
  if (typeof v === 'string') return rw.text(v);
  if (v !== null && typeof v === 'object') return rw.value(k, v);
  return v;
}

function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o), 'utf8').toString('base64url');
}

// Marker values must stay one token in every format (JSON string, slog text, URL, YAML).
function clean(v: unknown, rw: ClaimRewriter): string {
  const s = Array.isArray(v) ? v.map((x) => String(x)).join('|') : typeof v === 'string' ? v : JSON.stringify(v);
  return rw.text(s).replace(/[\s"'\\,\]]+/g, '+');
}
