// Classifies a field name (JSON/YAML/env key, slog attr, header, query parameter) for the redactor:
// secret-bearing, an identity to pseudonymize, a debugging id to keep, or neutral.

/** What kind of secret a place holds; these names appear in the redaction summary. */
export type SecretKind =
  | 'jwt' | 'private-key' | 'authorization-header' | 'cookie' | 'password' | 'dsn-credentials'
  | 'vault-token' | 'client-secret' | 'api-key' | 'session-secret' | 'refresh-token' | 'access-token'
  | 'authorization-code' | 'pkce' | 'connector-secret' | 'encryption-key' | 'assertion' | 'secret'
  | 'well-known-token' | 'oauth-state' | 'key-material';

/** Pseudonymized identity kinds. */
export type IdentityKind = 'user' | 'email' | 'ip' | 'host' | 'session';

export type KeyClass =
  /** `count`: a plural name (`revoked_tokens`) whose plain number is a count, not a secret. */
  | { kind: 'secret'; secret: SecretKind; dsn?: boolean; header?: boolean; count?: boolean }
  | { kind: 'identity'; identity: IdentityKind }
  | { kind: 'debug' }
  /**
   * `suspect`: the name is about a secret (`session_secret_file`) or may hold one (`state`): a value
   * shaped like a credential is redacted. `keyId`: the name is a key's id (`token_kid`), whose value
   * is kept while it has a kid's shape.
   */
  | { kind: 'neutral'; suspect?: SecretKind; keyId?: boolean };

const DEBUG: KeyClass = { kind: 'debug' };
const NEUTRAL: KeyClass = { kind: 'neutral' };

// Debugging ids and fields that never hold a secret or an identity, kept verbatim.
const DEBUG_KEYS = new Set([
  'trace_id', 'traceid', 'request_id', 'requestid', 'x_request_id', 'span_id', 'spanid', 'parent_span_id',
  'kid', 'jti', 'family_id', 'token_id', 'grant_id', 'issuance_id', 'audit_id', 'id', 'observed_at',
  'time', 'ts', 'timestamp', 'level', 'created_at', 'updated_at', 'expires_at', 'exp', 'iat', 'nbf',
  'status', 'http_status_code', 'status_code', 'duration_ms', 'duration', 'bytes', 'method', 'http_method',
  'path', 'http_route', 'route', 'action', 'component', 'service', 'token_type', 'key_count', 'alg',
  'typ', 'grant_type', 'reason', 'outcome', 'result', 'version', 'jwks_uri', 'token_endpoint',
  'client_id', 'subject_client_id', 'requesting_client', 'subject_client', 'actor_client', 'provider',
  'exchange_type', 'fail_mode', 'le', 'quantile', 'instance', 'job', '__name__', 'kty', 'use', 'crv',
  // Public members of a JWK: published in every JWKS, and long base64 that would otherwise look like key material.
  'n', 'e', 'x', 'y', 'x5c', 'x5t', 'x5t#s256',
  // Hashes and thumbprints sent or published in the clear: a token hash, a DPoP key thumbprint.
  'ath', 'at_hash', 'c_hash', 'jkt',
]);

// Identity fields, pseudonymized with a keyed hash (stable within one redactor).
const IDENTITY_KEYS = new Map<string, IdentityKind>([
  ['user_id', 'user'], ['userid', 'user'], ['user', 'user'], ['sub', 'user'], ['subject', 'user'],
  ['actor_id', 'user'], ['actor', 'user'], ['username', 'user'], ['user_name', 'user'],
  ['preferred_username', 'user'], ['idp_subject', 'user'], ['provider_sub', 'user'], ['owner', 'user'],
  ['given_name', 'user'], ['family_name', 'user'], ['display_name', 'user'], ['stale_session', 'user'],
  ['email', 'email'], ['user_email', 'email'], ['mail', 'email'],
  ['ip', 'ip'], ['remote_addr', 'ip'], ['remote_ip', 'ip'], ['client_ip', 'ip'], ['source_ip', 'ip'],
  ['x_forwarded_for', 'ip'], ['x_real_ip', 'ip'], ['peer_addr', 'ip'],
  ['hostname', 'host'], ['host_name', 'host'],
  ['session_id', 'session'], ['auth_session_id', 'session'], ['sid', 'session'], ['session', 'session'],
]);

