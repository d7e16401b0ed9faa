// Checklist steps 4 and 5 for one access token, offline: typ, alg, kid, signature, iss, aud, scope, exp/nbf/iat.
import { isRedactedSignature } from './redacted.ts';
import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet } from 'jose';
import { fmtDuration, fmtList, fmtTime } from '../support-b/format.ts';
import { decodeCompactJwt, type DecodedJwt } from './decode.ts';

export type CheckStatus = 'pass' | 'fail' | 'unknown';
export type CheckId = 'decode' | 'typ' | 'alg' | 'kid' | 'signature' | 'iss' | 'aud' | 'scope' | 'exp' | 'nbf' | 'iat';

/** One verdict with a one-line reason. */
export interface TokenVerdict {
  check: CheckId;
  status: CheckStatus;
  reason: string;
}

export interface TokenCheckInput {
  /** The compact token. It is only read here; nothing returned contains it. */
  token: string;
  /** The JWKS to verify against (`{"keys":[…]}`), or null when none was given. */
  jwks?: unknown;
  /** The issuer the token must come from (AS metadata `issuer` / `server.issuer`). */
  issuer?: string | null;
  /** The resource URI that `aud` must contain (the PRM `resource`). */
  resource?: string | null;
  /** The PRM `scopes_supported` of that resource. */
  scopesSupported?: readonly string[] | null;
  /** The time to judge exp/nbf/iat against (epoch ms). */
  at: number;
  /** Clock-skew tolerance in seconds (every AuthPlane SDK defaults to 30). */
  skewSeconds?: number;
}

export interface TokenCheckResult {
  /** Header and claims, or null when the input is not a JWT. */
  decoded: DecodedJwt | null;
  verdicts: TokenVerdict[];
  /** True when any verdict is `fail`. */
  failed: boolean;
}

/** Algorithms AuthPlane signs access tokens with (`signing.algorithm`) and SDKs accept. */
export const ALLOWED_ALGS = ['ES256', 'RS256', 'PS256'] as const;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function jwksKeys(jwks: unknown): Record<string, unknown>[] | null {
  if (!jwks || typeof jwks !== 'object') return null;
  const keys = (jwks as { keys?: unknown }).keys;
  return Array.isArray(keys) ? keys.filter((k): k is Record<string, unknown> => !!k && typeof k === 'object') : null;
}

/** The token's scopes: the `scope` string (space separated) or an `scp` array. */
export function tokenScopes(claims: Record<string, unknown>): string[] {
  const scope = claims.scope;
  if (typeof scope === 'string') return scope.split(/\s+/).filter(Boolean);
  const scp = claims.scp ?? claims.scope;
  return Array.isArray(scp) ? scp.filter((s): s is string => typeof s === 'string') : [];
}

/** The token's audiences as a list (`aud` may be a string or an array). */
export function tokenAudiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return aud ? [aud] : [];
  return Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string' && a !== '') : [];
}

function checkTyp(header: Record<string, unknown>): TokenVerdict {
  const typ = str(header.typ);
  if (typ && /^(application\/)?at\+jwt$/i.test(typ)) return { check: 'typ', status: 'pass', reason: `typ is ${typ} (RFC 9068 access token)` };
  return {
    check: 'typ', status: 'fail',
    reason: typ === undefined
      ? 'no typ header: SDKs require at+jwt (RFC 9068); this is not an AuthPlane access token'
      : `typ is "${typ}", SDKs require at+jwt: an ID token or a token from another issuer, not an AuthPlane access token`,
  };
}

function checkAlg(header: Record<string, unknown>): TokenVerdict {
  const alg = str(header.alg) ?? '';
  if ((ALLOWED_ALGS as readonly string[]).includes(alg)) return { check: 'alg', status: 'pass', reason: `alg ${alg} is allowed` };
  if (alg.toLowerCase() === 'none') return { check: 'alg', status: 'fail', reason: 'alg is none: the token is unsigned and every verifier rejects it' };
  if (/^HS/i.test(alg)) return { check: 'alg', status: 'fail', reason: `alg ${alg} is a shared-secret algorithm: AuthPlane never signs with HMAC and SDKs reject it` };
  return { check: 'alg', status: 'fail', reason: `alg "${alg || '(missing)'}" is not one of ${ALLOWED_ALGS.join(', ')}` };
}

