// Checklist step 7 (metrics tell a story): PKCE, DPoP, upstream refresh, reuse detection, revocation
// failures, login denials, rate limiting, 5xx, slow issuance and a failing signer.
import { boot } from '../boot.ts';
import { curlVerbose } from '../captures.ts';
import type { Scenario } from '../types.ts';
import type { Server, World } from '../world.ts';
import { at, brokerDenied, grow, MINUTE, spread } from './kit.ts';


/** A failed /oauth/token request with its domain lines. */
function tokenDenied(w: World, t: number, o: { status?: number; ua: string; remote?: string; lines?: (srv: Server, q: ReturnType<World['begin']>) => void }): void {
  const srv = w.pick(t);
  w.http(srv, t, { method: 'POST', path: '/oauth/token', status: o.status ?? 400, remote: o.remote ?? `10.42.0.17:${w.rng.int(32768, 60999)}`, ua: o.ua, ms: w.rng.latency(6) }, (q) => o.lines?.(srv, q));
}

export const step7: Scenario[] = [
  {
    name: 'pkce-failures',
    seed: 261,
    checklist: true,
    broken: 'VS Code MCP 1.105 encodes its PKCE code_challenge with standard base64 instead of base64url: every code exchange fails PKCE (`invalid_grant`).',
    symptom: 'VS Code users log in and consent, then get `invalid_grant` "PKCE verification failed" at the token endpoint; `token.issue_denied reason=invalid_grant` rows pile up for the VS Code client.',
    setup: { tracing: true, snapshots: [30, 45, 55] },
    must_report: ['pkce-failures'],
    primary: 'pkce-failures',
    must_not_report: ['auth-code-reuse', 'refresh-token-reuse', 'login-denials', 'scope-required-missing'],
    prepare(w) {
      w.hooks.newClientCanLogin = (_t, c) => c.name !== 'VS Code';
    },
    apply(w) {
      const vs = w.clients.find((c) => c.name === 'VS Code')!;
      for (const t of spread(at(21), at(59), 26)) {
        const user = w.rng.pick(w.users);
        tokenDenied(w, t, { ua: 'vscode-mcp/1.105.0', lines: (srv, q) => {
          w.audit(srv, t + 4, 'token.issue_denied', { actor: user.id, client: vs.id, ip: '10.42.0.17', detail: 'reason=invalid_grant' }, q);
          if (q.traceId) w.keep(q.traceId);
        } });
      }
      const verifier = w.secret(w.rng.b64url(43));
      const code = w.secret(w.rng.b64url(32));
      w.files.push({ path: 'captures/token-exchange-vscode.txt', mtime: at(52), content: curlVerbose({
        method: 'POST', url: 'https://auth.acme.dev/oauth/token', ip: '34.117.59.80', t: at(52), reqHeaders: [['Content-Type', 'application/x-www-form-urlencoded']],
        reqBody: `grant_type=authorization_code&code=${code}&redirect_uri=http%3A%2F%2F127.0.0.1%3A33418%2Fcallback&client_id=${vs.id}&code_verifier=${verifier}&resource=https%3A%2F%2Fmcp.acme.dev%2Fmcp`,
        status: 400, statusText: 'Bad Request', resHeaders: [['Content-Type', 'application/problem+json'], ['Cache-Control', 'no-store']],
        body: '{"error":"invalid_grant","error_description":"PKCE verification failed","type":"https://docs.authplane.ai/errors/invalid_grant","title":"Bad Request","detail":"PKCE verification failed","status":400}\n' }) });
    },
  },
  {
    name: 'dpop-replay',
    seed: 262,
    checklist: true,
    broken: 'A client SDK retries failed token requests with the same DPoP proof: the proofs are rejected as replays (`DPoP proof jti has already been used`).',
    symptom: 'intermittent `invalid_dpop_proof` on refresh; `authplane_dpop_proofs_rejected_total{reason="replay"}` rises.',
    setup: { snapshots: [30, 45, 55] },
    must_report: ['dpop-replay'],
    primary: 'dpop-replay',
    must_not_report: ['dpop-nonce', 'pkce-failures', 'refresh-token-reuse'],
    apply(w) {
      const srv = w.servers[0]!;
      grow(srv, 'authplane_dpop_proofs_validated_total', { result: 'valid' }, at(0), at(60), 160);
      const client = w.clients[1]!;
      for (const t of spread(at(28), at(58), 34)) {
        tokenDenied(w, t, { ua: 'agent-runner/0.9 (python-httpx/0.28.1)', remote: `10.42.0.18:${w.rng.int(32768, 60999)}`, lines: (s, q) => {
          w.audit(s, t + 3, 'token.refresh_denied', { client: client.id, ip: '10.42.0.18', detail: 'reason=invalid_dpop_proof' }, q);
          s.metrics.inc(t + 3, 'authplane_dpop_proofs_rejected_total', { reason: 'replay' });
        } });
      }
      w.files.push({ path: 'captures/refresh-dpop.txt', mtime: at(50), content: 'HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\n\r\n{"error":"invalid_dpop_proof","error_description":"DPoP proof jti has already been used","type":"https://docs.authplane.ai/errors/invalid_dpop_proof","title":"Bad Request","detail":"DPoP proof jti has already been used","status":400}\n' });
    },
  },
  {
    name: 'dpop-proof-invalid',
    seed: 263,
    broken: 'A path-rewriting proxy serves the MCP server under /api/mcp while clients sign DPoP proofs for the public URL: `htu` never matches (`DPoP invalid: path mismatch`), and the same client\'s proofs fail at the token endpoint.',
    symptom: 'DPoP clients get 401 `DPoP error="invalid_token"` on every MCP call; `authplane_dpop_proofs_rejected_total{reason="invalid_proof"}` grows.',
    setup: { snapshots: [30, 45, 55] },
    must_report: ['dpop-proof-invalid'],
    primary: 'dpop-proof-invalid',
    must_not_report: ['dpop-replay', 'dpop-nonce', 'audience-mismatch'],
    prepare(w) {
      w.hooks.rsOutcome = (_w, call) => (call.t > at(26) && /Cursor/.test(call.ua)
        ? { status: 401, goError: 'verifier: DPoP invalid: path mismatch', pyClass: 'InvalidDPoPProofError', pyError: "DPoP proof URL mismatch: expected 'https://mcp.acme.dev/api/mcp', got 'https://mcp.acme.dev/mcp'" } : null);
    },
    apply(w) {
      for (const t of spread(at(26), at(58), 22)) {
        tokenDenied(w, t, { ua: 'Cursor/1.7.2 (darwin arm64)', lines: (s, q) => {
          w.audit(s, t + 3, 'token.refresh_denied', { client: w.clients[1]!.id, ip: '10.42.0.17', detail: 'reason=invalid_dpop_proof' }, q);
          s.metrics.inc(t + 3, 'authplane_dpop_proofs_rejected_total', { reason: 'invalid_proof' });
        } });
      }
    },
  },
  {
    name: 'dpop-nonce',
    seed: 264,
    broken: 'The operator turned on `dpop.require_nonce` at 08:10; the agent client ignores the `DPoP-Nonce` header and retries the same way forever.',
    symptom: 'the agent loops on 400 `use_dpop_nonce`; `authplane_dpop_proofs_rejected_total{reason="nonce_required"}` climbs fast.',
    setup: { deployment: 'docker', snapshots: [20, 45, 55], packaging: 'zip' },
    must_report: ['dpop-nonce'],
    primary: 'dpop-nonce',
    must_not_report: ['dpop-replay', 'dpop-proof-invalid', 'pkce-failures'],
    prepare(w) {
      w.servers[0]!.down.push([at(10), at(10, 5)]);
      (w.state.config.dpop as Record<string, unknown>).require_nonce = true;
    },
    apply(w) {
      const srv = w.servers[0]!;
      boot(w, srv, at(10, 5), { requireNonce: true });
      for (const burst of spread(at(12), at(59), 16)) {
        for (let i = 0; i < 12; i++) {
          const t = burst + i * 1_100;
          w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 400, remote: `172.18.0.9:${w.rng.int(32768, 60999)}`, ua: 'agent-runner/0.9 (python-httpx/0.28.1)', ms: 2 });
          srv.metrics.inc(t + 2, 'authplane_dpop_proofs_rejected_total', { reason: 'nonce_required' });
        }
      }
      w.files.push({ path: 'captures/token-use-dpop-nonce.txt', mtime: at(50), content: `HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nDPoP-Nonce: ${w.rng.b64url(32)}\r\nCache-Control: no-store\r\n\r\n{"error":"use_dpop_nonce","error_description":"server nonce is required in DPoP proof","type":"https://docs.authplane.ai/errors/use_dpop_nonce","title":"Bad Request","detail":"server nonce is required in DPoP proof","status":400}\n` });
    },
  },
  {
    name: 'upstream-refresh-failed',
    seed: 265,
    checklist: true,
    broken: 'The GitHub connector\'s client secret was rotated at GitHub but not in CONNECTOR_GITHUB_SECRET: background refreshes of upstream tokens fail from 08:20.',
    symptom: 'GitHub-backed tools fail once upstream tokens expire; `authserver_upstream_token_refresh_total{outcome="failed"}` > 0 and growing.',
    setup: { snapshots: [15, 40, 55] },
    must_report: ['upstream-refresh-failed'],
    primary: 'upstream-refresh-failed',
    must_not_report: ['broker-grant-revoked', 'consent-not-granted', 'db-unreachable'],
    apply(w) {
      const srv = w.servers[0]!;
      grow(srv, 'authserver_upstream_token_refresh_total', { provider: 'github', outcome: 'success' }, at(0), at(20), 18);
      grow(srv, 'authserver_upstream_token_refresh_total', { provider: 'github', outcome: 'failed' }, at(20), at(60), 44);
      grow(srv, 'authserver_upstream_token_issued_total', { provider: 'github', resource: 'github-api' }, at(0), at(20), 22);
      for (const t of spread(at(24), at(59), 18)) {
        const user = w.rng.pick(w.users);
        brokerDenied(w, srv, t, {
          userId: user.id, why: 'upstream token refresh failed', reason: 'broker_vend_failed', after: 8,
          error: 'oauth2: "bad_verification_code" "The client_id and/or client_secret passed are incorrect."',
        });
      }
    },
  },
  {
    name: 'refresh-token-reuse',
    seed: 266,
    broken: 'A Claude Code fleet shares one refresh token across instances behind a load balancer: from 08:35 every second refresh is a reuse, and AuthPlane revokes the family each time.',
    symptom: 'users are "logged out unexpectedly"; `refresh token reuse detected — family revoked` warnings and `family.revoked` audit rows pile up.',
    setup: { tracing: true, snapshots: [30, 45, 55] },
    must_report: ['refresh-token-reuse'],
    primary: 'refresh-token-reuse',
    must_not_report: ['revocation-failed', 'auth-code-reuse', 'pkce-failures'],
    apply(w) {
      const cc = w.clients[0]!;
      for (const t of spread(at(35), at(58), 24)) {
        const family = w.rng.b64url(22);
        tokenDenied(w, t, { ua: cc.ua, lines: (s, q) => {
          w.log(s, t + 5, 'WARN', 'refresh token reuse detected — family revoked', [['family_id', family], ['token_id', w.rng.b64url(22)]], { component: 'token', req: q });
          w.audit(s, t + 6, 'family.revoked', { detail: `reuse_detection family=${family}` }, q);
          w.audit(s, t + 7, 'token.refresh_denied', { client: cc.id, ip: '10.42.0.17', detail: 'reason=invalid_grant' }, q);
          s.metrics.inc(t + 6, 'authserver_refresh_token_reuse_total');
          s.metrics.inc(t + 6, 'authserver_tokens_revoked_total', { reason: 'family_revocation' });
        } });
      }
    },
  },
  {
    name: 'auth-code-reuse',
    seed: 267,
    broken: 'A log shipper re-sends captured token requests: authorization codes are replayed with a valid verifier, and AuthPlane revokes the families (alongside the usual `verifier=invalid` noise).',
    symptom: 'fresh logins die within seconds; `authserver_auth_code_reuse_total{verifier="valid"}` increases.',
    setup: { snapshots: [30, 45, 55] },
    must_report: ['auth-code-reuse'],
    primary: 'auth-code-reuse',
    must_not_report: ['revocation-failed', 'refresh-token-reuse', 'pkce-failures'],
    apply(w) {
      for (const t of spread(at(31), at(57), 8)) {
        const family = w.rng.b64url(22);
        const session = w.rng.b64url(22);
        const client = w.rng.pick(w.clients);
        tokenDenied(w, t, { ua: 'fluent-bit/3.1', remote: `10.42.3.77:${w.rng.int(32768, 60999)}`, lines: (s, q) => {
          w.log(s, t + 4, 'WARN', 'authorization code reuse detected — family revoked', [['family_id', family], ['session_id', session]], { component: 'token', req: q });
          w.audit(s, t + 5, 'auth_code.reused', { client: client.id, ip: '10.42.3.77', detail: `code_reuse session=${session} verifier=valid` }, q);
          w.audit(s, t + 6, 'family.revoked', { detail: `code_reuse family=${family}` }, q);
          s.metrics.inc(t + 5, 'authserver_auth_code_reuse_total', { verifier: 'valid' });
          s.metrics.inc(t + 6, 'authserver_tokens_revoked_total', { reason: 'code_reuse' });
        } });
      }
    },
  },
  {
    name: 'revocation-failed',
    seed: 268,
    broken: 'Refresh-token reuse was detected, but the family revocation write timed out on an overloaded database: the reused families are still live.',
    symptom: '`failed to revoke family during reuse detection` errors and `family.revocation_failed` rows; the stolen refresh tokens keep working.',
    setup: { snapshots: [30, 45, 55] },
    must_report: ['revocation-failed', 'refresh-token-reuse'],
    primary: 'revocation-failed',
    must_not_report: ['auth-code-reuse', 'pkce-failures'],
    apply(w) {
      for (const [i, t] of spread(at(38), at(56), 6).entries()) {
        const family = w.keep(w.rng.b64url(22));
        const failed = i % 2 === 0;
        tokenDenied(w, t, { ua: 'python-requests/2.31.0', remote: `10.42.0.17:${w.rng.int(32768, 60999)}`, lines: (s, q) => {
          s.metrics.inc(t + 5, 'authserver_refresh_token_reuse_total');
          if (failed) {
            w.log(s, t + 5005, 'ERROR', 'failed to revoke family during reuse detection', [['family_id', family], ['token_id', w.rng.b64url(22)], ['error', 'timeout: context deadline exceeded']], { component: 'token', req: q });
            w.audit(s, t + 5006, 'family.revocation_failed', { detail: `reuse_detection family=${family} path=reuse half=family` }, q);
            s.metrics.inc(t + 5006, 'authserver_revocation_failures_total', { path: 'reuse', half: 'family' });
          } else {
            w.log(s, t + 6, 'WARN', 'refresh token reuse detected — family revoked', [['family_id', family], ['token_id', w.rng.b64url(22)]], { component: 'token', req: q });
            w.audit(s, t + 7, 'family.revoked', { detail: `reuse_detection family=${family}` }, q);
            s.metrics.inc(t + 7, 'authserver_tokens_revoked_total', { reason: 'family_revocation' });
          }
        } });
      }
    },
  },
  {
    name: 'login-denials',
    seed: 269,
    broken: 'Credential stuffing from 08:38: about 180 addresses try 10 unknown accounts each, then get locked out.',
    symptom: 'a flood of `local authentication denied reason=user_not_found`, `auth lockout engaged` warnings and 429s on /login.',
    setup: { deployment: 'docker', snapshots: [35, 45, 55] },
    must_report: ['login-denials'],
    primary: 'login-denials',
    must_not_report: ['rate-limited', 'pkce-failures', 'db-unreachable'],
    apply(w) {
      const srv = w.servers[0]!;
      for (let a = 0; a < 180; a++) {
        const ip = `${w.rng.pick(['45.148.10', '185.191.171', '91.92.251', '194.26.29'])}.${w.rng.int(2, 253)}`;
        const start = at(38) + Math.floor(a * (14 * MINUTE) / 180);
        for (let i = 0; i < 10; i++) {
          const t = start + i * 1_700;
          w.http(srv, t, { method: 'POST', path: '/login', status: 422, remote: `${ip}:${w.rng.int(32768, 60999)}`, ua: 'python-requests/2.31.0', ms: w.rng.latency(40) }, (q) => {
            w.log(srv, t + 30, 'WARN', 'local authentication denied', [['user_id', ''], ['reason', 'user_not_found']], { req: q });
            w.audit(srv, t + 31, 'user.login_failed', { ip, detail: 'reason=user_not_found' }, q);
          });
          srv.metrics.inc(t + 31, 'authserver_auth_denied_total', { reason: 'user_not_found' });
          srv.metrics.inc(t + 31, 'authserver_login_attempts_total', { result: 'failure' });
        }
        const until = new Date(start + 10 * 1_700 + 15 * MINUTE).toISOString().replace(/\.\d+Z$/, 'Z');
        w.log(srv, start + 17_050, 'WARN', 'auth lockout engaged', [['ip', ip], ['until', until]]);
        w.audit(srv, start + 17_051, 'auth.locked_out', { ip, detail: `until=${until}` });
        w.http(srv, start + 18_000, { method: 'POST', path: '/login', status: 429, remote: `${ip}:${w.rng.int(32768, 60999)}`, ua: 'python-requests/2.31.0', ms: 0 });
      }
    },
  },
  {
    name: 'rate-limited',
    seed: 270,
    broken: 'All traffic reaches AuthPlane through one ingress address and a CI fleet started at 08:44: the global limiter (keyed on RemoteAddr, 100 rps) answers 429 `slow_down` to everyone.',
    symptom: 'random clients get 429 `rate limit exceeded` on token and discovery requests, all from remote_addr 10.42.0.17.',
    setup: { snapshots: [40, 47, 55] },
    must_report: ['rate-limited'],
    primary: 'rate-limited',
    must_not_report: ['login-denials', 'server-errors', 'db-unreachable'],
    apply(w) {
      const reqs: [string, string][] = [['POST', '/oauth/token'], ['GET', '/.well-known/oauth-authorization-server'], ['GET', '/.well-known/jwks.json'], ['POST', '/oauth/token']];
      for (const t of spread(at(44), at(51), 420)) {
        const ua = w.rng.pick(['ci-runner/2.3 (Go-http-client/1.1)', 'claude-code/2.0.14 (cli)', 'Cursor/1.7.2 (darwin arm64)', 'node']);
        const [method, path] = w.rng.pick(reqs);
        w.http(w.pick(t), t, { method, path, status: 429, remote: `10.42.0.17:${w.rng.int(32768, 60999)}`, ua, ms: 0, bytes: 67 });
      }
    },
  },
  {
    name: 'exchange-not-allowlisted',
    seed: 274,
    broken: 'After the upgrade to 0.2.x the research agent still exchanges users\' tokens for the notes MCP server, but cross-client exchange now needs an allowlist entry on the resource and nobody added one (reference G7).',
    symptom: 'every agent tool call that needs a downstream token fails with 403 `access_denied` "client is not authorized to exchange this token"; the server logs INFO `mint dispatch denied: client not in operator allowlist`.',
    setup: { snapshots: [30, 45, 55] },
    must_report: ['exchange-not-allowlisted'],
    primary: 'exchange-not-allowlisted',
    must_not_report: ['consent-not-granted', 'audience-mismatch', 'server-errors'],
    apply(w) {
      const agent = w.clients[1]!;
      for (const t of spread(at(22), at(58), 30)) {
        const user = w.rng.pick(w.users);
        tokenDenied(w, t, { status: 403, ua: 'agent-runner/0.9 (python-httpx/0.28.1)', remote: `10.42.0.18:${w.rng.int(32768, 60999)}`, lines: (srv, q) => {
          w.log(srv, t + 3, 'INFO', 'mint dispatch denied: client not in operator allowlist', [['client_id', agent.id], ['subject_client_id', w.clients[0]!.id], ['resource', 'https://mcp.acme.dev/mcp']], { component: 'token_exchange', req: q });
          w.audit(srv, t + 4, 'token.exchange_denied', { actor: user.id, client: agent.id, ip: '10.42.0.18', detail: 'reason=cross_client_not_authorized' }, q);
          srv.metrics.inc(t + 4, 'authplane_token_exchange_denied_total', { reason: 'cross_client_not_authorized' });
        } });
      }
    },
  },
  {
    name: 'client-credentials-denied',
    seed: 275,
    broken: 'The ETL team registered its nightly export job through open dynamic registration (`POST /oauth/register`) instead of the admin API: DCR only issues user-delegated clients, so every client_credentials request is refused with `invalid_scope` (reference G4).',
    symptom: 'the export job fails at the token endpoint with 400 `invalid_scope` "this client was created through dynamic registration …"; `client_credentials.denied reason=invalid_scope` rows and `authplane_client_credentials_denied_total{reason="invalid_scope"}` grow.',
    setup: { snapshots: [20, 40, 55] },
    must_report: ['client-credentials-denied'],
    primary: 'client-credentials-denied',
    must_not_report: ['invalid-target', 'exchange-not-allowlisted', 'server-errors'],
    apply(w) {
      const job = w.rng.b64url(22);
      const srv0 = w.servers[0]!;
      w.http(srv0, at(12), { method: 'POST', path: '/oauth/register', status: 201, remote: `10.42.0.22:${w.rng.int(32768, 60999)}`, ua: 'curl/8.5.0', ms: 14 }, (q) => {
        w.audit(srv0, at(12) + 9, 'client.registered', { client: job, ip: '10.42.0.22', detail: 'source=dcr' }, q);
        srv0.metrics.inc(at(12) + 9, 'authserver_clients_registered_total', { source: 'dcr' });
      });
      for (const t of spread(at(16), at(58), 24)) {
        tokenDenied(w, t, { ua: 'nightly-export/1.4 (Go-http-client/1.1)', remote: `10.42.0.22:${w.rng.int(32768, 60999)}`, lines: (srv, q) => {
          w.audit(srv, t + 3, 'client_credentials.denied', { actor: job, client: job, detail: 'reason=invalid_scope' }, q);
          srv.metrics.inc(t + 3, 'authplane_client_credentials_denied_total', { reason: 'invalid_scope' });
        } });
      }
      const basic = w.secret(Buffer.from(`${job}:${w.rng.b64url(32)}`).toString('base64'));
      const desc = 'the requested scope is invalid or not allowed: this client was created through dynamic registration, which issues user-delegated clients only; machine-to-machine clients must be pre-registered through the admin API';
      w.files.push({ path: 'captures/nightly-export-token.txt', mtime: at(47), content: curlVerbose({
        method: 'POST', url: 'https://auth.acme.dev/oauth/token', ip: '34.117.59.80', t: at(47),
        reqHeaders: [['Authorization', `Basic ${basic}`], ['Content-Type', 'application/x-www-form-urlencoded']],
        reqBody: 'grant_type=client_credentials&scope=tools%2Fread',
        status: 400, statusText: 'Bad Request', resHeaders: [['Content-Type', 'application/problem+json'], ['Cache-Control', 'no-store']],
        body: `{"error":"invalid_scope","error_description":"${desc}","type":"https://docs.authplane.ai/errors/invalid_scope","title":"Bad Request","detail":"${desc}","status":400}\n` }) });
    },
  },
  {
    name: 'oidc-upstream-unavailable',
    seed: 276,
    broken: 'A new egress NetworkPolicy rolled out at 08:31 blocks AuthPlane from reaching accounts.google.com: every "Sign in with Google" ends in a failed code exchange (reference O1).',
    symptom: 'users coming back from Google get a 500 on /oidc/callback; the server logs ERROR `OIDC upstream unavailable during code exchange` with an i/o timeout, while login-failure counters stay flat.',
    setup: { snapshots: [20, 40, 55] },
    must_report: ['oidc-upstream-unavailable'],
    primary: 'oidc-upstream-unavailable',
    must_not_report: ['login-denials', 'server-errors', 'db-unreachable'],
    apply(w) {
      const err = 'OIDC upstream is unavailable: Get "https://accounts.google.com/.well-known/openid-configuration": dial tcp 142.250.74.45:443: i/o timeout';
      const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15';
      for (const t of spread(at(31), at(58), 17)) {
        const srv = w.pick(t);
        const user = w.rng.pick(w.users);
        const ms = 10_000 + w.rng.int(2, 40);
        w.http(srv, t, { method: 'GET', path: '/oidc/callback', status: 500, remote: w.remoteFor(user), ua: browser, ms }, (q) => {
          w.log(srv, t + ms - 2, 'ERROR', 'OIDC upstream unavailable during code exchange', [['error', err]], { component: 'oidc', req: q });
        });
      }
    },
  },
  {
    name: 'cimd-registration-refused',
    seed: 277,
    broken: 'The operator set `xaa.enabled: false`; Claude\'s client metadata document lists the jwt-bearer grant, and AuthPlane refuses to auto-register a CIMD client that asks for a disabled grant (reference G12).',
    symptom: 'Claude users who add the MCP server get an "Invalid Client" page at /oauth/authorize; the server logs WARN `cimd auto-registration blocked by disabled grant` and `cimd auto-registration failed` for the claude.ai client_id.',
    setup: { snapshots: [20, 40, 55] },
    must_report: ['cimd-registration-refused'],
    primary: 'cimd-registration-refused',
    must_not_report: ['scope-required-missing', 'login-denials', 'server-errors'],
    prepare(w) {
      w.state.config.xaa = { enabled: false };
    },
    apply(w) {
      const claude = 'https://claude.ai/oauth/mcp-oauth-client-metadata';
      const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
      const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36';
      for (const t of spread(at(20), at(58), 19)) {
        const srv = w.pick(t);
        const user = w.rng.pick(w.users);
        const query = `client_id=${encodeURIComponent(claude)}&redirect_uri=${encodeURIComponent('https://claude.ai/api/mcp/auth_callback')}&response_type=code&code_challenge=${w.rng.b64url(43)}&code_challenge_method=S256&scope=tools%2Fread&resource=${encodeURIComponent(w.setup.resource)}&state=${w.rng.b64url(32)}`;
        w.http(srv, t, { method: 'GET', path: `/oauth/authorize?${query}`, status: 400, remote: w.remoteFor(user), ua: browser, ms: 180 + w.rng.int(0, 60) }, (q) => {
          w.log(srv, t + 170, 'WARN', 'cimd auto-registration blocked by disabled grant', [['client_id', claude], ['grant_types', ['authorization_code', 'refresh_token', jwtBearer]]], { component: 'cimd', req: q });
          w.log(srv, t + 171, 'WARN', 'cimd auto-registration failed', [['client_id', claude], ['error', `client authentication failed: client validation failed: grant_type "${jwtBearer}" is not enabled on this server — set AUTHPLANE_XAA_ENABLED=true to enable it`]], { req: q });
        });
      }
    },
  },
];
