// An hour of ordinary traffic around every failure: logins, token issuance and refresh, verified MCP
// calls, machine tokens, discovery and JWKS fetches, probes and scrapes, bot 404s, and normal noise
// (a mistyped password, an occasional `verifier=invalid` code replay).
import { BASE, MINUTE, SECOND } from './clock.ts';
import { prmFetch, pickTool, rsCall } from './rs.ts';
import type { Client, Server, Tok, User, World } from './world.ts';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36';
const CLIENTS: [string, string][] = [
  ['Claude Code', 'claude-code/2.0.14 (cli)'], ['Cursor', 'Cursor/1.7.2 (darwin arm64)'],
  ['MCP Inspector', 'node'], ['VS Code', 'vscode-mcp/1.104.0'],
];
const RS_UA = { go: 'Go-http-client/1.1', python: 'python-httpx/0.28.1', 'python-json': 'python-httpx/0.28.1', ts: 'node' } as const;

/** Fill the world with the background hour (up to the collection time). */
export function background(w: World): void {
  const r = w.rng;
  w.users = Array.from({ length: 26 }, () => ({ id: r.uuid(), ip: `${r.pick(['203.0.113', '198.51.100', '192.0.2'])}.${r.int(2, 250)}` }));
  w.clients = CLIENTS.map(([name, ua]) => ({ id: r.b64url(22), name, ua }));
  const end = BASE + Math.min(w.setup.collectedAt, 60) * MINUTE;
  probesAndScrapes(w, end);
  rsJwks(w, end);
  machineTokens(w, end);
  bots(w);
  // Sessions that started before the hour, then new logins through it.
  for (let i = 0; i < Math.round(10 * w.setup.rate); i++) session(w, BASE + r.int(0, 120) * SECOND, end, r.pick(w.users), r.pick(w.clients), true);
  for (const t of w.minutes(0, 58)) if (r.chance(0.7 * w.setup.rate)) session(w, t, end, r.pick(w.users), r.pick(w.clients), false);
  noise(w, end);
}

/** Current signing kid, token issuer and audience, from hooks or the setup. */
export function mint(w: World, t: number, user: User, client: Client, familyId: string): Tok {
  const kid = w.hooks.signingKid?.(t) ?? w.setup.keys[0]!.kid;
  return {
    sub: user.id, clientId: client.id, scope: w.hooks.tokenScope?.(t, client.id) ?? w.setup.scopes.join(' '), kid,
    aud: w.hooks.audience?.(t, client.id) ?? [w.setup.resource], iss: w.hooks.tokenIssuer?.(t) ?? w.state.asIssuer,
    iat: t, exp: t + 15 * MINUTE, jti: w.rng.b64url(22), familyId,
  };
}