function checkKid(header: Record<string, unknown>, keys: Record<string, unknown>[] | null): TokenVerdict {
  const kid = str(header.kid);
  if (!kid) return { check: 'kid', status: 'fail', reason: 'no kid header: verifiers cannot pick a key (SDKs reject a token without kid)' };
  if (!keys) return { check: 'kid', status: 'unknown', reason: `kid ${kid}; no JWKS to look it up in (pass --jwks or --bundle with /.well-known/jwks.json)` };
  if (keys.length === 0) return { check: 'kid', status: 'fail', reason: `kid ${kid}; the JWKS has no keys at all (key store misconfigured)` };
  if (keys.some((k) => k.kid === kid)) return { check: 'kid', status: 'pass', reason: `kid ${kid} is in the JWKS` };
  const kids = keys.map((k) => String(k.kid ?? '?'));
  return {
    check: 'kid', status: 'fail',
    reason: `kid ${kid} is not in the JWKS (it has ${fmtList(kids)}): signed by a key that was rotated out or regenerated, or by another issuer`,
  };
}

async function checkSignature(token: string, header: Record<string, unknown>, keys: Record<string, unknown>[] | null, kidOk: boolean): Promise<TokenVerdict> {
  const alg = str(header.alg) ?? '';
  if (alg.toLowerCase() === 'none') return { check: 'signature', status: 'fail', reason: 'unsigned token (alg none)' };
  if (!(ALLOWED_ALGS as readonly string[]).includes(alg)) return { check: 'signature', status: 'fail', reason: `not verified: alg ${alg || '(missing)'} is not accepted` };
  if (!keys) return { check: 'signature', status: 'unknown', reason: 'not verified: no JWKS given' };
  if (!kidOk) return { check: 'signature', status: 'unknown', reason: 'not verified: no JWKS key with this kid' };
  if (isRedactedSignature(token)) return { check: 'signature', status: 'unknown', reason: 'not verified: the signature was redacted (this token comes from a redacted bundle)' };
  try {
    await compactVerify(token, createLocalJWKSet({ keys } as unknown as JSONWebKeySet), { algorithms: [...ALLOWED_ALGS] });
    return { check: 'signature', status: 'pass', reason: `signature verifies against JWKS key ${String(header.kid)}` };
  } catch (err) {
    if (err instanceof errors.JWSSignatureVerificationFailed) {
      return { check: 'signature', status: 'fail', reason: `signature does not verify against JWKS key ${String(header.kid)}: the token was altered or signed by a different key` };
    }
    const e = err as { code?: string; message?: string };
    return { check: 'signature', status: 'fail', reason: `signature could not be verified: ${e.code ?? 'error'} (${e.message ?? String(err)})` };
  }
}

function checkIss(claims: Record<string, unknown>, issuer: string | null | undefined): TokenVerdict {
  const iss = str(claims.iss);
  if (!iss) return { check: 'iss', status: 'fail', reason: 'no iss claim' };
  if (!issuer) return { check: 'iss', status: 'unknown', reason: `iss is ${iss}; no expected issuer (pass --issuer or a bundle with AS metadata)` };
  if (iss === issuer) return { check: 'iss', status: 'pass', reason: `iss matches ${issuer}` };
  const hint = iss.replace(/\/$/, '') === issuer.replace(/\/$/, '') ? ' (they differ only by a trailing slash: issuers compare byte for byte)' : '';
  return { check: 'iss', status: 'fail', reason: `iss is ${iss} but the expected issuer is ${issuer}${hint}: align server.issuer and the SDK's issuer` };
}

function checkAud(claims: Record<string, unknown>, resource: string | null | undefined): TokenVerdict {
  const auds = tokenAudiences(claims);
  if (!resource) {
    return { check: 'aud', status: 'unknown', reason: `aud is ${auds.length ? auds.join(', ') : '(empty)'}; no resource to compare (pass --resource or a bundle with the PRM)` };
  }
  if (auds.includes(resource)) return { check: 'aud', status: 'pass', reason: `aud contains ${resource}` };
  const near = auds.find((a) => a.replace(/\/$/, '') === resource.replace(/\/$/, ''));
  const why = auds.length === 0
    ? 'aud is empty: the client did not send resource= on /oauth/authorize'
    : `aud is ${auds.join(', ')}, which lacks ${resource}${near ? ' (only a trailing slash differs: RFC 8707 compares byte for byte)' : ''}`;
  return { check: 'aud', status: 'fail', reason: `${why}; fix on the client: request the token with resource=${resource} (AUTHPLANE_OAUTH_REQUIRE_SCOPE does not affect audience)` };
}

