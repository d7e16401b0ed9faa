// The JSON/YAML/text documents an operator collects: health, AS metadata, JWKS, PRM, admin status,
// stats, config.yaml with its secrets, the AUTHPLANE_* env file and `authserver version` output.
import { stringify } from 'yaml';
import { isoSec } from './clock.ts';
import { asKeyA, asKeyB, asKeyC, otherKey, publicJwk, type SampleKey } from './keys.ts';
import type { World } from './world.ts';

const ALL_KEYS: SampleKey[] = [asKeyA, asKeyB, asKeyC, otherKey];

/** Pretty JSON with a trailing newline, as `curl … | jq .` leaves it. */
export function jq(v: unknown): string {
  return `${JSON.stringify(v, null, 2)}\n`;
}

/** Compact JSON with a newline, as Go's json.Encoder writes a response body. */
export function compact(v: unknown): string {
  return `${JSON.stringify(v)}\n`;
}

/** `GET /health` body for the world's health state. */
export function health(w: World, t: number): Record<string, string> {
  return w.state.health === 'degraded'
    ? { status: 'degraded', time: isoSec(t), db: 'error' }
    : { status: 'ok', time: isoSec(t), db: 'ok' };
}

/** AS metadata in authserver's key order (golden file, 0.2.x additions at the end). */
export function asMetadata(w: World): Record<string, unknown> {
  const iss = w.state.asIssuer;
  return {
    issuer: iss,
    authorization_endpoint: `${iss}/oauth/authorize`,
    token_endpoint: `${iss}/oauth/token`,
    registration_endpoint: `${iss}/oauth/register`,
    revocation_endpoint: `${iss}/oauth/revoke`,
    introspection_endpoint: `${iss}/oauth/introspect`,
    jwks_uri: `${iss}/.well-known/jwks.json`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:token-exchange'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: w.state.scopesSupported,
    resource_indicators_supported: true,
    client_id_metadata_document_supported: true,
    dpop_signing_alg_values_supported: ['ES256', 'RS256', 'PS256'],
    authplane_agent_identity_supported: true,
    authorization_response_iss_parameter_supported: true,
  };
}

/** JWKS with the keys named by kid in world state. */
export function jwks(kids: string[]): Record<string, unknown> {
  return { keys: kids.map((kid) => publicJwk(ALL_KEYS.find((k) => k.kid === kid)!)) };
}

/** The Go SDK's PRM (scopes_supported only when non-empty). */
export function defaultPrm(w: World): Record<string, unknown> {
  return {
    resource: w.setup.resource,
    authorization_servers: [w.setup.issuer],
    bearer_methods_supported: ['header'],
    scopes_supported: w.setup.scopes,
  };
}

/** `/admin/system/status`. */
export function systemStatus(w: World, uptimeSecs: number): Record<string, unknown> {
  const d = Math.floor(uptimeSecs / 86400);
  const h = Math.floor((uptimeSecs % 86400) / 3600);
  const m = Math.floor((uptimeSecs % 3600) / 60);
  const s = uptimeSecs % 60;
  return {
    version: w.servers[0]!.version,
    uptime: `${d}d ${h}h ${m}m ${s}s`,
    uptime_secs: uptimeSecs,
    subsystems: [
      { name: 'storage', status: w.state.health === 'degraded' ? 'unhealthy' : 'healthy', driver: w.setup.storage },
      { name: 'signing', status: 'healthy', driver: String((w.state.config.signing as Record<string, unknown>)?.key_store ?? 'keyfile') },
      { name: 'encryption', status: 'not_configured' },
    ],
  };
}

/** Plant the usual secrets and build config.yaml state and the env file. */
export function initConfig(w: World): void {
  const r = w.rng;
  const adminKey = w.secret(r.hex(64));
  const session = w.secret(r.hex(64));
  const pgPass = w.secret(`pg-${r.b64url(20)}`);
  const oidcSecret = w.secret(`GOCSPX-${r.b64url(28)}`);
  const stateSecret = w.secret(r.hex(64));
  const connector = w.secret(r.hex(40));
  const s = w.setup;
  w.state.config = {
    server: { issuer: s.issuer, address: ':9000', allowed_origins: ['https://inspector.acme.dev', 'https://app.acme.dev'] },
    admin: { enabled: true, address: ':9001', api_key: adminKey },
    storage: s.storage === 'postgres'
      ? { driver: 'postgres', postgres: { dsn: `postgres://authplane:${pgPass}@pg-primary.db.svc:5432/authplane?sslmode=require`, max_conns: 25 } }
      : { driver: 'sqlite', sqlite: { path: '/var/lib/authserver/authserver.db', wal: true } },
    signing: { algorithm: 'ES256', key_store: 'keyfile', key_path: '/var/lib/authserver/keys' },
    session: { secret: session, secure: true, same_site: 'lax' },
    oauth: { require_scope: true },
    dcr: { mode: 'open', default_token_expiry: '15m' },
    dpop: { enabled: true, proof_lifetime: '60s', require_nonce: false },
    oidc: { issuer: 'https://accounts.google.com', client_id: '4417-authplane.apps.googleusercontent.com', client_secret: oidcSecret },
    connect: { redirect_base_url: s.issuer, state_secret: stateSecret },
    observability: {
      logging: { level: 'info', format: s.logFormat === 'slog-json' ? 'json' : 'text' },
      metrics: { provider: 'prometheus' },
      tracing: { enabled: s.tracing, endpoint: 'otel-collector.observability.svc:4317', sample_rate: 1.0 },
    },
  };
  w.state.env = {
    AUTHPLANE_SERVER_ISSUER: s.issuer,
    AUTHPLANE_LOG_LEVEL: 'info',
    CONNECTOR_GITHUB_CLIENT_ID: 'Iv23liQp7yT2xKcW3m9A',
    CONNECTOR_GITHUB_SECRET: connector,
  };
}

/** config.yaml as the operator attached it (secrets and all). */
export function configYaml(w: World): string {
  return `# authserver configuration (mounted from ConfigMap/Secret)\n${stringify(w.state.config, { lineWidth: 0 })}`;
}

/** The AUTHPLANE_* / CONNECTOR_* environment as `env | sort` shows it. */
export function envFile(w: World): string {
  return Object.keys(w.state.env).sort().map((k) => `${k}=${w.state.env[k]}`).join('\n') + '\n';
}
