// OAuth `error` codes AuthPlane puts on the wire (reference §2.4, §2.5), in our own words.
import type { ErrorEntry } from './types.ts';

const o = (code: string, meaning: string, fix: string, texts: string[] = []): ErrorEntry => ({ code, kind: 'oauth', texts, meaning, fix });

/** Every OAuth error code of the reference's retry guide, plus AuthPlane-specific ones. */
export const OAUTH_CODES: ErrorEntry[] = [
  o('invalid_request', 'The request is malformed: a parameter is missing or wrong (redirect_uri mismatch at authorize, actor_token on a vault vend, bad body).', 'Fix the request; do not retry it unchanged.'),
  o('invalid_client', 'Client authentication failed: unknown client_id, wrong secret, suspended client, or an unusable client metadata document.', 'Check client_id and secret (case-sensitive); reactivate a suspended client; do not retry.'),
  o('invalid_grant', 'The grant was refused: code expired (10 min) or reused, wrong PKCE verifier, redirect_uri differs, refresh token reused or family revoked, or a bad subject token / assertion.', 'Start a fresh authorization flow; look at the Err* sentinel in the server log for the exact reason.'),
  o('invalid_scope', 'A requested scope is not declared on the resource or outside the client\'s set (or missing while oauth.require_scope=true).', 'Request scopes the resource declares (`scopes_supported`), or add them to the resource / client.'),
  o('unauthorized_client', 'The client may not use this grant type.', 'Add the grant to the client\'s grant_types.'),
  o('unsupported_grant_type', 'The grant type is disabled by configuration or unknown.', 'Enable the grant (e.g. client_credentials.enabled, token_exchange.enabled) or fix the grant_type value.'),
  o('invalid_dpop_proof', 'A DPoP proof was rejected: replayed jti, wrong typ/alg/htm/htu, stale iat, or a private key in the jwk.', 'Fix the client\'s proof: typ dpop+jwt, a fresh jti and iat per request, htu without query string.'),
  o('use_dpop_nonce', 'AuthPlane requires a server nonce in the DPoP proof (dpop.require_nonce) and the proof had none or a stale one.', 'Retry at once with the DPoP-Nonce response header value in the proof\'s nonce claim.'),
  o('access_denied', 'Refused by policy: exchange not allowlisted, XAA policy or subject mapping, upstream login failed, registration disabled.', 'Fix the policy named in the server log; do not retry.'),
  o('consent_required', 'The user has not granted (enough) consent for the target resource or upstream provider.', 'Send the user to the consent_url from the response, then retry.'),
  o('slow_down', 'Rate limited (HTTP 429): the global limiter keys on the remote address, so clients behind one proxy share a bucket.', 'Wait for Retry-After; raise rate_limit.requests_per_second/burst or rate-limit at the edge.', ['rate limit exceeded']),
  o('server_error', 'AuthPlane failed internally (database, signer, encryptor) and answered 500 "internal error".', 'Retry with backoff and read the ERROR lines (`token endpoint error`, `authorize error`) for the cause.'),
  o('invalid_target', 'The requested resource is unknown or unavailable (the resource parameter is enforced at the token endpoint since 0.2.0).', 'Send resource= exactly as registered (byte for byte, trailing slash counts), or register the resource.'),
  o('temporarily_unavailable', 'An upstream identity provider could not be reached.', 'Check the IdP\'s discovery, JWKS and token endpoints from AuthPlane\'s network.'),
  o('scope_not_granted', 'A requested upstream scope was not granted to the connection.', 'Have the user reconnect the upstream account with the needed scope.'),
  o('token_expired', 'The stored upstream access token expired and there is no refresh token.', 'The user must reconnect the upstream provider.'),
  o('service_unavailable', 'The feature needed for the request is disabled in AuthPlane\'s configuration.', 'Set the config key named in the error text to enable the feature.'),
  o('interaction_required', 'The upstream provider needs the user to interact (log in or consent) again.', 'Send the user through the connect/consent URL.'),
  o('invalid_token', 'A resource server rejected the access token (expired, wrong audience/issuer, bad signature, unknown kid, revoked).', 'Read error_description or the SDK log to learn which check failed; usually get a new token with the right resource=.'),
  o('insufficient_scope', 'The token is valid but lacks the scope the tool requires (HTTP 403).', 'Request the scope on authorize and make sure the resource and the client allow it.'),
  o('unauthorized', 'The admin API key is missing, wrong, or not configured (admin API 401; the docs call this invalid_admin_key).', 'Send `Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY` with the current key; set admin.api_key if empty.', ['admin API key not configured', 'missing API key', 'invalid API key']),
];