function checkScope(claims: Record<string, unknown>, supported: readonly string[] | null | undefined): TokenVerdict {
  const scopes = tokenScopes(claims);
  if (scopes.length === 0) return { check: 'scope', status: 'fail', reason: 'the token carries no scope: tools that require a scope answer 403 insufficient_scope' };
  if (!supported || supported.length === 0) return { check: 'scope', status: 'unknown', reason: `scope is ${scopes.join(' ')}; no PRM scopes_supported to compare` };
  const known = scopes.filter((s) => supported.includes(s));
  if (known.length === 0) return { check: 'scope', status: 'fail', reason: `scope ${scopes.join(' ')} has none of the resource's scopes_supported (${supported.join(' ')})` };
  const extra = scopes.filter((s) => !supported.includes(s));
  return { check: 'scope', status: 'pass', reason: `scope ${known.join(' ')} is advertised by the resource${extra.length ? `; not advertised: ${extra.join(' ')}` : ''}` };
}

function checkTimes(claims: Record<string, unknown>, atMs: number, skew: number): TokenVerdict[] {
  const now = atMs / 1000;
  const out: TokenVerdict[] = [];
  const exp = num(claims.exp);
  if (exp === undefined) out.push({ check: 'exp', status: 'fail', reason: 'no exp claim: SDKs require it' });
  else if (now > exp + skew) out.push({ check: 'exp', status: 'fail', reason: `expired at ${fmtTime(exp * 1000)}, ${fmtDuration(now - exp)} before ${fmtTime(atMs)} (beyond the ${skew} s tolerance)` });
  else if (now > exp) out.push({ check: 'exp', status: 'pass', reason: `expired ${fmtDuration(now - exp)} before ${fmtTime(atMs)}, still inside the ${skew} s tolerance` });
  else out.push({ check: 'exp', status: 'pass', reason: `valid until ${fmtTime(exp * 1000)} (${fmtDuration(exp - now)} after ${fmtTime(atMs)})` });
  const nbf = num(claims.nbf);
  if (nbf !== undefined) {
    out.push(nbf > now + skew
      ? { check: 'nbf', status: 'fail', reason: `not valid before ${fmtTime(nbf * 1000)}, ${fmtDuration(nbf - now)} after ${fmtTime(atMs)}: clock skew between AuthPlane and the verifier` }
      : { check: 'nbf', status: 'pass', reason: `valid since ${fmtTime(nbf * 1000)}` });
  }
  const iat = num(claims.iat);
  if (iat === undefined) out.push({ check: 'iat', status: 'fail', reason: 'no iat claim: SDKs require it' });
  else if (iat > now + skew) out.push({ check: 'iat', status: 'fail', reason: `issued at ${fmtTime(iat * 1000)}, ${fmtDuration(iat - now)} after ${fmtTime(atMs)}: AuthPlane's clock is ahead of the verifier's by more than ${skew} s` });
  else out.push({ check: 'iat', status: 'pass', reason: `issued at ${fmtTime(iat * 1000)}` });
  return out;
}

/** Run every check on one token. Never throws; a non-JWT gives a single failed `decode` verdict. */
export async function checkToken(input: TokenCheckInput): Promise<TokenCheckResult> {
  const decoded = decodeCompactJwt(input.token);
  if (!decoded) {
    return { decoded: null, failed: true, verdicts: [{ check: 'decode', status: 'fail', reason: 'not a JWT: expected three base64url parts (header.claims.signature) with JSON header and claims' }] };
  }
  const { header, claims } = decoded;
  const keys = jwksKeys(input.jwks);
  const kid = checkKid(header, keys);
  const verdicts: TokenVerdict[] = [
    { check: 'decode', status: 'pass', reason: 'header and claims decoded' },
    checkTyp(header),
    checkAlg(header),
    kid,
    await checkSignature(input.token, header, keys, kid.status === 'pass'),
    checkIss(claims, input.issuer),
    checkAud(claims, input.resource),
    checkScope(claims, input.scopesSupported),
    ...checkTimes(claims, input.at, input.skewSeconds ?? 30),
  ];
  return { decoded, verdicts, failed: verdicts.some((v) => v.status === 'fail') };
}