// Whole keys that are secret whatever their last word says.
const SECRET_KEYS = new Map<string, SecretKind>([
  ['secret_id', 'vault-token'], ['role_id', 'vault-token'], ['approle_secret_id', 'vault-token'],
  ['code', 'authorization-code'], ['auth_code', 'authorization-code'], ['authorization_code', 'authorization-code'],
  ['code_verifier', 'pkce'], ['code_challenge', 'pkce'], ['pkce_verifier', 'pkce'],
  ['dpop', 'jwt'], ['set_cookie', 'cookie'], ['cookie', 'cookie'], ['dsn', 'dsn-credentials'],
  // Session cookies by name: AuthPlane's default `session.cookie_name`, and the usual framework ones.
  ['authserver_session', 'cookie'], ['jsessionid', 'cookie'], ['phpsessid', 'cookie'],
  ['authorization', 'authorization-header'], ['proxy_authorization', 'authorization-header'],
  ['client_secret_pepper', 'secret'], ['pepper', 'secret'], ['state_secret', 'secret'],
  ['assertion', 'assertion'], ['client_assertion', 'assertion'], ['subject_token', 'access-token'],
  ['actor_token', 'access-token'], ['private_key', 'private-key'], ['jwt', 'jwt'], ['bearer', 'access-token'],
]);

// A key whose last word is one of these names a setting *about* a secret (its file, env var,
// lifetime, count), never the secret itself.
const META_LAST = new Set([
  'env', 'ref', 'file', 'path', 'name', 'names', 'type', 'types', 'endpoint', 'uri', 'url', 'expiry', 'expires', 'at', 'ttl',
  'count', 'length', 'lifetime', 'age', 'store', 'mode', 'method', 'methods', 'supported', 'enabled',
  'required', 'algorithm', 'alg', 'hint', 'id', 'ids', 'kid', 'mount', 'timeout', 'size', 'format', 'header',
  'location', 'source', 'driver', 'total', 'seconds', 'ms', 'rotation', 'version', 'status', 'accessor',
  // Policy settings: `password_max_attempts`, `password_history`, `password_hash_cost`.
  'attempts', 'history', 'cost', 'threshold', 'days', 'limit', 'retries', 'rounds', 'max', 'min', 'interval', 'policy',
  // Facts about the secret: `secret_configured=true`, `session_secret_bytes=32`, `password_changed_at`.
  'bytes', 'len', 'configured', 'set', 'present', 'provided', 'loaded', 'missing', 'exists', 'changed', 'expired',
  // Where it is read from: `--password-stdin`.
  'stdin',
]);

// Keys that are not cryptographic: an idempotency or cache key, a database or object key.
const PLAIN_KEY_FIRST = new Set(['config', 'setting', 'idempotency', 'cache', 'partition', 'sort', 'primary', 'foreign', 'object', 'routing', 'lookup', 'map', 'dedup', 'dedupe', 'hash', 's3', 'row', 'shard']);

// A first word that makes the name a count or a bound: `max_tokens`, `num_keys`.
const COUNT_FIRST = new Set(['max', 'min', 'num', 'total', 'count']);

// A word before the last that makes the name an error's: `reasonInvalidCredentials`,
// `ErrInvalidToken`, `LoginFailReasonInvalidCredentials` name an error code (whose value is the
// code, `invalid_credentials`), not a credential: a setting about the secret, like META_LAST's.
const ERROR_WORDS = new Set(['reason', 'reasons', 'err']);

