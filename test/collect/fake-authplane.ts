// Local HTTP servers on 127.0.0.1 that answer like AuthPlane (public and admin port) and an MCP
// server, with the shapes of authplane-facts.md §3–§5, for the collect tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const ADMIN_KEY = 'apk_live_S3cr3tAdminKey_4f9c2b7e1d';

/** §5.2 golden AS metadata, all features on. */
export const AS_METADATA = {
  issuer: 'https://auth.example.com',
  authorization_endpoint: 'https://auth.example.com/oauth/authorize',
  token_endpoint: 'https://auth.example.com/oauth/token',
  registration_endpoint: 'https://auth.example.com/oauth/register',
  revocation_endpoint: 'https://auth.example.com/oauth/revoke',
  introspection_endpoint: 'https://auth.example.com/oauth/introspect',
  jwks_uri: 'https://auth.example.com/.well-known/jwks.json',
  response_types_supported: ['code'],
  grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials', 'urn:ietf:params:oauth:grant-type:token-exchange', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
  token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
  introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
  code_challenge_methods_supported: ['S256'],
  scopes_supported: ['tools/query_database', 'tools/create_ticket'],
  resource_indicators_supported: true,
  client_id_metadata_document_supported: true,
  dpop_signing_alg_values_supported: ['ES256', 'RS256', 'PS256'],
  authplane_agent_identity_supported: true,
  identity_assertion_supported: true,
};

/** §5.3: the current key and the previous one. */
export const JWKS = {
  keys: [
    { use: 'sig', kty: 'EC', kid: 'Qm9vdHN0cmFwS2V5MDAwMQ', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', alg: 'ES256' },
    { use: 'sig', kty: 'EC', kid: 'UHJldmlvdXNLZXkwMDAwMg', crv: 'P-256', x: 'MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4', y: '4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM', alg: 'ES256' },
  ],
};

/** §4.2 audit rows (bare array objects). */
export function auditRows(n: number): Record<string, string>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `AuditRow${String(i).padStart(14, '0')}`,
    action: i % 2 === 0 ? 'token.issued' : 'consent.granted',
    actor_id: 'user-42', client_id: 'my-client', ip: '203.0.113.9',
    detail: `family=fam${i}`, trace_id: '',
    created_at: new Date(Date.UTC(2026, 9, 3, 9, 16, i)).toISOString().replace('.000Z', 'Z'),
  }));
}

/** §3 Prometheus text whose counters grow with every scrape. */
export function metricsText(scrape: number): string {
  return [
    '# HELP authserver_tokens_issued_total Tokens issued',
    '# TYPE authserver_tokens_issued_total counter',
    `authserver_tokens_issued_total{grant_type="authorization_code"} ${40 + scrape * 2}`,
    '# HELP authserver_http_requests_total All HTTP requests',
    '# TYPE authserver_http_requests_total counter',
    `authserver_http_requests_total{http_method="POST",http_route="/oauth/token",http_status_code="200"} ${100 + scrape * 10}`,
    '# HELP authserver_active_token_families Outstanding token families',
    '# TYPE authserver_active_token_families gauge',
    'authserver_active_token_families 12',
    '',
  ].join('\n');
}

export interface Recorded { path: string; query: URLSearchParams; authorization?: string; port: 'public' | 'admin' | 'mcp' }

export interface FakeOptions {
  /** /health answers 503 degraded (DB ping failed). */
  isDegraded?: boolean;
  /** Public paths that never answer (to test timeouts). */
  hangPaths?: string[];
  auditRows?: number;
  /** Answer the first audit request with 429 slow_down. */
  isSlowDownOnce?: boolean;
  /** The MCP server serves no PRM, and/or no resource_metadata in its 401. */
  hasPrm?: boolean;
  hasResourceMetadata?: boolean;
  /** The path the 401 advertises as resource_metadata (default: where the PRM is served). */
  advertisedPrmPath?: string;
}

