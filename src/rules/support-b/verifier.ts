// Resource-server (SDK) verifier rejections by kind, in every SDK's wording (sdk-facts §3):
// Go sentinels, Python/TS/Java/Rust/C# messages and exception names, and the wire codes.
import type { Model } from '../../correlate/index.ts';
import type { DocumentRecord, LogRecord } from '../../ingest/index.ts';
import { exchangeText, isAuthplaneExchange } from './http.ts';
import { logText, matchLogs, type LogPattern } from './logs.ts';
import { isInboundRejection } from './sdk-signature.ts';

export type VerifierKind = 'audience' | 'issuer' | 'scope' | 'expired' | 'future' | 'revoked' | 'dpop-replay' | 'dpop-invalid' | 'dpop-nonce' | 'dpop-binding';

/** One regex per kind; each also works on a WWW-Authenticate header or response body. */
export const VERIFIER_RE: Record<VerifierKind, RegExp> = {
  // Go `verifier: audience mismatch`; Java `Audience mismatch: required …`; Python `… failed (aud)`; jose `unexpected "aud" claim value`.
  audience: /audience mismatch|claims validation failed \(aud\)|unexpected "aud" claim|invalid claim "aud"|claims validation failed[^\n]*\baud\b|'aud' must contain/i,
  // Go `verifier: issuer mismatch`; Java `Issuer mismatch: expected`; Python `(iss)`; jose `unexpected "iss" claim value`. Not the SDK's metadata check.
  issuer: /(?<!metadata: )issuer mismatch|claims validation failed \(iss\)|unexpected "iss" claim|invalid claim "iss"/i,
  // Go `verifier: insufficient scope`; Python/TS `Token missing required scope`; MCP helpers `Missing required scope:`; Rust; C#; wire `insufficient_scope`.
  scope: /insufficient[ _]scope|missing required scopes?\b|InsufficientScope/i,
  // Go `verifier: token expired`; Python/TS/Java `Token has expired`; Rust `token has expired`; exception names; jose's exp message.
  expired: /verifier: token expired|token has expired|TokenExpired(Error|Exception)?\b|"exp" claim timestamp check failed/i,
  // iat/nbf in the future: the verifier's clock is behind the issuer's.
  future: /'?"?iat'?"? claim is in the future|'iat' is in the future|token not yet valid|not yet valid: nbf|"nbf" claim timestamp check failed/i,
  // Go `verifier: token revoked`; Python/TS `Token '<jti>' is|has been revoked`; exception names; Rust `token is not active`;
  // Java `… rejected by revocation checker`. Case-sensitive, as the SDKs write them: an IdP's own introspection
  // reason `Token is not active` (Keycloak) is not a resource server rejecting a revoked token.
  revoked: /verifier: token revoked|Token '[^']*' (is|has been) revoked|TokenRevoked(Error|Exception)?\b|token is not active|rejected by revocation checker/,
  'dpop-replay': /DPoP (proof )?replay detected|DPoP proof jti has already been (used|seen)|dpop_replay_detected|DPoPReplayDetected/i,
  // Not the nonce mismatch: that is the nonce case, even on a line that also names InvalidDPoPProof(Error) (see NARROWER).
  // Also more than one DPoP header (Go/Python/TS/Java/Rust/C#): the request's proof, not the token binding.
  'dpop-invalid': /verifier: DPoP invalid|DPoP proof is invalid|Invalid DPoP proof|InvalidDPoPProof|DPoP proof (htm|htu|method|URL|ath)? ?mismatch|DPoP proof is too old|DPoP proof has expired|DPoP proof iat is in the future|DPoP proof header .?typ.? must be|Unsupported DPoP (proof )?algorithm|jwk (contains|must not include) private key|multiple DPoP (proofs|headers)|carries \d+ DPoP proofs|more than one DPoP proof|Multiple ?DPoP ?Proofs|DPoPMultipleProofs|DpopMultipleProofs|multiple_dpop_proofs/i,
  // AS `use_dpop_nonce` texts; MCP server: Python/TS `DPoP proof nonce mismatch: expected …, got …`, C# DPoPNonceRequiredException.
  'dpop-nonce': /use_dpop_nonce|server nonce is required in DPoP proof|DPoP proof nonce does not match|DPoP proof nonce mismatch|dpop_nonce_required|DPoPNonceRequired/i,
  // Token and proof do not belong together (RS10, §3.8): bearer token at a DPoP-required resource or a DPoP-bound token
  // without its proof (Go `DPoP required`, *ProofMissing*), proof key ≠ cnf.jkt (Go `DPoP key mismatch`, `… cnf.jkt`),
  // a proof with a bearer-only token (Go `DPoP binding mismatch`, *BindingMismatch*), and a DPoP proof or DPoP-bound
  // token at a resource whose SDK has no inbound DPoP configured (Go `DPoP not supported by this resource`, *NotSupported*).
  'dpop-binding': /verifier: DPoP (required|key mismatch|binding mismatch|not supported by this resource)|DPoP ?Not ?Supported|DpopNotSupported|dpop_not_supported|Resource is not configured for DPoP|resource is not configured for inbound DPoP|DPoP ?Binding ?Mismatch|DPoP ?Proof ?Missing|DpopBindingMismatch|DpopProofMissing|dpop_binding_mismatch|dpop_proof_missing|DPoP proof key does not match|DPoP proof does not match token binding|DPoP proof is required|DPoP-bound access token rejected|requires DPoP-bound access tokens|DPoP proof presented but the access token is not DPoP-bound|Access token is DPoP-bound[^\n]*but no DPoP|cannot verify DPoP binding/i,
};

