// Checklist step 10 (audit trail) and bundle-level causes: dropped audit rows, a revoke that failed
// silently, denied consent, a revoked broker grant, an unexplained key rotation, an ephemeral session
// secret, CORS off, mixed versions, and metrics/tracing that failed to start.
import { boot } from '../boot.ts';
import { asKeyA, asKeyB } from '../keys.ts';
import { Dur } from '../render.ts';
import { rsCall } from '../rs.ts';
import type { Scenario } from '../types.ts';
import { at, BASE, brokerDenied, MINUTE, spread } from './kit.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36';
const DISK = 'pq: could not extend file "base/16384/24577": No space left on device';

export const step10: Scenario[] = [
  {
    name: 'audit-events-dropped',
    seed: 281,
    broken: 'The audit table\'s tablespace filled up at 08:38: every audit insert fails and rows exist only as `audit event dropped — not persisted` log lines.',
    symptom: 'the /admin/audit export stops at 08:38 although traffic continues; `authserver_audit_events_dropped_total` grows.',
    setup: { audit: 'envelope', snapshots: [35, 45, 55] },
    must_report: ['audit-events-dropped'],
    primary: 'audit-events-dropped',
    must_not_report: ['db-unreachable', 'server-errors', 'revocation-failed'],
    prepare(w) {
      w.hooks.auditDrop = (t) => (t > at(38) ? DISK : null);
    },
  },
  {
    name: 'token-revoked-still-used',
    seed: 282,
    broken: 'A user revoked a leaked refresh token at 08:30; /oauth/revoke answered 200 but logged `revocation error` (store failure), so the family stayed live and kept refreshing.',
    symptom: 'the "revoked" session still refreshes at 08:41 and keeps calling tools; there is no `token.revoked` audit row.',
    setup: { snapshots: [25, 45, 55] },
    must_report: ['token-revoked-still-used'],
    primary: 'token-revoked-still-used',
    must_not_report: ['refresh-token-reuse', 'revocation-failed', 'audit-events-dropped'],
    apply(w) {
      const srv = w.servers[0]!;
      const user = w.users[5]!;
      const client = w.clients[0]!;
      const family = w.keep(w.rng.b64url(22));
      const refreshToken = w.secret(w.rng.b64url(43));
      w.http(srv, at(30, 12), { method: 'POST', path: '/oauth/revoke', status: 200, remote: w.remoteFor(user), ua: client.ua, ms: 5012 }, (q) =>
        w.log(srv, at(30, 17), 'ERROR', 'revocation error', [['error', 'revoke family: timeout: context deadline exceeded']], { req: q }));
      w.files.push({ path: 'captures/revoke.txt', mtime: at(30, 20), content: `$ curl -si -X POST https://auth.acme.dev/oauth/revoke -d token=${refreshToken} -d token_type_hint=refresh_token -d client_id=${client.id}\nHTTP/1.1 200 OK\r\nCache-Control: no-store\r\nContent-Length: 0\r\n\r\n` });
      for (const t of [at(41, 3), at(55, 40)]) {
        w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 200, remote: w.remoteFor(user), ua: client.ua }, (q) => {
          w.log(srv, t + 20, 'INFO', 'tokens refreshed', [['client_id', client.id], ['user_id', user.id], ['family_id', family], ['token_type', 'Bearer']], { component: 'token', req: q });
          w.audit(srv, t + 21, 'token.refreshed', { actor: user.id, client: client.id, ip: w.remoteFor(user).split(':')[0], detail: `family=${family}` }, q);
        });
        const tok = { sub: user.id, clientId: client.id, scope: 'tools/read tools/write', kid: asKeyA.kid, aud: [w.setup.resource], iss: w.setup.issuer, iat: t, exp: t + 15 * MINUTE, jti: w.rng.b64url(22), familyId: family };
        for (const c of spread(t + 30_000, t + 12 * MINUTE, 4)) rsCall(w, { t: c, tok, ua: client.ua, remote: w.remoteFor(user), tool: 'notes.read' });
      }
    },
  },
  {
    name: 'consent-not-granted',
    seed: 283,
    broken: 'The MCP server started asking for the new `notes/admin` scope at 08:20; users decline the consent screen.',
    symptom: 'users get bounced back to their MCP client with `access_denied`; `consent.denied` audit rows and `authserver_consent_decisions_total{decision="denied"}` grow.',
    setup: { snapshots: [15, 45, 55] },
    must_report: ['consent-not-granted'],
    primary: 'consent-not-granted',
    must_not_report: ['scopes-not-advertised', 'login-denials', 'broker-grant-revoked'],
    prepare(w) {
      w.hooks.newClientCanLogin = (t) => t < at(20);
    },
    apply(w) {
      const srv = w.servers[0]!;
      for (const t of spread(at(21), at(58), 19)) {
        const user = w.rng.pick(w.users);
        const client = w.rng.pick(w.clients);
        const session = w.rng.b64url(22);
        w.http(srv, t, { method: 'GET', path: '/consent', status: 200, remote: w.remoteFor(user), ua: BROWSER });
        w.http(srv, t + 6_000, { method: 'POST', path: '/consent', status: 303, remote: w.remoteFor(user), ua: BROWSER }, (q) =>
          w.audit(srv, t + 6_010, 'consent.denied', { actor: user.id, client: client.id, ip: w.remoteFor(user).split(':')[0], detail: `session=${session}` }, q));
        srv.metrics.inc(t + 6_010, 'authserver_consent_decisions_total', { decision: 'denied' });
      }
    },
  },
  {
    name: 'broker-grant-revoked',
    seed: 284,
    broken: 'An admin revoked user dana\'s GitHub broker grant at 08:22 (`broker_grant.revoked_admin`); her GitHub-backed tool calls fail from then on.',
    symptom: 'one user\'s GitHub tools fail with `consent_required`; nobody else is affected.',
    setup: { snapshots: [15, 45, 55] },
    must_report: ['broker-grant-revoked'],
    primary: 'broker-grant-revoked',
    must_not_report: ['upstream-refresh-failed', 'consent-not-granted', 'unexpected-key-rotation'],
    apply(w) {
      const srv = w.servers[0]!;
      const dana = w.users[7]!;
      const grant = w.keep(w.rng.b64url(22));
      w.http(srv, at(22, 9), { method: 'DELETE', path: `/admin/broker-grants/${grant}`, status: 204, remote: '10.42.9.31:50410', ua: 'authserver-cli/0.2.2', component: 'admin-http', route: '/admin/broker-grants/{id}' }, (q) =>
        w.audit(srv, at(22, 9, 40), 'broker_grant.revoked_admin', { actor: 'admin', ip: '10.42.9.31', detail: `provider=github grant_id=${grant} user=${dana.id} version=3` }, q));
      for (const t of spread(at(24), at(58), 15)) {
        brokerDenied(w, srv, t, { userId: dana.id, why: 'no active broker grant', reason: 'broker_consent_required', after: 6 });
      }
    },
  },
  {
    name: 'unexpected-key-rotation',
    seed: 285,
    broken: 'The signing key rotated at 08:47 with no admin call and no `key.rotated` audit row: `authserver_key_rotation_total` went up without an operator action.',
    symptom: 'a new kid appears in the JWKS that nobody on the team created.',
    setup: { keys: [asKeyB, asKeyA], snapshots: [40, 50, 55] },
    must_report: ['unexpected-key-rotation'],
    primary: 'unexpected-key-rotation',
    must_not_report: ['signing-key-regenerated', 'jwks-empty', 'kid-unknown'],
    prepare(w) {
      w.hooks.signingKid = (t) => (t < at(47, 31) ? asKeyA.kid : asKeyB.kid);
    },
    apply(w) {
      const srv = w.servers[0]!;
      w.log(srv, at(47, 30), 'INFO', 'rotating signing key', [], { component: 'jwks' });
      w.log(srv, at(47, 30, 40), 'INFO', 'saved new signing key', [['kid', asKeyB.kid], ['alg', 'ES256']], { component: 'jwks' });
      w.log(srv, at(47, 31), 'INFO', 'JWKS cache reloaded', [['key_count', 2], ['duration', new Dur(913_442)]], { component: 'jwks' });
      srv.metrics.inc(at(47, 31), 'authserver_key_rotation_total');
      w.keep(asKeyB.kid);
    },
  },
  {
    name: 'session-secret-ephemeral',
    seed: 291,
    broken: 'Two dev replicas behind nginx run without `session.secret`: each generates a random one, so a session cookie from one replica is invalid on the other and after every restart.',
    symptom: 'users are sent back to the login page again and again; boot logs `session.secret not configured - using random ephemeral secret`.',
    setup: { deployment: 'compose', pods: 2, issuer: 'http://localhost:9000', resource: 'http://localhost:8080/mcp', storage: 'sqlite', logFormat: 'slog-text', snapshots: [45, 55] },
    must_report: ['session-secret-ephemeral'],
    primary: 'session-secret-ephemeral',
    must_not_report: ['config-invalid', 'db-unreachable', 'issuer-mismatch'],
    prepare(w) {
      for (const s of w.servers) s.down.push([BASE - MINUTE, at(2)]);
    },
    apply(w) {
      const cfg = w.state.config as Record<string, Record<string, unknown>>;
      w.secrets.delete(String(cfg.session!.secret));
      delete cfg.session!.secret;
      cfg.session!.secure = false;
      w.servers.forEach((s, i) => boot(w, s, at(2, i * 3), { warnings: ['session.secret not configured - using random ephemeral secret (sessions will not survive restarts)'] }));
    },
  },
  {
    name: 'cors-disabled',
    seed: 292,
    broken: '`server.allowed_origins` is empty, so CORS is off: the browser-based MCP Inspector fails the preflight to /oauth/token.',
    symptom: 'the web inspector reports "CORS error" on token requests; boot logs `CORS is disabled (AUTHPLANE_SERVER_ALLOWED_ORIGINS is empty)`.',
    setup: { deployment: 'docker', snapshots: [45, 55], packaging: 'zip' },
    must_report: ['cors-disabled'],
    primary: 'cors-disabled',
    must_not_report: ['session-secret-ephemeral', 'config-invalid', 'db-unreachable'],
    prepare(w) {
      w.servers[0]!.down.push([BASE - MINUTE, at(3)]);
    },
    apply(w) {
      const srv = w.servers[0]!;
      delete (w.state.config.server as Record<string, unknown>).allowed_origins;
      boot(w, srv, at(3), { warnings: ['CORS is disabled (AUTHPLANE_SERVER_ALLOWED_ORIGINS is empty); browser-based MCP clients will fail CORS preflight'] });
      for (const t of spread(at(6), at(58), 20)) {
        for (const path of ['/.well-known/oauth-authorization-server', '/oauth/token']) w.http(srv, t + (path === '/oauth/token' ? 4000 : 0), { method: 'OPTIONS', path, status: 405, remote: `198.51.100.23:${w.rng.int(32768, 60999)}`, ua: BROWSER, ms: 0, bytes: 19 });
      }
    },
  },
  {
    name: 'version-skew',
    seed: 293,
    broken: 'A rollout stalled: two pods run 0.2.2 and one restarted pod runs 0.2.1.',
    symptom: 'behaviour differs between requests depending on the pod (e.g. cross-client exchange rules); `starting authserver version=0.2.1` in one pod.',
    setup: { pods: 3, snapshots: [40, 50, 55] },
    must_report: ['version-skew'],
    primary: 'version-skew',
    must_not_report: ['config-invalid', 'db-unreachable', 'signing-key-regenerated'],
    prepare(w) {
      const old = w.servers[2]!;
      old.version = '0.2.1';
      old.metrics.target.service_version = '0.2.1';
      old.down.push([at(11, 40), at(12, 5)]);
    },
    apply(w) {
      boot(w, w.servers[2]!, at(12, 5), { version: '0.2.1' });
    },
  },
  {
    name: 'observability-gap',
    seed: 294,
    broken: 'At the 08:06 restart both exporters failed: `failed to setup metrics, using noop` and `failed to setup tracing, using noop`; /metrics is empty and there are no trace ids.',
    symptom: 'dashboards flat-line and every /metrics scrape in the bundle is empty.',
    setup: { snapshots: [45, 55] },
    must_report: ['observability-gap'],
    primary: 'observability-gap',
    must_not_report: ['server-errors', 'db-unreachable', 'config-invalid'],
    prepare(w) {
      w.servers[0]!.down.push([at(6), at(6, 4)]);
      (w.state.config.observability as Record<string, Record<string, unknown>>).tracing!.enabled = true;
    },
    apply(w) {
      const srv = w.servers[0]!;
      boot(w, srv, at(6, 4));
      w.log(srv, at(6, 4, 300), 'ERROR', 'failed to setup tracing, using noop', [['error', 'otlptracegrpc: dial otel-collector.observability.svc:4317: connect: connection refused']]);
      w.log(srv, at(6, 4, 310), 'ERROR', 'failed to setup metrics, using noop', [['error', 'prometheus exporter: duplicate metrics collector registration attempted']]);
      srv.metrics.enabled = false;
    },
  },
  {
    name: 'admin-key-rejected',
    seed: 302,
    broken: 'The admin API key was rotated at 08:30 (new AUTHPLANE_ADMIN_API_KEY, rolling restart), but the SIEM audit exporter and the support engineer running `forensic collect` still use the old one (reference AD3).',
    symptom: 'every admin call answers 401 `{"error":"unauthorized","error_description":"invalid API key"}`: the exporter stops at 08:30 and the bundle has no `/admin/audit` pages, only the 401 captures and a manifest listing them.',
    setup: { snapshots: [20, 40, 55] },
    must_report: ['admin-key-rejected'],
    primary: 'admin-key-rejected',
    must_not_report: ['audit-events-dropped', 'server-errors', 'discovery-not-found'],
    prepare(w) {
      w.auditDump = false;
      w.overrides.set('admin/system-status.json', null);
      w.overrides.set('admin/stats.json', null);
    },
    apply(w) {
      const srv = w.servers[0]!;
      const since = (t: number) => encodeURIComponent(new Date(t - 5 * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      for (const t of w.minutes(0, 60, 5)) {
        w.http(srv, t, { method: 'GET', path: `/admin/audit?since=${since(t)}&limit=1000`, status: t < at(30) ? 200 : 401, remote: `10.42.7.40:${w.rng.int(32768, 60999)}`, ua: 'siem-audit-exporter/1.2 (Go-http-client/1.1)', component: 'admin-http', ms: t < at(30) ? 12 : 1, ...(t < at(30) ? {} : { bytes: 63 }) });
      }
      const admin = 'http://authserver.authplane.svc:9001';
      const collectedAt = at(w.setup.collectedAt);
      const refused = '{"error":"unauthorized","error_description":"invalid API key"}';
      const items = [['admin/audit page 1', `/admin/audit?since=${since(collectedAt - 24 * 60 * MINUTE + 5 * MINUTE)}&limit=1000&offset=0`], ['admin/system/status', '/admin/system/status'], ['admin/system/config', '/admin/system/config'], ['admin/stats', '/admin/stats']] as const;
      items.forEach(([name, path], i) => {
        const t = collectedAt + 900 + i * 40;
        w.http(srv, t, { method: 'GET', path, status: 401, remote: '10.42.9.31:52210', ua: 'forensic/0.1.0', component: 'admin-http', ms: 1, bytes: 63 });
        w.files.push({ path: `exchanges/${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.http`, mtime: t, content: `$ curl -si -H "Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY" '${admin}${path}'\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\nWww-Authenticate: Bearer realm="admin"\nDate: ${new Date(t).toUTCString()}\nContent-Length: ${refused.length}\n\n${refused}\n` });
      });
      const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const manifest = {
        tool: 'forensic', version: '0.1.0', collected_at: iso(collectedAt), finished_at: iso(collectedAt + 1100), redacted: true,
        targets: { public: 'http://authserver.authplane.svc:9000', admin, resources: [w.setup.resource] },
        options: { interval_s: 30, since: '24h', timeout_s: 10, log_limit_bytes: 52428800, admin_key_source: 'env' },
        items: [
          { name: 'public/health', url: 'http://authserver.authplane.svc:9000/health', file: 'health/health.json', status: 200, error: null, outcome: 'ok', started_at: iso(collectedAt + 100), duration_ms: 3 },
          ...items.map(([name, path], i) => ({ name, url: `${admin}${path}`, file: `exchanges/${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.http`, status: 401, error: null, outcome: 'http-error', started_at: iso(collectedAt + 900 + i * 40), duration_ms: 2 })),
        ],
      };
      w.files.push({ path: 'manifest.json', mtime: collectedAt + 1100, content: `${JSON.stringify(manifest, null, 2)}\n` });
    },
  },
];
