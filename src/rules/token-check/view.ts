// What `forensic token` may print about a token: the header and the claims that identify nobody.

/** Claims safe to print: issuer, audience, scope, client, times, token binding. Everything else is listed by name only. */
const SHOWN = new Set(['iss', 'aud', 'scope', 'scp', 'client_id', 'azp', 'exp', 'iat', 'nbf', 'auth_time', 'token_type', 'typ']);
/** Header fields safe to print (never `jwk` key material beyond its type). */
const SHOWN_HEADER = new Set(['alg', 'typ', 'kid', 'cty']);

export interface TokenView {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Names of claims present but not shown (sub, jti, email …). */
  hidden: string[];
}

/** Split a token's header and claims into what may be shown and what is only named. */
export function tokenView(header: Record<string, unknown>, claims: Record<string, unknown>): TokenView {
  const h: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(header)) if (SHOWN_HEADER.has(k)) h[k] = v;
  const c: Record<string, unknown> = {};
  const hidden: string[] = [];
  for (const [k, v] of Object.entries(claims)) {
    if (SHOWN.has(k)) c[k] = v;
    else if (k === 'cnf' && v && typeof v === 'object') c.cnf = { jkt: 'jkt' in v ? '(present: DPoP-bound)' : '(absent)' };
    else hidden.push(k);
  }
  return { header: h, claims: c, hidden };
}
