// The MCP server's side of a tool call, in the words of its stack: a Go host app logging `verified`
// and `token rejected` (slog text), a Python host with the SDK's logger lines and uvicorn access
// lines, or a TS host with `[authplane] ` warnings and morgan access lines.
import { clfTime } from './clock.ts';
import type { RsCall, RsFailure, World } from './world.ts';

const TOOLS = ['notes.search', 'notes.read', 'notes.create', 'notes.update'];

/** A random tool name. */
export function pickTool(w: World): string {
  return w.rng.pick(TOOLS);
}

/** Log one MCP call on the MCP server; returns the failure (if any) so the client can react. */
export function rsCall(w: World, call: RsCall): RsFailure | null {
  if (w.hooks.rsUnprotected) {
    // No verification middleware: every call is served, nothing about tokens is logged.
    const ms = w.rng.latency(14);
    w.mcpLog(call.t + ms, 'INFO', 'http request', [['service', 'notes-mcp'], ['method', 'POST'], ['path', '/mcp'], ['status', 200], ['duration_ms', ms], ['remote_addr', call.remote], ['user_agent', call.ua]]);
    return null;
  }
  const hooked = call.tok === null ? tokenMissing() : (w.hooks.rsOutcome?.(w, call) ?? null);
  // Any SDK rejects a token past exp + the 30 s leeway.
  const fail = hooked ?? (call.tok && call.t > call.tok.exp + 30_000 ? failures.expired() : null);
  const t = call.t;
  const ms = w.rng.latency(fail ? 2 : 14);
  const status = fail ? fail.status : 200;
  const kind = w.setup.mcp;
  if (kind === 'go') {
    if (fail) w.mcpLog(t, 'WARN', 'token rejected', [['service', 'notes-mcp'], ['status', status], ['error', fail.goError], ['remote', call.remote]]);
    else {
      const tok = call.tok!;
      w.mcpLog(t, 'INFO', 'verified', [['service', 'notes-mcp'], ['sub', tok.sub], ['scope', tok.scope], ['aud', tok.aud.join(',')], ['client_id', tok.clientId]]);
    }
    w.mcpLog(t + ms, status >= 400 ? 'WARN' : 'INFO', 'http request', [['service', 'notes-mcp'], ['method', 'POST'], ['path', '/mcp'], ['status', status], ['duration_ms', ms], ['remote_addr', call.remote], ['user_agent', call.ua]]);
  } else if (kind === 'python' || kind === 'python-json') {
    if (fail?.pyPre) w.mcpLog(t, fail.pyPre[1], fail.pyPre[2], [], fail.pyPre[0]);
    if (fail) {
      if (call.tok) w.mcpLog(t + 1, 'DEBUG', 'authplane.token_verification_failed', [['error_class', fail.pyClass], ['error', fail.pyError]], 'authplane_mcp.verifier');
    } else {
      const tok = call.tok!;
      w.mcpLog(t + 1, 'DEBUG', 'Token validated successfully', [['sub', tok.sub], ['client_id', tok.clientId], ['issuer', tok.iss], ['dpop_bound', false], ['duration_ms', w.rng.int(1, 9) / 10 + 1]], 'authplane.verifier.verifier');
    }
    const reason = status === 200 ? 'OK' : status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Service Unavailable';
    w.mcpLog(t + ms, 'INFO', `${call.remote} - "POST /mcp HTTP/1.1" ${status} ${reason}`, [], 'uvicorn.access');
  } else {
    if (fail?.tsWarn) w.mcpLog(t, 'WARN', fail.tsWarn, [], undefined, true);
    const host = call.remote.split(':')[0];
    w.mcpLog(t + ms, 'INFO', `${host} - - [${clfTime(t + ms)}] "POST /mcp HTTP/1.1" ${status} ${fail ? 98 : w.rng.int(300, 2400)} "-" "${call.ua}"`);
  }
  return fail;
}

/** A client's first call without a token (MCP discovery starts with this 401). */
function tokenMissing(): RsFailure {
  return { status: 401, goError: 'verifier: token missing', pyClass: 'TokenMissingError', pyError: 'authplane: no token provided' };
}

/** The PRM fetch that follows a 401 with resource_metadata. */
export function prmFetch(w: World, t: number, remote: string, ua: string, status = 200): void {
  const path = `/.well-known/oauth-protected-resource${new URL(w.setup.resource).pathname}`;
  const kind = w.setup.mcp;
  if (kind === 'go') w.mcpLog(t, status >= 400 ? 'WARN' : 'INFO', 'http request', [['service', 'notes-mcp'], ['method', 'GET'], ['path', path], ['status', status], ['duration_ms', 1], ['remote_addr', remote], ['user_agent', ua]]);
  else if (kind === 'ts') w.mcpLog(t, 'INFO', `${remote.split(':')[0]} - - [${clfTime(t)}] "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 214 : 139} "-" "${ua}"`);
  else w.mcpLog(t, 'INFO', `${remote} - "GET ${path} HTTP/1.1" ${status} ${status === 200 ? 'OK' : 'Not Found'}`, [], 'uvicorn.access');
}

/** Failures scenarios use, worded per SDK. */
export const failures = {
  kidUnknown(kid: string): RsFailure {
    return {
      status: 401, goError: `verifier: invalid claims: key "${kid}" with algorithm ES256 not found in JWKS`,
      pyClass: 'InvalidSignatureError', pyError: `Token kid '${kid}' not found in JWKS after refresh`,
      pyPre: ['authplane.verifier.verifier', 'INFO', 'Kid not found in JWKS, forcing refresh'],
      tsWarn: `[authplane] Token kid '${kid}' not found in JWKS after forced refresh; possible missed key rotation or failed 'jwks_uri' swap.`,
    };
  },
  audience(resource: string): RsFailure {
    return { status: 401, goError: `verifier: audience mismatch: expected "${resource}"`, pyClass: 'InvalidClaimsError', pyError: 'Token claims validation failed (aud): invalid_claim: Invalid claim "aud"' };
  },
  issuer(expected: string, got: string): RsFailure {
    return { status: 401, goError: `verifier: issuer mismatch: expected "${expected}", got "${got}"`, pyClass: 'InvalidClaimsError', pyError: 'Token claims validation failed (iss): invalid_claim: Invalid claim "iss"' };
  },
  expired(): RsFailure {
    return { status: 401, goError: 'verifier: token expired', pyClass: 'TokenExpiredError', pyError: 'Token has expired: expired_token: The token is expired' };
  },
  iatFuture(iat: number, now: number): RsFailure {
    return { status: 401, goError: 'verifier: invalid claims: "iat" claim is in the future', pyClass: 'InvalidClaimsError', pyError: `Token 'iat' claim is in the future (iat=${iat}, now=${now}, leeway=30s)` };
  },
  scope(required: string, has: string): RsFailure {
    return { status: 403, goError: `verifier: insufficient scope: required scope "${required}"; token has scopes: ${has}`, pyClass: 'InsufficientScopeError', pyError: `Token missing required scope '${required}'. Token has scopes: ['${has}']` };
  },
  jwksUnavailable(err: string): RsFailure {
    return { status: 503, goError: `verifier: JWKS unavailable: JWKS fetch failed: ${err}`, pyClass: 'JWKSFetchError', pyError: `Failed to fetch JWKS: ${err}` };
  },
  revoked(jti: string): RsFailure {
    return { status: 401, goError: 'verifier: token revoked', pyClass: 'TokenRevokedError', pyError: `Token '${jti}' is revoked` };
  },
};