/** Authorization-code flow through the browser, then the token request. Null when no server is up. */
export function login(w: World, t: number, user: User, client: Client): Tok | null {
  if (w.allDown(t)) return null;
  const srv = w.pick(t);
  const r = w.rng;
  const remote = () => w.remoteFor(user);
  const session = r.b64url(22);
  const consent = r.chance(0.4);
  w.http(srv, t, { method: 'GET', path: '/oauth/authorize', status: 303, remote: remote(), ua: BROWSER }, (q) =>
    w.log(srv, t + 2, 'INFO', 'authorization started', [['session_id', session], ['client_id', client.id], ['login_required', true], ['consent_required', consent]], { req: q }));
  w.http(srv, t + 400, { method: 'GET', path: '/login', status: 200, remote: remote(), ua: BROWSER });
  const tl = t + r.int(6, 20) * SECOND;
  const loginErr = w.hooks.asError?.(tl, 'login');
  if (loginErr) {
    w.http(srv, tl, { method: 'POST', path: '/login', status: loginErr.status, remote: remote(), ua: BROWSER }, (q) =>
      w.log(srv, tl + 30, 'ERROR', loginErr.msg, [['error', loginErr.error]], { req: q }));
    return null;
  }
  w.http(srv, tl, { method: 'POST', path: '/login', status: 303, remote: remote(), ua: BROWSER, ms: r.latency(60) }, (q) => {
    w.log(srv, tl + 50, 'INFO', 'user authenticated', [['user_id', user.id]], { req: q });
    w.audit(srv, tl + 52, 'user.login', { actor: user.id, ip: remote().split(':')[0] }, q);
    srv.metrics.inc(tl + 52, 'authserver_login_attempts_total', { result: 'success' });
  });
  let tc = tl + 300;
  if (consent) {
    w.http(srv, tc, { method: 'GET', path: '/consent', status: 200, remote: remote(), ua: BROWSER });
    tc += r.int(2, 8) * SECOND;
    w.http(srv, tc, { method: 'POST', path: '/consent', status: 303, remote: remote(), ua: BROWSER }, (q) => {
      w.audit(srv, tc + 5, 'consent.granted', { actor: user.id, client: client.id, ip: remote().split(':')[0], detail: `resource=${w.setup.resource} scopes=${w.setup.scopes.join(',')}` }, q);
      srv.metrics.inc(tc + 5, 'authserver_consent_decisions_total', { decision: 'granted' });
    });
  }
  w.log(srv, tc + 8, 'INFO', 'authorization completed', [['session_id', session], ['client_id', client.id]]);
  const tt = tc + r.int(300, 1500);
  if (tokenFailed(w, srv, tt, remote(), client.ua)) return null;
  const familyId = r.b64url(22);
  const ms = r.latency(35);
  w.http(srv, tt, { method: 'POST', path: '/oauth/token', status: 200, remote: remote(), ua: client.ua, ms }, (q) => {
    w.log(srv, tt + ms - 2, 'INFO', 'tokens issued', [['client_id', client.id], ['user_id', user.id], ['family_id', familyId], ['auth_session_id', session], ['token_type', 'Bearer']], { component: 'token', req: q });
    w.audit(srv, tt + ms - 1, 'token.issued', { actor: user.id, client: client.id, ip: remote().split(':')[0], detail: `family=${familyId}` }, q);
  });
  srv.metrics.inc(tt + ms, 'authserver_tokens_issued_total', { grant_type: 'authorization_code' });
  srv.metrics.observe(tt + ms, 'authserver_token_issuance_duration_seconds', { grant_type: 'authorization_code' }, ms / 1000);
  srv.metrics.observe(tt + ms, 'authserver_auth_flow_duration_seconds', {}, (tt - t) / 1000);
  srv.metrics.gauge(tt + ms, 'authserver_active_token_families', {}, 1);
  return mint(w, tt + ms, user, client, familyId);
}

/** A refresh-token rotation. Null when no server is up. */
export function refresh(w: World, t: number, user: User, client: Client, tok: Tok): Tok | null {
  if (w.allDown(t)) return null;
  const srv = w.pick(t);
  if (tokenFailed(w, srv, t, w.remoteFor(user), client.ua)) return null;
  const ms = w.rng.latency(25);
  w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 200, remote: w.remoteFor(user), ua: client.ua, ms }, (q) => {
    w.log(srv, t + ms - 2, 'INFO', 'tokens refreshed', [['client_id', client.id], ['user_id', user.id], ['family_id', tok.familyId], ['token_type', 'Bearer']], { component: 'token', req: q });
    w.audit(srv, t + ms - 1, 'token.refreshed', { actor: user.id, client: client.id, ip: w.remoteFor(user).split(':')[0], detail: `family=${tok.familyId}` }, q);
  });
  srv.metrics.inc(t + ms, 'authserver_tokens_refreshed_total');
  srv.metrics.observe(t + ms, 'authserver_token_issuance_duration_seconds', { grant_type: 'refresh_token' }, ms / 1000);
  return mint(w, t + ms, user, client, tok.familyId);
}

/** A token request the server fails (hook asError 'token'): 5xx access line and `token endpoint error`. */
function tokenFailed(w: World, srv: Server, t: number, remote: string, ua: string): boolean {
  const err = w.hooks.asError?.(t, 'token');
  if (!err) return false;
  w.http(srv, t, { method: 'POST', path: '/oauth/token', status: err.status, remote, ua, ms: w.rng.latency(err.status >= 500 ? 30 : 5) }, (q) =>
    w.log(srv, t + 20, 'ERROR', err.msg, [['error', err.error]], { req: q }));
  return true;
}

