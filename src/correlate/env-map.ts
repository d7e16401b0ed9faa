// AUTHPLANE_* environment variables → YAML config keys (reference §5.6, docs/reference/env-vars.md).

const PREFIXED: [string, string, string[]][] = [
  // [env prefix, yaml prefix, suffixes]: AUTHPLANE_<P>_<S> → <yaml>.<s lowercased>
  ['SERVER', 'server', ['ISSUER', 'ADDRESS', 'ALLOWED_ORIGINS', 'READ_TIMEOUT', 'WRITE_TIMEOUT', 'IDLE_TIMEOUT', 'SHUTDOWN_WAIT']],
  ['ADMIN', 'admin', ['ENABLED', 'ADDRESS', 'API_KEY', 'AUDIT_DEFAULT_LOOKBACK', 'AUDIT_MAX_LOOKBACK']],
  ['SIGNING', 'signing', ['ALGORITHM', 'KEY_STORE', 'KEY_PATH']],
  ['SESSION', 'session', ['SECRET', 'SECURE', 'SAME_SITE', 'MAX_AGE', 'COOKIE_NAME', 'FAIL_CLOSED']],
  ['RATE_LIMIT', 'rate_limit', ['ENABLED', 'BURST', 'AUTH_FAIL_MAX', 'AUTH_FAIL_WINDOW', 'AUTH_LOCKOUT', 'MAX_TRACKED_IDENTITIES']],
  ['OAUTH', 'oauth', ['REQUIRE_SCOPE', 'DEFAULT_CLIENT_SCOPE', 'STATE_MAX_AGE']],
  ['DCR', 'dcr', ['MODE', 'RATE_LIMIT', 'RATE_LIMIT_BURST', 'DEFAULT_TOKEN_EXPIRY', 'DEFAULT_REFRESH_EXPIRY']],
  ['DPOP', 'dpop', ['ENABLED', 'PROOF_LIFETIME', 'NONCE_TTL', 'REQUIRE_NONCE']],
  ['CLIENT_CREDENTIALS', 'client_credentials', ['ENABLED', 'TOKEN_EXPIRY']],
  ['TOKEN_EXCHANGE', 'token_exchange', ['ENABLED', 'MAX_CHAIN_DEPTH', 'TOKEN_EXPIRY', 'ALLOW_SELF_EXCHANGE']],
  ['XAA', 'xaa', ['ENABLED', 'TOKEN_EXPIRY', 'MAX_ASSERTION_AGE', 'REQUIRE_RESOURCE', 'SUBJECT_MODE', 'JWKS_CACHE_TTL']],
  ['CIMD', 'cimd', ['ENABLED', 'REQUIRE_HTTPS', 'ALLOW_PRIVATE_ADDRESSES', 'CACHE_TTL', 'FETCH_TIMEOUT']],
  ['CONNECT', 'connect', ['REDIRECT_BASE_URL', 'STATE_SECRET', 'ALLOWED_RETURN_URLS']],
  ['TRACING', 'observability.tracing', ['ENABLED', 'ENDPOINT', 'INSECURE', 'SAMPLE_RATE']],
  ['METRICS', 'observability.metrics', ['PROVIDER', 'PATH', 'OTEL_ENDPOINT', 'INSECURE']],
  ['LOG', 'observability.logging', ['LEVEL', 'FORMAT', 'ADD_SOURCE']],
];

