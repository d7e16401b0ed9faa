import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../../src/ingest/index.ts';
import { verifierLogs, type VerifierKind } from '../../../src/rules/support-b/verifier.ts';
import { log, model } from '../../helpers/records.ts';

// A host app's line around the SDK's error text (origin mcp-server: no SDK logger on it).
const host = (error: string) => log('auth failed', { error }, { origin: 'mcp-server', level: 'WARN' });
// A line an SDK logger wrote (authplane.*, ai.authplane.*, `[authplane] `).
const sdk = (msg: string, attrs: Record<string, unknown> = {}) => log(msg, attrs, { origin: 'sdk', level: 'WARN' });

// The SDKs' own rejection texts (sdk-facts §1.3, §1.5, §3.1–3.6), as a bundle shows them.
const SDK_REJECTIONS: [VerifierKind, string, LogRecord][] = [
  ['audience', 'Go sentinel', host('verifier: audience mismatch: expected "https://mcp.example.com/mcp"')],
  ['audience', 'Python adapter event', sdk('authplane.token_verification_failed', { error_class: 'InvalidClaimsError', error: 'Token claims validation failed (aud): invalid claim "aud"' })],
  ['audience', 'Java message logged by the host', host("Audience mismatch: required 'https://mcp.example.com/mcp' not found in aud [https://other.example.com]")],
  ['audience', 'TS message logged by the host', host('Token claims validation failed: unexpected "aud" claim value')],
  ['issuer', 'Java message logged by the host', host("Issuer mismatch: expected 'https://auth.example.com', got 'http://localhost:9000'")],
  ['scope', 'Go sentinel', host('verifier: insufficient scope: required scope "tools/add"; token has scopes: tools/read')],
  ['scope', 'Python/TS scope helper', host("Token missing required scope 'tools/add'. Token has scopes: ['tools/read']")],
  ['scope', 'MCP adapter helper', host('Missing required scope: tools/add')],
  ['scope', 'Rust Display', host('token missing required scope "tools/add"; available scopes: ["tools/read"]')],
  ['expired', 'Go mcp adapter body', host('invalid token: verifier: token expired')],
  ['expired', 'TS message', host('Token has expired: "exp" claim timestamp check failed')],
  ['expired', 'Rust Display', host('token has expired')],
  ['expired', 'Java JwtValidator, any logger', log('Token verification failed [issuer=https://auth.example.com, error=TokenExpiredException, duration=1.2ms]', {}, { origin: 'mcp-server', level: 'WARN' })],
  ['future', 'Python message', sdk("Token 'iat' claim is in the future (iat=1791018960, now=1791018860, leeway=30s)")],
  ['future', 'Java message logged by the host', host('Token not yet valid: nbf=1791018960')],
  ['revoked', 'Go sentinel', host('verifier: token revoked')],
  ['revoked', 'Python message', host("Token 'jti-1' is revoked")],
  ['revoked', 'TS message', host("Token 'jti-1' has been revoked")],
  ['revoked', 'Rust Display', host('token is not active')],
  ['revoked', 'Java revocation checker', host("Token with jti='jti-1' rejected by revocation checker")],
  ['dpop-replay', 'Rust Display', host('DPoP proof replay detected (duplicate jti)')],
  ['dpop-invalid', 'Go sentinel', host('verifier: DPoP invalid: htm mismatch')],
  ['dpop-invalid', 'TS message', host('DPoP proof htu mismatch.')],
  ['dpop-nonce', 'TS message', host("DPoP proof nonce mismatch: expected 'n-2', got 'n-1'")],
  ['dpop-invalid', 'Rust Display (two DPoP headers)', host('multiple DPoP headers received; exactly one required (RFC 9449 section 4.3)')],
  ['dpop-invalid', 'TS message (two DPoP headers)', host('Request carries more than one DPoP proof; RFC 9449 §4.3 forbids it.')],
  ['dpop-binding', 'Go sentinel (bearer token at a DPoP resource)', host('verifier: DPoP required')],
  ['dpop-binding', 'Go sentinel (proof with a bearer-only token)', host('verifier: DPoP binding mismatch: DPoP proof presented with a bearer-only access token (no cnf.jkt to bind to)')],
  ['dpop-binding', 'Python message', host('Resource requires DPoP-bound access tokens but the presented token has no `cnf.jkt`')],
  ['dpop-binding', 'TS message', host('DPoP proof does not match token binding.')],
  ['dpop-binding', 'Java message', host('DPoP proof is required for DPoP-bound tokens')],
  ['dpop-binding', 'Rust Display', host('DPoP-bound access token rejected: no DPoP proof supplied in request context')],
  ['dpop-binding', 'Python message (bound token, no proof)', host('Access token is DPoP-bound but no DPoP proof was supplied')],
];

describe('which MCP-side lines count as the resource server rejecting an AuthPlane token', () => {
  it.each(SDK_REJECTIONS)('%s: the %s', (kind, _what, rec) => {
    expect(verifierLogs(model([rec]), kind)).toEqual([rec]);
  });

  it('counts a bare wire code only on a request the MCP server answered 403', () => {
    const said = log('tool call refused', { error: 'insufficient_scope' }, { origin: 'mcp-server', requestId: 'r1' });
    const answered = log('http request', { method: 'POST', path: '/mcp', status: 403 }, { origin: 'mcp-server', requestId: 'r1' });
    const otherSaid = log('tool call refused', { error: 'insufficient_scope' }, { origin: 'mcp-server', requestId: 'r2' });
    const otherServed = log('http request', { method: 'POST', path: '/mcp', status: 200 }, { origin: 'mcp-server', requestId: 'r2' });
    expect(verifierLogs(model([said, answered, otherSaid, otherServed]), 'scope')).toEqual([said]);
  });

  it("ignores a tool's upstream API telling it its own token expired", () => {
    const rec = log('github: upstream access token has expired, refreshing via token exchange', { tool: 'issues.list' }, { origin: 'mcp-server' });
    expect(verifierLogs(model([rec]), 'expired')).toEqual([]);
  });

  it("ignores an upstream API's insufficient_scope challenge on a call the MCP server answered 200", () => {
    const rec = log('calendar upstream call failed', { tool: 'calendar.create', upstream_status: 403,
      error: 'googleapis: 403 Forbidden, WWW-Authenticate: Bearer error="insufficient_scope", scope="https://www.googleapis.com/auth/calendar"' }, { origin: 'mcp-server', level: 'WARN' });
    expect(verifierLogs(model([rec]), 'scope')).toEqual([]);
  });

  it("ignores the SDK's own outbound token exchange failing, though an SDK logger wrote it", () => {
    const rec = log('token exchange: error response', { logger: 'authplane.errors', http_status: 400, oauth_error: 'invalid_grant', description: 'subject token has expired' }, { origin: 'sdk', level: 'WARN' });
    expect(verifierLogs(model([rec]), 'expired')).toEqual([]);
  });

  it('ignores an app line that accepts a DPoP-bound token', () => {
    const rec = log('request authorized', { detail: 'Access token is DPoP-bound; proof verified' }, { origin: 'mcp-server' });
    expect(verifierLogs(model([rec]), 'dpop-binding')).toEqual([]);
  });

  it('ignores scope words in an app message that is not an SDK sentence', () => {
    const rec = log('tool call denied by app policy: missing required scope tools/admin is optional, continuing', { tool: 'notes.search' }, { origin: 'mcp-server' });
    expect(verifierLogs(model([rec]), 'scope')).toEqual([]);
  });
});
