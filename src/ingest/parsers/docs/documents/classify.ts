// Names a JSON document's kind from its content (the file name only breaks ties), or a request path's kind.
import type { DocumentKind } from '../../../types.ts';
import { isObject } from '../util/json-head.ts';

const HEALTH: Record<string, DocumentKind> = {
  ok: 'health', degraded: 'health', ready: 'ready', not_ready: 'ready', alive: 'livez',
};
const CONFIG_SECTIONS = new Set([
  'server', 'admin', 'storage', 'signing', 'session', 'oauth', 'dcr', 'dpop', 'rate_limit', 'observability',
  'client_credentials', 'token_exchange', 'xaa', 'cimd', 'oidc', 'connect', 'data_encryption',
]);
const STATS_KEYS = ['clients', 'users', 'active_tokens_24h', 'revoked_tokens', 'connections'];

/** Kind of document a request path serves (`/.well-known/jwks.json` → jwks), or null. */
export function kindFromPath(path: string | undefined): DocumentKind | null {
  if (!path) return null;
  const p = path.replace(/[?#].*$/, '').replace(/\/+$/, '');
  if (p.endsWith('/jwks.json') || p.endsWith('/jwks')) return 'jwks';
  if (p.includes('/.well-known/oauth-authorization-server')) return 'as-metadata';
  if (p.includes('/.well-known/openid-configuration')) return 'openid-configuration';
  if (p.includes('/.well-known/oauth-protected-resource')) return 'prm';
  if (p.endsWith('/admin/system/status')) return 'admin-status';
  if (p.endsWith('/admin/system/config')) return 'admin-config';
  if (p.endsWith('/admin/stats')) return 'admin-stats';
  if (p.endsWith('/admin/auth/verify')) return 'admin-auth-verify';
  if (p.endsWith('/health') || p.endsWith('/healthz')) return 'health';
  if (p.endsWith('/ready') || p.endsWith('/readyz')) return 'ready';
  if (p.endsWith('/livez')) return 'livez';
  return null;
}

function healthKind(o: Record<string, unknown>, name: string): DocumentKind | null {
  if (typeof o.status !== 'string') return null;
  const kind = HEALTH[o.status];
  const keys = Object.keys(o).length;
  const byName = /livez|ready|health/i.exec(name)?.[0].toLowerCase();
  if (!kind || keys > 5 || !('time' in o || 'db' in o || byName)) return null;
  // `{"status":"ok"}` from /ready has no kind-specific value: let the name decide.
  if (byName === 'ready' && kind === 'health') return 'ready';
  if (byName === 'livez' && kind === 'health') return 'livez';
  return kind;
}

/** The DocumentKind of a parsed JSON value; `other-json` when nothing specific fits. */
export function classifyJson(v: unknown, name: string): DocumentKind {
  if (!isObject(v)) return 'other-json';
  const o = v;
  const health = healthKind(o, name);
  if (health) return health;
  if (typeof o.issuer === 'string' && ('authorization_endpoint' in o || 'token_endpoint' in o || 'jwks_uri' in o)) {
    return /openid/i.test(name) ? 'openid-configuration' : 'as-metadata';
  }
  if (Array.isArray(o.keys)) return 'jwks';
  if (typeof o.resource === 'string' && 'authorization_servers' in o) return 'prm';
  if (typeof o.version === 'string' && ('uptime' in o || 'uptime_secs' in o || 'subsystems' in o)) return 'admin-status';
  if (typeof o.tool === 'string' && Array.isArray(o.items)) return 'manifest';
  if ('catalog_id' in o || (Array.isArray(o.cases) && isObject(o.summary))) return 'conformance-report';
  if (Array.isArray(o.notices) || isObject(o.config)) return 'admin-config';
  if (Object.keys(o).filter((k) => CONFIG_SECTIONS.has(k)).length >= 3) return 'admin-config';
  if (STATS_KEYS.filter((k) => k in o).length >= 3) return 'admin-stats';
  // `{"valid":true,"version":"0.2.2"}`: exactly these two keys, so a stray `valid` flag elsewhere is not taken.
  if (typeof o.valid === 'boolean' && typeof o.version === 'string' && Object.keys(o).length === 2) return 'admin-auth-verify';
  return 'other-json';
}