/** One client session: (login,) MCP calls every few minutes, proactive refresh, refresh-and-retry after a 401. */
function session(w: World, start: number, end: number, user: User, client: Client, existing: boolean): void {
  const r = w.rng;
  let t = start;
  let tok: Tok | null;
  if (existing) {
    const iat = start - r.int(1, 13) * MINUTE;
    tok = mint(w, iat, user, client, r.b64url(22));
  } else {
    const remote = w.remoteFor(user);
    rsCall(w, { t, tok: null, ua: client.ua, remote, tool: 'initialize' });
    const prm = w.hooks.prmStatus?.(t) ?? 200;
    if (prm === 0) return; // the 401 carried no resource_metadata: the client never finds the PRM
    prmFetch(w, t + 80, remote, client.ua, prm);
    if (prm !== 200 || w.hooks.newClientCanLogin?.(t, client) === false) return;
    if (!w.allDown(t + 150)) w.http(w.pick(t + 150), t + 150, { method: 'GET', path: '/.well-known/oauth-authorization-server', status: 200, remote, ua: client.ua });
    tok = login(w, t + 400, user, client);
    t += 30 * SECOND;
  }
  const stop = Math.min(end, start + r.int(12, 45) * MINUTE);
  while (tok && t < stop) {
    if (t - tok.iat > 13 * MINUTE) tok = refresh(w, t, user, client, tok) ?? tok;
    const remote = w.remoteFor(user);
    const failed = rsCall(w, { t, tok, ua: client.ua, remote, tool: pickTool(w) });
    if (failed && failed.status === 401) {
      const fresh = refresh(w, t + 1500, user, client, tok);
      if (fresh) {
        tok = fresh;
        rsCall(w, { t: t + 2500, tok, ua: client.ua, remote, tool: pickTool(w) });
      }
    }
    t += r.int(120, 360) * SECOND;
  }
}

/** Kubelet probes (or an uptime monitor) and Prometheus scrapes of the admin port. */
function probesAndScrapes(w: World, end: number): void {
  const k8s = w.setup.deployment.startsWith('k8s');
  for (const srv of w.servers) {
    for (let t = BASE + w.rng.int(0, 20_000); t < end; t += 30 * SECOND) {
      if (srv.down.some(([a, b]) => t >= a && t < b)) continue;
      const path = k8s ? (Math.floor((t - BASE) / 30_000) % 2 ? '/livez' : '/ready') : '/health';
      const probeErr = path === '/livez' ? null : w.hooks.asError?.(t, 'ready');
      if (k8s || (t - BASE) % 60_000 < 30_000) w.http(srv, t, { method: 'GET', path, status: probeErr ? 503 : 200, remote: `${srv.ip.replace(/\.\d+$/, '.1')}:${w.rng.int(40000, 60000)}`, ua: k8s ? 'kube-probe/1.31' : 'Blackbox-Exporter/0.25.0', ms: w.rng.int(1, 3) });
      if ((t - BASE) % 60_000 < 30_000) w.http(srv, t + 7000, { method: 'GET', path: '/metrics', status: 200, remote: `10.42.9.4:${w.rng.int(40000, 60000)}`, ua: 'Prometheus/2.53.0', component: 'admin-http', ms: w.rng.int(2, 9), bytes: w.rng.int(18000, 26000) });
    }
  }
}

/** The MCP server refreshes AS metadata and JWKS every 5 minutes. */
function rsJwks(w: World, end: number): void {
  const ua = RS_UA[w.setup.mcp];
  for (let t = BASE + w.rng.int(5, 60) * SECOND; t < end; t += 5 * MINUTE) {
    const ok = w.hooks.jwksFetchOk?.(w, t) ?? !w.allDown(t);
    if (!ok) continue;
    w.http(w.pick(t), t, { method: 'GET', path: '/.well-known/jwks.json', status: 200, remote: `${w.mcp.ip}:${w.rng.int(40000, 60000)}`, ua, ms: w.rng.int(1, 4) });
    if (w.setup.mcp === 'python' || w.setup.mcp === 'python-json') {
      w.mcpLog(t - 2, 'DEBUG', `Fetched jwks from ${w.state.asIssuer}/.well-known/jwks.json (SSRF-protected)`, [], 'authplane.internal.document_fetcher');
      w.mcpLog(t + 3, 'DEBUG', 'Jwks fetched and cached', [], 'authplane.internal.document_cache');
    }
  }
}

/** A machine client using client_credentials every few minutes. */
function machineTokens(w: World, end: number): void {
  const remote = `10.42.5.${w.rng.int(10, 200)}`;
  for (let t = BASE + w.rng.int(10, 200) * SECOND; t < end; t += w.rng.int(3, 6) * MINUTE) {
    if (w.allDown(t)) continue;
    const srv = w.pick(t);
    if (tokenFailed(w, srv, t, `${remote}:${w.rng.int(40000, 60000)}`, 'billing-agent/3.2 (Go-http-client/1.1)')) continue;
    const jti = w.rng.b64url(22);
    const ms = w.rng.latency(20);
    w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 200, remote: `${remote}:${w.rng.int(40000, 60000)}`, ua: 'billing-agent/3.2 (Go-http-client/1.1)', ms }, (q) => {
      w.log(srv, t + ms - 1, 'INFO', 'client credentials token issued', [['client_id', 'billing-agent'], ['jti', jti], ['scopes', ['notes/admin']], ['token_type', 'Bearer']], { component: 'client_credentials', req: q });
      w.audit(srv, t + ms, 'client_credentials.issued', { actor: 'billing-agent', client: 'billing-agent', ip: remote, detail: `jti=${jti} scopes=notes/admin` }, q);
    });
    srv.metrics.inc(t + ms, 'authserver_tokens_issued_total', { grant_type: 'client_credentials' });
    srv.metrics.inc(t + ms, 'authplane_client_credentials_issued_total', { client_id: 'billing-agent' });
    srv.metrics.observe(t + ms, 'authserver_token_issuance_duration_seconds', { grant_type: 'client_credentials' }, ms / 1000);
  }
}

