// Decides who wrote a log line (authserver, an AuthPlane SDK, the MCP server app, other) from the
// line itself (service key, catalogue message, logger name) and, failing that, from its stream.
import type { LogOrigin, LogRecord } from '../../types.ts';

// Exact messages from the authserver log catalogue (authplane-facts.md §1.6) that are specific
// enough to name the writer even without `service=authserver` (e.g. the purge command's stderr).
// Generic ones (`http request`, `audit`, `shutting down`) are deliberately absent.
const CATALOGUE: ReadonlySet<string> = new Set([
  'starting authserver', 'data encryptor initialized', 'CIMD support enabled', 'OIDC federation enabled',
  'client_credentials grant enabled', 'token exchange grant enabled', 'DPoP enabled',
  'XAA (Enterprise-Managed Authorization) enabled', 'jwt-bearer grant enabled', 'XAA policy engine enabled',
  'upstream-connection support enabled', 'deprecated config key in use — update your configuration',
  'session.secret not configured - using random ephemeral secret (sessions will not survive restarts)',
  'failed to load persisted DCR mode', 'restored persisted DCR mode', 'ignoring invalid persisted DCR mode',
  'dynamic client registration is open to unauthenticated callers',
  'initial JWKS reload failed (will retry on first request)', 'SIGHUP received, reloading signing keys',
  'SIGHUP key reload failed', 'http server listening', 'admin server listening', 'http shutdown error',
  'admin shutdown error', 'failed to setup tracing, using noop', 'failed to setup metrics, using noop',
  'no signing key found, generating', 'rotating signing key', 'saved new signing key', 'JWKS cache reloaded',
  'post-save JWKS reload failed', 'failed to list agents for JWKS', 'admin key rotated',
  'admin key rotation failed', 'admin list keys failed', 'audit event dropped — not persisted',
  'failed to record audit event', 'tokens issued', 'tokens refreshed',
  'refresh token reuse detected — family revoked', 'failed to revoke family during reuse detection',
  'JTI denylist failed during reuse detection', 'family already revoked — nothing to report',
  'failed to revoke family during code reuse detection', 'JTI denylist failed during code reuse detection',
  'refresh refused after mint but its issuance row could not be revoked', 'failed to track JTI',
  'resolve resource for issuance audit row failed', 'token endpoint error', 'revocation error',
  'authorize error', 'complete authorization failed', 'scope absent from authorize request, using defaults',
  'no scopes registered for resource, denying request', 'authorization started', 'authorization completed',
  'cimd auto-registration failed', 'local authentication denied', 'auth lockout engaged',
  'login rejected: identity exceeds the maximum length', 'login: authentication failed on an internal error',
  'session: rejecting stale session cookie', 'session: user existence check failed', 'token introspected',
  'introspection attempt for token the caller is not entitled to', 'failed to build JWKS for introspection',
  'client credentials token issued', 'token exchanged', 'jwt-bearer token issued',
  'OIDC upstream unavailable during code exchange', 'OIDC code exchange failed', 'OIDC user provisioned',
  'OIDC login blocked for disabled user', 'OIDC provisioning refused: email belongs to another account',
  'created cimd client', 'updated cimd client', 'vault approle login successful', 'vault token renewal failed',
  'vault token renewed', 'admin UI login verified', 'system status db ping failed', 'purge completed',
  'purge failed', 'purge interrupted', 'purge aborted before op',
]);

// Catalogue messages that carry a variable tail, matched by prefix.
const CATALOGUE_PREFIXES: readonly string[] = [
  '=== authserver feature self-check ===', 'authserver boot aborted:', 'CORS is disabled',
  'cimd.allow_private_addresses=true', 'oauth.require_scope=false', 'session.fail_closed=false',
  'connect.redirect_base_url is empty', 'oidc.show_local_login=false', 'introspection: ',
  'mint dispatch denied', 'broker dispatch denied', 'fronted dispatch denied', 'token exchanged via ',
  'authorization code reuse detected', 'emitting consent_required without consent_url',
  'agent-attestation:', 'cimd auto-registration blocked', 'jwt_bearer: ', 'fronting link exists',
  'secret ref probe failed',
];

