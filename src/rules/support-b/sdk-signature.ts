// Whether an MCP-side log line is the resource server rejecting an inbound AuthPlane token: it carries
// an AuthPlane SDK signature (sdk-facts §1, §3), or the same request was answered 401/403. A tool's own
// upstream, provider or token-exchange call is a different flow (sdk-facts §5) and never counts.
import type { Model } from '../../correlate/index.ts';
import type { LogRecord } from '../../ingest/index.ts';
import { accessOf } from './logs.ts';

// Go sentinels (§3.1): the text of every one starts `verifier: `. Nothing but the verifier writes them.
const GO_SENTINEL = /\bverifier: (?:token (?:missing|expired|revoked)|invalid (?:signature|claims)|(?:issuer|audience) mismatch|insufficient scope|JWKS unavailable|metadata unavailable|DPoP|multiple DPoP proofs)/;

// Messages only the SDKs write: the Python adapters' DEBUG event (§1.3), Java JwtValidator's WARNING (§1.5).
const SDK_MESSAGE = /authplane\.token_verification_failed|Token verification failed \[/;

// SDK exception / error class names (§3.2–3.6, §3.8) as adapters and host apps log them: Python
// `error_class`, Java `error=<simple name>`, TS `error.name`, Rust Debug variants.
const SDK_CLASS = /\b(?:Token(?:Expired|Revoked|Missing)|InsufficientScope|Invalid(?:Claims|Signature)|InvalidDPoPProof|MultipleDPoPProofs|(?:DPoP|Dpop)(?:ProofMissing|ReplayDetected|BindingMismatch|MultipleProofs|NotSupported|NonceRequired))(?:Error|Exception)?\b/;

// The SDKs' own rejection sentences (§3.2–3.6), case as written, where a value starts (the message or
// an error attribute) or after a `: ` wrapper (`auth failed: …`). The start anchor keeps a tool's
// `github: upstream access token has expired` or `policy: missing required scope x` out.
const SDK_WORDING = new RegExp(`(?:^|\\n|: )(?:${[
  'Token has expired[:.]', 'token has expired(?:$|\\n)', // Python/TS/Java; Rust's Display is the whole text
  "Token missing required scopes? '", 'token missing required scope "', 'Missing required scope: ', 'Insufficient scope(?:$|\\n)',
  'Token claims validation failed', 'token claims validation failed: ', "Token 'aud' must contain", 'Audience mismatch: required ', 'Issuer mismatch: expected ',
  "Token 'iat' (?:claim )?is in the future", 'Token not yet valid: ',
  "Token '[^'\\n]*' (?:is|has been) revoked", 'Token has been revoked\\.', 'token is not active(?:$|\\n)', 'Token revoked: ', "Token with jti='",
  'DPoP proof ', 'DPoP binding mismatch: ', 'DPoP-bound (?:access token|request) rejected', 'multiple DPoP headers received',
  'Resource requires DPoP-bound access tokens', 'Access token is DPoP-bound[^\\n]*but no DPoP', "Access token has 'cnf' claim", 'request carries \\d+ DPoP proofs', 'Request carries more than one DPoP proof',
].join('|')})`);

// A call the MCP server (or its tool) made, not a token it verified: upstream APIs and providers, token
// exchange, and the SDK's outbound AS calls (`token exchange: error response`, §1.3, §3.9).
const OUTBOUND = /\b(?:upstream|provider)\b|token[ _-]?exchange|\b(?:introspection|revocation|client_credentials): (?:request failed|error response)/i;

/** Request and trace ids of MCP-side requests answered 401/403, per model (built on first use). */
const rejectedIds = new WeakMap<object, Set<string>>();

function isRejectionStatus(r: LogRecord): boolean {
  const s = accessOf(r)?.status;
  return s === 401 || s === 403;
}

function rejectedRequests(model: Model): Set<string> {
  let ids = rejectedIds.get(model.logs);
  if (!ids) {
    ids = new Set();
    for (const r of model.logs.where((x) => x.origin !== 'authserver' && isRejectionStatus(x))) {
      if (r.requestId) ids.add(`req:${r.requestId}`);
      if (r.traceId) ids.add(`trace:${r.traceId}`);
    }
    rejectedIds.set(model.logs, ids);
  }
  return ids;
}

/** True when the line itself, or another MCP-side line of its request or trace, answered 401/403. */
function isRejectedRequest(model: Model, r: LogRecord): boolean {
  if (isRejectionStatus(r)) return true;
  if (!r.requestId && !r.traceId) return false;
  const ids = rejectedRequests(model);
  return (r.requestId !== undefined && ids.has(`req:${r.requestId}`)) || (r.traceId !== undefined && ids.has(`trace:${r.traceId}`));
}

/**
 * True when an MCP-side line (whose searchable text is `text`) is the resource server rejecting an
 * inbound AuthPlane token: a Go sentinel; or, unless it is about an upstream / provider / token-exchange
 * call, an SDK logger, an SDK-only message, an SDK class name, an SDK sentence, or a 401/403 answer to
 * the same request.
 */
export function isInboundRejection(model: Model, r: LogRecord, text: string): boolean {
  if (GO_SENTINEL.test(text)) return true;
  if (OUTBOUND.test(text)) return false;
  return r.origin === 'sdk' || SDK_MESSAGE.test(text) || SDK_CLASS.test(text) || SDK_WORDING.test(text) || isRejectedRequest(model, r);
}
