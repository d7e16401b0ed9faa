// What correlation needs to know about individual log lines: access lines, OAuth error codes,
// SDK verdicts and which lines are high-volume noise (reference §1.3, §1.6, §2; sdk-facts §1, §3).
import type { LogRecord } from '../ingest/index.ts';

/** The authserver access-log message (reference §1.3). */
export const ACCESS_MSG = 'http request';
export const BOOT_MSG = 'starting authserver';
export const KEYGEN_MSG = 'no signing key found, generating';
export const AUDIT_MSG = 'audit';
export const AUDIT_DROPPED_MSG = 'audit event dropped — not persisted';

/** INFO/DEBUG messages that are routine at volume; past the retain limit they are counted, not kept. */
const HIGH_VOLUME = new Set([
  ACCESS_MSG, 'tokens issued', 'tokens refreshed', AUDIT_MSG, 'token introspected', 'verified',
  'client credentials token issued', 'token exchanged', 'Token validated successfully',
  'JWKS cache reloaded', 'authorization started', 'authorization completed', 'user authenticated',
]);

/** OAuth / AuthPlane wire error codes (reference §2.2–2.5, sdk-facts §3). */
export const OAUTH_CODES = new Set([
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type',
  'invalid_scope', 'access_denied', 'server_error', 'temporarily_unavailable', 'invalid_target',
  'invalid_dpop_proof', 'use_dpop_nonce', 'consent_required', 'slow_down', 'invalid_token',
  'insufficient_scope', 'login_required', 'interaction_required', 'unsupported_response_type',
  'scope_not_granted', 'token_expired', 'not_found', 'conflict', 'unauthorized',
]);

/** HTTP status of an access line: authserver `http request`, or any line with numeric status plus path/method. */
export function accessStatus(r: LogRecord): number {
  const s = r.attrs.status;
  if (typeof s !== 'number' || s < 100 || s > 999) return 0;
  if (r.msg === ACCESS_MSG) return s;
  return typeof r.attrs.path === 'string' || typeof r.attrs.method === 'string' ? s : 0;
}

/** The OAuth error code a line names in `code`, `error`, `oauth_error` or `reason`, or undefined. */
export function oauthCode(r: LogRecord): string | undefined {
  const a = r.attrs;
  // Runs for every line of a request: three plain checks, no array per line.
  const c = a.code;
  if (typeof c === 'string' && OAUTH_CODES.has(c)) return c;
  const e = a.error;
  if (typeof e === 'string' && OAUTH_CODES.has(e)) return e;
  const o = a.oauth_error;
  return typeof o === 'string' && OAUTH_CODES.has(o) ? o : undefined;
}

const VERIFIER_PREFIX = 'verifier: ';

/** The SDK verdict a line carries: `ok` for a successful verification, the verifier error text for a rejection. */
export function sdkVerdict(r: LogRecord): string | undefined {
  const m = r.msg;
  if (m === 'verified' || m === 'Token validated successfully' || m.startsWith('Token verified successfully')) return 'ok';
  if (m.startsWith(VERIFIER_PREFIX)) return firstLine(m);
  const e = r.attrs.error;
  if (typeof e === 'string') {
    const at = e.indexOf(VERIFIER_PREFIX);
    if (at === 0 || (at > 0 && e.startsWith('invalid token: '))) return firstLine(e.slice(at));
  }
  if (m === 'authplane.token_verification_failed' || m.startsWith('Token verification failed')) {
    return typeof e === 'string' ? `rejected: ${firstLine(e)}` : 'rejected';
  }
  return undefined;
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return (nl < 0 ? s : s.slice(0, nl)).slice(0, 200);
}

/** True for lines worth keeping past the retain limit (anything but routine INFO/DEBUG chatter). */
export function isNotable(r: LogRecord, status: number): boolean {
  if (r.level === 'WARN' || r.level === 'ERROR') return true;
  if (status >= 400) return true;
  return !HIGH_VOLUME.has(r.msg);
}