const SECRET_WORDS: [string, SecretKind][] = [
  ['password', 'password'], ['passwd', 'password'], ['pwd', 'password'], ['passphrase', 'password'],
  ['credential', 'secret'], ['credentials', 'secret'], ['apikey', 'api-key'], ['pepper', 'secret'],
  // Data- and key-encryption keys (`AUTHPLANE_DEK`, `VAULT_KEK`): the aes_master key under the name an operator chose.
  ['dek', 'encryption-key'], ['kek', 'encryption-key'],
];

// A last word that only says how the value is written or that it is one: `MASTER_KEY_HEX` is the
// master key, `upstream_token_value` the token.
const ENCODING_SUFFIX = /_(?:hex|b64|base64|value)$/;

// Private members of a JWK (EC/RSA private parts, symmetric `k`): a leaked private key in a JWKS.
const JWK_PRIVATE = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']);

// Names that hold an opaque value only sometimes: the OAuth `state` (also a health or circuit state),
// signatures of pre-signed URLs (also a verdict such as `signature=invalid`).
const SUSPECT_KEYS = new Map<string, SecretKind>([
  ['state', 'oauth-state'], ['oauth_state', 'oauth-state'], ['signature', 'secret'], ['sig', 'secret'],
  // Docker's config.json: `auth` is base64 of `user:password`.
  ['auth', 'password'],
]);

const HEADERS_WITH_SCHEME = new Set(['authorization', 'proxy_authorization']);

/** Audit actions whose `detail` starts with the affected user's id (authplane-facts.md, audit actions). */
export const USER_DETAIL_ACTIONS = new Set(['user.disabled', 'user.updated', 'user.deleted', 'user.force_logout', 'user.created']);
/** Actor ids that name a role, not a person. */
export const ROLE_ACTORS = new Set(['admin', 'system', 'anonymous', '-', '']);

const cache = new Map<string, KeyClass>();

/**
 * Lower-case, camelCase and `-`/space split into `_`, keep dots. `X-Api-Key` → `x_api_key`. A colon
 * separates path segments like a dot (.NET configuration: `Authplane:ClientSecret`).
 */
export function normalizeKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().replace(/[-\s]+/g, '_').replace(/:/g, '.');
}

/** A private member of a JWK (`d`, `k`, …): a secret only inside an object that is a JWK. */
export function isJwkPrivateMember(key: string): boolean {
  return JWK_PRIVATE.has(key);
}

/** Classify a field name; dotted names (`session.secret`, `http.header.cookie`) use their last segment. */
export function classifyKey(key: string): KeyClass {
  let c = cache.get(key);
  if (c === undefined) {
    c = classifyUncached(key);
    if (cache.size < 10_000) cache.set(key, c);
  }
  return c;
}