/** True when `msg` is an authserver catalogue message (authplane-facts.md §1.6). */
export function isCatalogueMessage(msg: string): boolean {
  if (CATALOGUE.has(msg)) return true;
  for (const p of CATALOGUE_PREFIXES) if (msg.startsWith(p)) return true;
  return false;
}

/** True for logger names of AuthPlane SDKs (`authplane.client`, `authplane_mcp.verifier`, `ai.authplane.sdk…`). */
export function isSdkLogger(name: unknown): boolean {
  return typeof name === 'string' && (name.startsWith('authplane') || name.startsWith('ai.authplane') || name.startsWith('Authplane'));
}

// Streams that are infrastructure, not an MCP server, when nothing in the line says otherwise.
const INFRA = /postgres|mysql|mariadb|redis|nginx|traefik|envoy|caddy|haproxy|vault|keycloak|otel|prometheus|grafana|jaeger|tempo|loki|collector|ingress|coredns|etcd|kube-/i;

const STREAM_UNKNOWN = 0;
const STREAM_AUTHSERVER = 1;
const STREAM_MCP = 2;
const STREAM_INFRA = 3;

/** Remembers, per stream, what kind of process it is, from the lines seen so far in the file. */
export class OriginTracker {
  private readonly streams = new Map<string, number>();
  // The last stream looked up and its kind: consecutive records nearly always share their stream.
  private lastSource: string | null = null;
  private lastKind: number | undefined = undefined;

  /** Sets `rec.origin` (unless the line parser already knew it) and learns the stream's kind. */
  decide(rec: LogRecord): void {
    let origin: LogOrigin = rec.origin;
    if (origin === 'other') origin = this.fromLine(rec);
    const kind = this.kindOf(rec.source);
    if (origin === 'authserver') {
      if (kind !== STREAM_AUTHSERVER) this.setKind(rec.source, STREAM_AUTHSERVER);
    } else if (origin === 'sdk') {
      if (kind !== STREAM_MCP && kind !== STREAM_AUTHSERVER) this.setKind(rec.source, STREAM_MCP);
    } else {
      origin = this.fromStream(rec, kind);
    }
    rec.origin = origin;
  }

  private kindOf(source: string): number | undefined {
    if (source === this.lastSource) return this.lastKind;
    this.lastSource = source;
    this.lastKind = this.streams.get(source);
    return this.lastKind;
  }

  private setKind(source: string, kind: number): void {
    this.streams.set(source, kind);
    this.lastSource = source;
    this.lastKind = kind;
  }

  private fromLine(rec: LogRecord): LogOrigin {
    if (rec.service !== undefined) {
      if (rec.service === 'authserver') return 'authserver';
    } else if (isCatalogueMessage(rec.msg)) {
      return 'authserver';
    }
    if (rec.format === 'generic-json') {
      const a = rec.attrs;
      if (isSdkLogger(a.logger) || isSdkLogger(a.name) || isSdkLogger(a.logger_name)) return 'sdk';
    }
    return 'other';
  }

  private fromStream(rec: LogRecord, kind: number | undefined): LogOrigin {
    if (kind === undefined) {
      kind = INFRA.test(rec.source) ? STREAM_INFRA : STREAM_UNKNOWN;
      this.setKind(rec.source, kind);
    }
    if (kind === STREAM_AUTHSERVER) return 'authserver';
    if (kind === STREAM_MCP) return 'mcp-server';
    if (kind === STREAM_INFRA) return 'other';
    // Unknown stream: a structured application log line that is not the authserver's is taken to
    // be the MCP server's own (checklist step 6: `msg="verified" sub=… aud=…`).
    return rec.format === 'plain' ? 'other' : 'mcp-server';
  }
}