const BOT_PATHS = ['/wp-login.php', '/.env', '/.git/config', '/phpmyadmin/index.php', '/actuator/health', '/server-status', '/robots.txt', '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', '/cgi-bin/luci/;stok=/locale'];
const BOT_UAS = ['Mozilla/5.0 zgrab/0.x', 'curl/7.81.0', 'python-requests/2.31.0', 'Mozilla/5.0 (compatible; CensysInspect/1.1; +https://about.censys.io/)'];

/** Internet scanners hitting paths that do not exist. */
function bots(w: World): void {
  for (let i = 0; i < 14; i++) {
    const t = BASE + w.rng.int(0, 59 * 60) * SECOND;
    if (w.allDown(t)) continue;
    const ip = `${w.rng.pick(['45.148.10', '185.191.171', '167.94.138'])}.${w.rng.int(2, 250)}`;
    const remote = w.setup.deployment.startsWith('k8s') ? `10.42.0.17:${w.rng.int(32768, 60999)}` : `${ip}:${w.rng.int(32768, 60999)}`;
    w.http(w.pick(t), t, { method: 'GET', path: w.rng.pick(BOT_PATHS), status: 404, remote, ua: w.rng.pick(BOT_UAS), route: null, bytes: 19, ms: 0 });
  }
}

/** Normal noise: a mistyped password and a spent code replayed without its verifier. */
function noise(w: World, end: number): void {
  const r = w.rng;
  for (let i = 0; i < 2; i++) {
    const t = BASE + r.int(3, 55) * MINUTE;
    if (t >= end || w.allDown(t)) continue;
    const srv = w.pick(t);
    const user = r.pick(w.users);
    w.http(srv, t, { method: 'POST', path: '/login', status: 422, remote: w.remoteFor(user), ua: BROWSER, ms: r.latency(60) }, (q) => {
      w.log(srv, t + 40, 'WARN', 'local authentication denied', [['user_id', user.id], ['reason', 'invalid_credentials']], { req: q });
      w.audit(srv, t + 41, 'user.login_failed', { actor: user.id, ip: w.remoteFor(user).split(':')[0], detail: 'reason=invalid_credentials' }, q);
    });
    srv.metrics.inc(t + 41, 'authserver_auth_denied_total', { reason: 'invalid_credentials' });
    srv.metrics.inc(t + 41, 'authserver_login_attempts_total', { result: 'failure' });
  }
  const t = BASE + r.int(10, 50) * MINUTE;
  if (t < end && !w.allDown(t)) codeReplayNoise(w, t);
}

/** A `verifier=invalid` authorization-code replay: noise-grade, nothing revoked. */
export function codeReplayNoise(w: World, t: number): void {
  const srv = w.pick(t);
  const client = w.rng.pick(w.clients);
  const session = w.rng.b64url(22);
  const remote = `${w.rng.pick(['45.148.10', '185.191.171'])}.${w.rng.int(2, 250)}`;
  w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 400, remote: w.setup.deployment.startsWith('k8s') ? `10.42.0.17:${w.rng.int(32768, 60999)}` : `${remote}:${w.rng.int(32768, 60999)}`, ua: 'python-requests/2.31.0' }, (q) => {
    w.log(srv, t + 3, 'WARN', 'authorization code reuse detected — replayer not credentialed, nothing revoked', [['session_id', session], ['client_id', client.id], ['verifier_ok', false], ['client_ok', true]], { component: 'token', req: q });
    w.audit(srv, t + 4, 'auth_code.reused', { client: client.id, ip: remote, detail: `code_reuse session=${session} verifier=invalid` }, q);
  });
  srv.metrics.inc(t + 4, 'authserver_auth_code_reuse_total', { verifier: 'invalid' });
}