function classifyUncached(key: string): KeyClass {
  const norm = normalizeKey(key);
  const bare = norm.replace(ENCODING_SUFFIX, '');
  if (bare !== norm && bare !== '' && !bare.endsWith('.')) return classifyUncached(bare);
  const dot = norm.lastIndexOf('.');
  const leaf = dot >= 0 ? norm.slice(dot + 1) : norm;
  if (DEBUG_KEYS.has(leaf)) return DEBUG;
  const keyId = keyIdClass(norm, leaf);
  if (keyId) return keyId;
  const identity = IDENTITY_KEYS.get(leaf);
  if (identity) return { kind: 'identity', identity };
  if (JWK_PRIVATE.has(leaf)) return secret('private-key');
  // A bare `key` names a cache entry, a rate-limit bucket or a setting as often as key material.
  if (norm === 'key') return { kind: 'neutral', suspect: 'secret' };
  const words = leaf.split('_').filter(Boolean);
  const last = words[words.length - 1] ?? '';
  if (words.length > 1 && COUNT_FIRST.has(words[0]!)) return NEUTRAL;
  if (words.slice(0, -1).some((w) => ERROR_WORDS.has(w))) {
    // Key material pasted under such a name is still redacted.
    const about = classifyUncached(words.filter((w) => !ERROR_WORDS.has(w)).join('_'));
    return about.kind === 'secret' ? { kind: 'neutral', suspect: about.secret } : NEUTRAL;
  }
  // The kind is named from the whole path (`signing.vault_transit.token` is a Vault token).
  const all = norm.split(/[._]/).filter(Boolean);
  // CONNECTOR_<NAME>_SECRET (broker upstream secrets)
  if (words[0] === 'connector' && words.includes('secret')) return secret('connector-secret');
  const exact = SECRET_KEYS.get(leaf) ?? SECRET_KEYS.get(last) ?? SECRET_KEYS.get(words.slice(-2).join('_'))
    ?? SECRET_KEYS.get(words.slice(-3).join('_'));
  if (exact) {
    return { kind: 'secret', secret: exact, dsn: exact === 'dsn-credentials', header: HEADERS_WITH_SCHEME.has(leaf) };
  }
  if (META_LAST.has(last)) {
    // `session_secret_file` names where a secret lives; a secret pasted there by mistake is still one.
    const about = words.length > 1 ? classifyUncached(norm.slice(0, norm.length - last.length - 1)) : NEUTRAL;
    return about.kind === 'secret' ? { kind: 'neutral', suspect: about.secret } : NEUTRAL;
  }
  const suspect = SUSPECT_KEYS.get(leaf) ?? SUSPECT_KEYS.get(last);
  if (suspect) return { kind: 'neutral', suspect };
  for (const [w, k] of SECRET_WORDS) if (words.includes(w)) return secret(k);
  // Glued names: PGPASSWORD, DBPASSWORD, clientsecret; the short `DB_PASS`, `PGPASS`.
  if (/(?:password|passwd)$/.test(last) || last === 'pass' || last === 'pgpass' || last === 'dbpass') return secret('password');
  if (last.endsWith('secret') && last !== 'secret') return secret('secret');
  if (words.includes('secret')) {
    if (all.includes('session')) return secret('session-secret');
    if (all.includes('client')) return secret('client-secret');
    return secret('secret');
  }
  if (last === 'token' || last === 'tokens') {
    const kind = all.includes('refresh') ? 'refresh-token' : all.includes('vault') ? 'vault-token' : 'access-token';
    return last === 'tokens' ? { kind: 'secret', secret: kind, count: true } : secret(kind);
  }
  if (last === 'key') {
    if (words.length === 2 && PLAIN_KEY_FIRST.has(words[0]!)) return NEUTRAL;
    if (all.includes('api') || all.includes('admin')) return secret('api-key');
    if (all.includes('encryption') || all.includes('master') || all.includes('aes')) return secret('encryption-key');
    if (all.includes('private') || all.includes('signing')) return secret('private-key');
    return secret('secret');
  }
  if (last === 'verifier' && words.includes('code')) return secret('pkce');
  if (last === 'challenge' && words.includes('code')) return secret('pkce');
  return NEUTRAL;
}

// Names of a public key's id or thumbprint (`old_kid`, `token_kid`, `dpop_jkt`, `signing_key_id`,
// `kids`): a thumbprint is 43 base64url characters that would otherwise read as key material. An
// AWS `access_key_id` is half of a credential pair and stays out.
const KEY_ID_NAME = /(?:^|_)(?:kids?|jkt|thumbprints?|x5t|key_?ids?)$/;

/**
 * A key-id name's class: a debugging id, or when the rest of the name is a secret's (`token_kid`,
 * `signing.key_id`) a place whose kid-shaped values are kept and whose key material is not.
 */
function keyIdClass(norm: string, leaf: string): KeyClass | undefined {
  if (!KEY_ID_NAME.test(leaf) || leaf.includes('access')) return undefined;
  const about = norm.replace(/_?(?:kids?|jkt|thumbprints?|x5t|ids?)$/, '');
  const c = about !== '' && !about.endsWith('.') ? classifyUncached(about) : NEUTRAL;
  return c.kind === 'secret' ? { kind: 'neutral', suspect: c.secret, keyId: true } : DEBUG;
}

function secret(s: SecretKind): KeyClass {
  return { kind: 'secret', secret: s };
}