export interface Fake {
  publicUrl: string;
  adminUrl: string;
  mcpUrl: string;
  requests: Recorded[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Start the three servers. */
export async function startFake(o: FakeOptions = {}): Promise<Fake> {
  const requests: Recorded[] = [];
  const record = (req: IncomingMessage, port: Recorded['port']) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: u.pathname, query: u.searchParams, authorization: req.headers.authorization, port });
    return u;
  };
  const time = '2026-10-03T09:20:00Z';
  const pub = await listen((req, res) => {
    const u = record(req, 'public');
    if (o.hangPaths?.includes(u.pathname)) return; // never answers
    switch (u.pathname) {
      case '/health':
        return o.isDegraded ? json(res, 503, { status: 'degraded', time, db: 'error' }) : json(res, 200, { status: 'ok', time, db: 'ok' });
      case '/ready':
        return json(res, 200, { status: 'ready', time, db: 'ok' });
      case '/livez':
        return json(res, 200, { status: 'alive', time });
      case '/.well-known/oauth-authorization-server':
      case '/.well-known/openid-configuration':
        return json(res, 200, AS_METADATA, { 'cache-control': 'public, max-age=3600' });
      case '/.well-known/jwks.json':
        return json(res, 200, JWKS, { 'cache-control': 'public, max-age=3600' });
      default:
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        return res.end('404 page not found\n');
    }
  });
  let scrapes = 0;
  let isSlowDownPending = o.isSlowDownOnce ?? false;
  const rows = auditRows(o.auditRows ?? 0);
  const admin = await listen((req, res) => {
    const u = record(req, 'admin');
    if (u.pathname === '/metrics') {
      scrapes++;
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      return res.end(metricsText(scrapes));
    }
    if (req.headers.authorization !== `Bearer ${ADMIN_KEY}`) return json(res, 401, { error: 'unauthorized', error_description: 'invalid admin api key' });
    switch (u.pathname) {
      case '/admin/system/status':
        return json(res, 200, { version: '0.2.2', uptime: '1d 2h 3m 4s', uptime_secs: 93784, subsystems: [{ name: 'storage', status: o.isDegraded ? 'unhealthy' : 'healthy', driver: 'postgres' }, { name: 'signing', status: 'healthy', driver: 'keyfile' }] });
      case '/admin/system/config':
        return json(res, 200, { config: { server: { issuer: 'https://auth.example.com' }, storage: { driver: 'postgres' } }, notices: [] });
      case '/admin/stats':
        return json(res, 200, { clients: 3, users: 12, active_tokens_24h: 40, revoked_tokens: 2, connections: 0 });
      case '/admin/audit': {
        if (isSlowDownPending) {
          isSlowDownPending = false;
          return json(res, 429, { error: 'slow_down', error_description: 'rate limit exceeded' });
        }
        const offset = Number(u.searchParams.get('offset') ?? 0);
        const limit = Number(u.searchParams.get('limit') ?? 50);
        return json(res, 200, rows.slice(offset, offset + limit));
      }
      default:
        return json(res, 404, { error: 'not_found' });
    }
  });
  const mcp = await listen((req, res) => {
    const u = record(req, 'mcp');
    const base = `http://127.0.0.1:${(req.socket.address() as AddressInfo).port}`;
    if (u.pathname === '/mcp') {
      const www = o.hasResourceMetadata === false ? 'Bearer realm="mcp"' : `Bearer resource_metadata="${base}${o.advertisedPrmPath ?? '/.well-known/oauth-protected-resource/mcp'}"`;
      return json(res, 401, { error: 'invalid_token', error_description: 'missing bearer token' }, { 'www-authenticate': www });
    }
    if (u.pathname === '/.well-known/oauth-protected-resource/mcp' && o.hasPrm !== false) {
      return json(res, 200, { resource: `${base}/mcp`, authorization_servers: ['https://auth.example.com'], scopes_supported: ['tools/query_database'], bearer_methods_supported: ['header'] });
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    return res.end('404 page not found\n');
  });
  const servers = [pub.server, admin.server, mcp.server];
  return {
    publicUrl: pub.url, adminUrl: admin.url, mcpUrl: `${mcp.url}/mcp`, requests,
    async close() {
      for (const s of servers) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (connections are refused). */
export async function refusedPort(): Promise<string> {
  const { server, url } = await listen(() => undefined);
  await new Promise<void>((r) => server.close(() => r()));
  return url;
}