const EXPLICIT: Record<string, string> = {
  AUTHPLANE_STORAGE_DRIVER: 'storage.driver',
  AUTHPLANE_STORAGE_SQLITE_PATH: 'storage.sqlite.path',
  AUTHPLANE_STORAGE_SQLITE_WAL: 'storage.sqlite.wal',
  AUTHPLANE_STORAGE_POSTGRES_DSN: 'storage.postgres.dsn',
  AUTHPLANE_STORAGE_POSTGRES_MAX_CONNS: 'storage.postgres.max_conns',
  AUTHPLANE_STORAGE_POSTGRES_MIN_CONNS: 'storage.postgres.min_conns',
  AUTHPLANE_STORAGE_POSTGRES_MAX_CONN_LIFETIME: 'storage.postgres.max_conn_lifetime',
  AUTHPLANE_STORAGE_POSTGRES_MAX_CONN_IDLE_TIME: 'storage.postgres.max_conn_idle_time',
  AUTHPLANE_RATE_LIMIT_RPS: 'rate_limit.requests_per_second',
  AUTHPLANE_SIGNING_PG_ENCRYPTION_KEY_ENV: 'signing.postgres_key.encryption_key_env',
  AUTHPLANE_DATA_ENCRYPTION_DRIVER: 'data_encryption.driver',
  AUTHPLANE_DATA_ENCRYPTION_KEY_ENV: 'data_encryption.aes_master.key_env',
  AUTHPLANE_DATA_ENCRYPTION_VAULT_ADDRESS: 'data_encryption.vault_transit_encrypt.address',
  AUTHPLANE_DATA_ENCRYPTION_VAULT_AUTH_METHOD: 'data_encryption.vault_transit_encrypt.auth_method',
  AUTHPLANE_DATA_ENCRYPTION_VAULT_TOKEN_ENV: 'data_encryption.vault_transit_encrypt.token_env',
  AUTHPLANE_DATA_ENCRYPTION_VAULT_MOUNT_PATH: 'data_encryption.vault_transit_encrypt.mount_path',
  AUTHPLANE_DATA_ENCRYPTION_VAULT_KEY_NAME: 'data_encryption.vault_transit_encrypt.key_name',
  AUTHPLANE_DATA_ENCRYPTION_VAULT_ROLE_ID_ENV: 'data_encryption.vault_transit_encrypt.approle.role_id_env',
  AUTHPLANE_DATA_ENCRYPTION_VAULT_SECRET_ID_ENV: 'data_encryption.vault_transit_encrypt.approle.secret_id_env',
  AUTHPLANE_VAULT_ADDR: 'signing.vault_transit.address',
  AUTHPLANE_VAULT_TOKEN: 'signing.vault_transit.token',
  AUTHPLANE_VAULT_TRANSIT_MOUNT: 'signing.vault_transit.mount',
  AUTHPLANE_VAULT_TRANSIT_KEY_NAME: 'signing.vault_transit.key_name',
  AUTHPLANE_VAULT_TIMEOUT: 'signing.vault_transit.timeout',
  AUTHPLANE_VAULT_APPROLE_ROLE_ID: 'signing.vault_transit.approle.role_id',
  AUTHPLANE_VAULT_APPROLE_SECRET_ID: 'signing.vault_transit.approle.secret_id',
  AUTHPLANE_VAULT_APPROLE_MOUNT: 'signing.vault_transit.approle.mount',
  AUTHPLANE_LOG_STDOUT: 'observability.logging.outputs.stdout',
  AUTHPLANE_LOG_OTEL: 'observability.logging.outputs.otel',
  AUTHPLANE_LOG_OTEL_ENDPOINT: 'observability.logging.outputs.otel_endpoint',
  AUTHPLANE_LOG_OTEL_INSECURE: 'observability.logging.outputs.insecure',
  AUTHPLANE_CLIENT_SECRET_PEPPER: 'client_secret_pepper',
};
for (const [env, yaml, suffixes] of PREFIXED) {
  for (const s of suffixes) EXPLICIT[`AUTHPLANE_${env}_${s}`] ??= `${yaml}.${s.toLowerCase()}`;
}

/**
 * The YAML key an AUTHPLANE_* variable sets, or undefined for other variables. Variables not in the
 * table map by convention (`AUTHPLANE_OIDC_CLIENT_SECRET` → `oidc.client_secret`) and say so.
 */
export function envToYamlKey(name: string): { key: string; guessed: boolean } | undefined {
  const known = EXPLICIT[name];
  if (known) return { key: known, guessed: false };
  const m = /^AUTHPLANE_([A-Z0-9]+)_([A-Z0-9_]+)$/.exec(name);
  if (!m) return undefined;
  return { key: `${m[1]!.toLowerCase()}.${m[2]!.toLowerCase()}`, guessed: true };
}
