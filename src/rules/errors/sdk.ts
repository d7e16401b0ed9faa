// Resource-server (SDK) verifier errors across languages (sdk-facts §2.6, §3.1–3.8), meaning and fix in our own words.
import type { ErrorEntry } from './types.ts';

/** One condition, recognised by each SDK's own wording; every wording is listed under its own name. */
function cond(meaning: string, fix: string, idents: string[]): ErrorEntry[] {
  return idents.map((code) => ({ code, kind: 'sdk' as const, texts: [code], meaning, fix }));
}

/** SDK errors of the Go, Python, TypeScript, Java, Rust and C# SDKs, grouped by condition. */
export const SDK_ERRORS: ErrorEntry[] = [
  ...cond('The request carried no access token. The first 401 of every OAuth flow looks like this; a pattern after login means the client drops the token.', 'Send `Authorization: Bearer <access_token>`; check proxies do not strip the header.',
    ['verifier: token missing', 'TokenMissingError', 'TokenMissingException', 'No token provided for validation', 'access token is missing']),
  ...cond('The access token is past its exp (beyond the 30 s clock-skew tolerance).', 'Refresh the token; if tokens expire at once, compare the clocks of AuthPlane and the MCP server.',
    ['verifier: token expired', 'TokenExpiredError', 'TokenExpiredException', 'Token has expired', 'token has expired']),
  ...cond('The token signature does not verify with the JWKS key (another environment\'s key, or an altered token). Python, TS and Java also report an unknown kid this way.', 'Point the SDK at the issuer that minted the token; get a fresh token.',
    ['verifier: invalid signature', 'InvalidSignatureError', 'InvalidSignatureException', 'Token signature verification failed', 'token signature verification failed']),
  ...cond('A header or claim check failed: typ not at+jwt, alg not allowed, a missing claim, iat/nbf in the future; Go also reports an unknown kid and Python/TS/Java an iss/aud mismatch this way.', 'Read the detail after the error text; mint the token with resource= and send the access token, not the ID token.',
    ['verifier: invalid claims', 'InvalidClaimsError', 'InvalidClaimsException', 'Token claims validation failed', 'token claims validation failed']),
  ...cond('The token\'s kid is not in the JWKS even after a forced refresh.', 'Compare the kid with `/.well-known/jwks.json`; if AuthPlane lost its key, persist signing.key_path.',
    ['not found in JWKS']),
  ...cond('The token iss differs from the issuer the SDK was configured with.', 'Configure the SDK with AuthPlane\'s issuer exactly as in its discovery document.', ['verifier: issuer mismatch']),
  ...cond('The token aud lacks this resource URI (RFC 8707): the client did not send resource=. AUTHPLANE_OAUTH_REQUIRE_SCOPE does not change this.', 'Have the client request the token with resource=<exact resource URI>.', ['verifier: audience mismatch']),
  ...cond('The token lacks the scope the tool requires (403).', 'Request the scope on authorize; make sure the resource declares it and the client may get it.',
    ['verifier: insufficient scope', 'InsufficientScopeError', 'InsufficientScopeException']),
  ...cond('Introspection said the token is not active: revoked, or AuthPlane does not consider this resource server entitled to introspect it.', 'Mint a new token; if every token looks revoked, add the RS client as runtime client of the resource.',
    ['verifier: token revoked', 'TokenRevokedError', 'TokenRevokedException', 'Token has been revoked', 'token is not active']),
  ...cond('The SDK could not fetch AuthPlane\'s JWKS and had no cached copy (503).', 'From the MCP server host, `curl $ISSUER/.well-known/jwks.json`; fix DNS, network policy or TLS.',
    ['verifier: JWKS unavailable', 'JWKSFetchError', 'JwksFetchException', 'failed to fetch or use JWKS']),
  ...cond('The SDK could not fetch AuthPlane\'s metadata (discovery) (503).', 'From the MCP server host, `curl $ISSUER/.well-known/oauth-authorization-server`; check the issuer URL given to the SDK.',
    ['verifier: metadata unavailable', 'MetadataFetchError', 'MetadataFetchException', 'MissingMetadataEndpointError', 'failed to fetch or use metadata']),
  ...cond('The SDK\'s SSRF guard refused to fetch an AuthPlane URL (HTTP, a private address, or a redirect).', 'Use an HTTPS issuer, or allow HTTP / private addresses explicitly in development.', ['verifier: SSRF blocked', 'SSRF protection blocked']),
  ...cond('AuthPlane answered the SDK with something it could not interpret.', 'Check the SDK and AuthPlane versions are compatible.', ['verifier: protocol error']),
  ...cond('The resource requires a DPoP-bound token and the request had no DPoP proof.', 'Send a DPoP proof with the DPoP token (`Authorization: DPoP …` plus a `DPoP` header).',
    ['verifier: DPoP required', 'DPoPProofMissingError', 'DPoPProofMissingException']),
  ...cond('The DPoP proof at the MCP server was invalid (typ, alg, jwk, htm/htu, iat, ath).', 'Fix the proof; htu is built from the configured resource origin, so path-rewriting proxies break it.',
    ['verifier: DPoP invalid', 'InvalidDPoPProofError', 'InvalidDPoPProofException']),
  ...cond('The DPoP proof key does not match the token\'s cnf.jkt, or a proof came with a bearer-only token.', 'Sign proofs with the key the token was bound to; do not send DPoP proofs with bearer tokens.',
    ['verifier: DPoP key mismatch', 'verifier: DPoP binding mismatch', 'DPoPBindingMismatchError', 'DPoPBindingMismatchException']),
  ...cond('A DPoP proof jti was seen before at the MCP server.', 'Use a new proof per request; a stolen proof means revoke and re-enroll.',
    ['verifier: DPoP replay detected', 'DPoPReplayDetectedError', 'DPoPReplayDetectedException']),
  ...cond('The request carried more than one DPoP header (RFC 9449 forbids it).', 'Send exactly one DPoP header.', ['verifier: multiple DPoP proofs', 'DPoPMultipleProofsError', 'MultipleDpopProofsException']),
  ...cond('A DPoP token or proof reached a resource not configured for DPoP.', 'Configure inbound DPoP on the resource, or use bearer tokens.',
    ['verifier: DPoP not supported by this resource', 'DPoPNotSupportedError', 'DPoPNotSupportedException']),
  ...cond('The SDK requires a DPoP nonce and the proof had none.', 'Retry with the DPoP-Nonce value.', ['DPoPNonceRequiredException']),
  ...cond('The SDK\'s circuit breaker opened after repeated AuthPlane failures and now fails fast.', 'Fix AuthPlane reachability; the breaker closes after its 30 s cooldown.',
    ['CircuitOpenError', 'CircuitOpenException', 'circuit breaker is open']),
];