/**
 * Kinds whose lines can also match a broader kind's regex and belong to the narrower one: a Python
 * adapter line carries the exception class beside the message, so `DPoP proof nonce mismatch` can
 * come with error_class InvalidDPoPProofError, yet it is the nonce loop (P3), not an invalid proof.
 */
const NARROWER: Partial<Record<VerifierKind, VerifierKind>> = { 'dpop-invalid': 'dpop-nonce' };

/**
 * Lower-case substrings, one of which every alternative of the kind's regex contains: a record
 * without any of them cannot match, so the regex is skipped. A hint must cover every alternative,
 * or it hides that wording (Rust's `token is not active` has no `revo`; jose's bare
 * `"exp" claim timestamp check failed` has no `expire`). `future` has too many shapes: no hint.
 */
export const VERIFIER_HINTS: Record<VerifierKind, readonly string[]> = {
  audience: ['aud'], issuer: ['iss'], scope: ['scope'], expired: ['expire', 'timestamp check'], future: [''],
  revoked: ['revo', 'not active'], 'dpop-replay': ['dpop'], 'dpop-invalid': ['dpop'], 'dpop-nonce': ['nonce'], 'dpop-binding': ['dpop'],
};

/** True when `text` reports this kind of rejection (and not a narrower kind that shares its wording). */
export function isVerifierKind(kind: VerifierKind, text: string): boolean {
  const narrower = NARROWER[kind];
  return VERIFIER_RE[kind].test(text) && !(narrower && VERIFIER_RE[narrower].test(text));
}

/** The kind's regex behind each of its cheap hints. */
function patterns(kind: VerifierKind): LogPattern[] {
  return VERIFIER_HINTS[kind].map((hint) => ({ hint, re: VERIFIER_RE[kind] }));
}

/**
 * MCP-side log records (SDK and MCP server) reporting this kind of rejection of an inbound token: the
 * wording alone is not enough (a tool's upstream call says `insufficient_scope` too), the line must
 * carry an SDK signature or belong to a request answered 401/403 (see sdk-signature.ts).
 */
export function verifierLogs(model: Model, kind: VerifierKind): LogRecord[] {
  return matchLogs(model, patterns(kind), ['sdk', 'mcp-server', 'other']).filter((r) => {
    const text = logText(r);
    return (!NARROWER[kind] || isVerifierKind(kind, text)) && isInboundRejection(model, r, text);
  });
}

/** Captured MCP-server responses (not AuthPlane's own) with a 401/403 of this kind. */
export function verifierExchanges(model: Model, kind: VerifierKind): DocumentRecord[] {
  return model.documents.exchanges().filter((d) => {
    const s = d.http?.status;
    return (s === 401 || s === 403) && !isAuthplaneExchange(d) && isVerifierKind(kind, exchangeText(d));
  });
}
