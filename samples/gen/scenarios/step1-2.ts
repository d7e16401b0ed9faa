// Checklist steps 1–2: AuthPlane down, DB down, boot config invalid, issuer mismatch, discovery on the
// admin port, an empty JWKS, a JWKS the MCP server cannot reach, and PRM problems.
import { boot, shutdown } from '../boot.ts';
import { curlInclude, curlRefused } from '../captures.ts';
import { compact, jq } from '../documents.ts';
import { asKeyA } from '../keys.ts';
import { failures } from '../rs.ts';
import { streamFor } from '../setup.ts';
import type { Scenario } from '../types.ts';
import { at, BASE, MINUTE, prmUrl } from './kit.ts';

const DB_ERR = 'failed to connect to `user=authplane database=authplane`: 10.43.12.7:5432 (pg-primary.db.svc): dial error: dial tcp 10.43.12.7:5432: connect: connection refused';

export const step12: Scenario[] = [
  {
    name: 'server-unreachable',
    seed: 211,
    broken: 'authserver was OOM-killed at 08:41 and systemd did not restart it (Restart=no).',
    symptom: '`curl http://localhost:9000/health` → connection refused; logins fail and MCP tokens expire one by one.',
    setup: { deployment: 'systemd', mcp: 'ts', storage: 'sqlite', snapshots: [30, 38], audit: 'array-pretty' },
    must_report: ['server-unreachable'],
    primary: 'server-unreachable',
    must_not_report: ['db-unreachable', 'config-invalid', 'issuer-mismatch', 'jwks-empty'],
    prepare(w) {
      w.servers[0]!.down.push([at(41, 7), BASE + 2 * 60 * MINUTE]);
    },
    apply(w) {
      const srv = w.servers[0]!;
      const sd = streamFor(w, 'systemd', srv.stream.pod, 'systemd', 'console');
      sd.file = srv.stream.file;
      w.streams.push(sd);
      w.raw(sd, at(41, 7, 310), 'authserver.service: A process of this unit has been killed by the OOM killer.', 'ERROR', false);
      w.raw(sd, at(41, 7, 330), 'authserver.service: Main process exited, code=killed, status=9/KILL', 'ERROR', false);
      w.raw(sd, at(41, 7, 340), "authserver.service: Failed with result 'oom-kill'.", 'ERROR', false);
      for (let t = at(43); t < at(60); t += 5 * MINUTE) w.mcpLog(t, 'WARN', '[authplane] Document refresh backing off after a failed attempt (retry in 29s).', [], undefined, true);
      w.files.push({ path: 'captures/health.txt', content: curlRefused('http://localhost:9000/health', '127.0.0.1'), mtime: at(58) });
      for (const p of ['health/health.json', 'health/ready.json', 'discovery/oauth-authorization-server.json', 'discovery/jwks.json', 'admin/system-status.json', 'admin/stats.json']) w.overrides.set(p, null);
    },
  },
  {
    name: 'db-unreachable',
    seed: 212,
    broken: 'Postgres (pg-primary) went away at 08:42: the DB ping fails, /health is degraded, logins and token requests fail with 500.',
    symptom: 'users cannot log in (500), MCP clients cannot refresh tokens; /health says `{"status":"degraded","db":"error"}`.',
    setup: { pods: 2, tracing: true, snapshots: [40, 50, 55] },
    must_report: ['db-unreachable'],
    primary: 'db-unreachable',
    must_not_report: ['server-unreachable', 'config-invalid', 'jwks-empty', 'issuer-mismatch'],
    prepare(w) {
      const from = at(42, 3);
      w.hooks.asError = (t, kind) => t < from ? null
        : kind === 'login' ? { status: 500, msg: 'login: authentication failed on an internal error', error: DB_ERR }
          : kind === 'token' ? { status: 500, msg: 'token endpoint error', error: DB_ERR } : { status: 503, msg: '', error: '' };
      w.state.health = 'degraded';
    },
    apply(w) {
      for (const srv of w.servers) {
        for (let t = at(42, 40); t < at(60); t += 4 * MINUTE) w.log(srv, t, 'ERROR', 'system status db ping failed', [['error', DB_ERR]]);
        w.log(srv, at(44, 12), 'ERROR', 'session: user existence check failed', [['error', DB_ERR], ['user_id', w.users[3]!.id], ['fail_mode', 'closed']]);
      }
      w.files.push({ path: 'captures/health.txt', content: curlInclude({ method: 'GET', url: 'https://auth.acme.dev/health', ip: '', t: at(58), status: 503, statusText: 'Service Unavailable', resHeaders: [['Content-Type', 'application/json']], body: compact({ status: 'degraded', time: '2026-10-03T08:58:00Z', db: 'error' }) }), mtime: at(58) });
    },
  },
  {
    name: 'config-invalid',
    seed: 213,
    broken: 'A rollout at 08:40 shipped a Secret without session.secret and admin.api_key: the new pod exits with `configuration validation failed` (CrashLoopBackOff) while the old pod keeps serving.',
    symptom: 'the deployment never finishes; the new pod restarts over and over with `error: load config: configuration validation failed:`.',
    setup: { pods: 1, snapshots: [45, 55] },
    must_report: ['config-invalid'],
    primary: 'config-invalid',
    must_not_report: ['db-unreachable', 'jwks-empty', 'issuer-mismatch', 'signing-key-regenerated'],
    apply(w) {
      const cfg = w.state.config as Record<string, Record<string, unknown>>;
      w.secrets.delete(String(cfg.session!.secret));
      w.secrets.delete(String(cfg.admin!.api_key));
      delete cfg.session!.secret;
      delete cfg.admin!.api_key;
      const pod = `authserver-5b9f7d6c48-${w.rng.b64url(5).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
      const crash = streamFor(w, 'k8s', pod, 'authserver', 'slog-json');
      crash.file = `logs/${pod}.previous.log`;
      w.streams.push(crash);
      const text = 'error: load config: configuration validation failed:\n  1. session.secret is required when server.issuer is not localhost\n  2. admin.api_key is required when admin is enabled and server.issuer is not localhost';
      for (const m of [40.2, 40.5, 41, 41.9, 43.6, 46.4, 51.5, 56.6]) w.raw(crash, BASE + Math.round(m * MINUTE), text);
    },
  },
  {
    name: 'issuer-mismatch',
    seed: 214,
    checklist: true,
    broken: 'The compose file misspells AUTHPLANE_SERVER_ISSUER, so AuthPlane runs with the default issuer `http://localhost:9000` while the env file and the MCP server use `https://auth.acme.dev`.',
    symptom: 'discovery says `"issuer": "http://localhost:9000"`; every MCP call fails the issuer check.',
    setup: { deployment: 'compose', mcp: 'python-json', audit: 'envelope', storage: 'sqlite', snapshots: [45, 55], packaging: 'zip' },
    must_report: ['issuer-mismatch'],
    primary: 'issuer-mismatch',
    must_not_report: ['jwks-empty', 'db-unreachable', 'prm-missing', 'server-unreachable'],
    prepare(w) {
      w.state.asIssuer = 'http://localhost:9000';
      w.servers[0]!.down.push([BASE - MINUTE, at(5)]);
      const want = w.setup.issuer;
      w.hooks.rsOutcome = (_w, call) => failures.issuer(want, call.tok!.iss);
    },
    apply(w) {
      boot(w, w.servers[0]!, at(5), { issuer: 'http://localhost:9000' });
      const cfg = w.state.config as Record<string, Record<string, unknown>>;
      delete cfg.server!.issuer;
      w.files.push({ path: 'docker-compose.yml', mtime: at(4), content: [
        'services:', '  authserver:', '    image: authplane/authserver:0.2.2', '    ports: ["9000:9000", "127.0.0.1:9001:9001"]',
        '    environment:', '      AUTHPLANE_SERVER_ISSUR: https://auth.acme.dev', '      AUTHPLANE_CONFIG: /etc/authserver/config.yaml',
        '    volumes: ["./config.yaml:/etc/authserver/config.yaml:ro", "authdata:/var/lib/authserver"]',
        '  notes-mcp:', '    image: acme/notes-mcp:1.4.0', '    environment:', '      AUTHPLANE_ISSUER: https://auth.acme.dev', '      AUTHPLANE_RESOURCE: https://mcp.acme.dev/mcp',
        'volumes:', '  authdata: {}', ''].join('\n') });
    },
  },
  {
    name: 'discovery-not-found',
    seed: 215,
    broken: 'The MCP server was configured with the admin address `http://authserver.authplane.svc:9001` as its issuer: discovery there answers 404 (discovery lives on :9000).',
    symptom: 'every MCP call fails with 503 `verifier: metadata unavailable`; `curl :9001/.well-known/oauth-authorization-server` → 404.',
    setup: { snapshots: [45, 55] },
    must_report: ['discovery-not-found'],
    primary: 'discovery-not-found',
    must_not_report: ['server-unreachable', 'jwks-empty', 'db-unreachable', 'signing-key-regenerated'],
    prepare(w) {
      const err = 'verifier: metadata unavailable: metadata: discovery failed (tried RFC 8414 and OIDC): metadata: http://authserver.authplane.svc:9001/.well-known/oauth-authorization-server returned HTTP 404';
      w.hooks.rsOutcome = () => ({ status: 503, goError: err, pyClass: 'MetadataFetchError', pyError: err });
      w.hooks.jwksFetchOk = () => false;
    },
    apply(w) {
      const srv = w.servers[0]!;
      for (let t = at(0, 20); t < at(60); t += 5 * MINUTE) {
        for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
          w.http(srv, t + (path.includes('openid') ? 40 : 0), { method: 'GET', path, status: 404, remote: `${w.mcp.ip}:${w.rng.int(40000, 60000)}`, ua: 'Go-http-client/1.1', component: 'admin-http', route: null, bytes: 19, ms: 0 });
        }
      }
      w.files.push({ path: 'captures/discovery-9001.txt', mtime: at(57), content: `$ curl -si http://authserver.authplane.svc:9001/.well-known/oauth-authorization-server\n${curlInclude({ method: 'GET', url: '', ip: '', t: at(57), status: 404, statusText: 'Not Found', resHeaders: [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']], body: '404 page not found\n' })}` });
    },
  },
  {
    name: 'jwks-empty',
    seed: 216,
    checklist: true,
    broken: 'After a database restore the postgres_key store holds no signing key: the new pod boots with `initial JWKS reload failed`, serves `{"keys":[]}` and cannot sign.',
    symptom: 'JWKS has 0 keys; token requests fail with 500 and MCP calls fail with unknown kid.',
    setup: { pods: 2, snapshots: [40, 50, 55] },
    must_report: ['jwks-empty'],
    primary: 'jwks-empty',
    must_not_report: ['db-unreachable', 'issuer-mismatch', 'signing-key-regenerated', 'prm-missing'],
    prepare(w) {
      const [old, neu] = w.servers as [typeof w.servers[0], typeof w.servers[0]];
      const roll = at(12, 30);
      old!.down.push([roll, BASE + 120 * MINUTE]);
      neu!.down.push([BASE - MINUTE, roll + 5000]);
      w.hooks.asError = (t, kind) => (t > roll && kind === 'token' ? { status: 500, msg: 'token endpoint error', error: 'signing key not found' } : null);
      w.hooks.rsOutcome = (_w, call) => (call.t > roll + 3 * MINUTE ? failures.kidUnknown(call.tok!.kid) : null);
      w.state.jwksKids = [];
      (w.state.config.signing as Record<string, unknown>).key_store = 'postgres_key';
    },
    apply(w) {
      const [old, neu] = w.servers;
      shutdown(w, old!, at(12, 31));
      boot(w, neu!, at(12, 31), { jwksReloadError: 'signing key not found' });
      w.log(neu!, at(12, 40), 'INFO', 'JWKS cache reloaded', [['key_count', 0], ['duration', 412_331]], { component: 'jwks' });
      w.keep(asKeyA.kid);
      w.files.push({ path: 'captures/jwks-count.txt', mtime: at(58), content: "$ curl -s https://auth.acme.dev/.well-known/jwks.json | jq '.keys | length'\n0\n" });
    },
  },
  {
    name: 'jwks-unavailable',
    seed: 217,
    broken: 'A NetworkPolicy applied at 08:30 blocks egress from the MCP namespace to AuthPlane; the MCP pod restarted at 08:31 with an empty JWKS cache and cannot fetch one.',
    symptom: 'every MCP call fails with 503 `verifier: JWKS unavailable … i/o timeout`, while AuthPlane itself is healthy.',
    setup: { snapshots: [45, 55] },
    must_report: ['jwks-unavailable'],
    primary: 'jwks-unavailable',
    must_not_report: ['server-unreachable', 'db-unreachable', 'jwks-empty', 'kid-unknown', 'signing-key-regenerated'],
    prepare(w) {
      const cut = at(30);
      const err = 'Get "https://auth.acme.dev/.well-known/jwks.json": dial tcp 34.117.59.80:443: i/o timeout';
      w.hooks.jwksFetchOk = (_w, t) => t < cut;
      w.hooks.rsOutcome = (_w, call) => (call.t > at(31, 20) ? failures.jwksUnavailable(err) : null);
    },
    apply(w) {
      w.mcpLog(at(31, 2), 'INFO', 'shutting down', [['service', 'notes-mcp']]);
      w.mcpLog(at(31, 18), 'INFO', 'notes MCP server listening', [['service', 'notes-mcp'], ['url', 'http://0.0.0.0:8080']]);
    },
  },
  {
    name: 'prm-missing',
    seed: 218,
    checklist: true,
    broken: 'A redeploy of the Go MCP server at 08:20 dropped the PRM handler: `/.well-known/oauth-protected-resource/mcp` answers 404.',
    symptom: 'new MCP clients get 401 and then 404 on the PRM and never reach the login page; existing sessions keep working.',
    setup: { snapshots: [45, 55] },
    must_report: ['prm-missing'],
    primary: 'prm-missing',
    must_not_report: ['jwks-empty', 'server-unreachable', 'issuer-mismatch', 'db-unreachable'],
    prepare(w) {
      w.hooks.prmStatus = (t) => (t > at(20) ? 404 : 200);
      w.state.prm = null;
    },
    apply(w) {
      w.files.push({ path: 'captures/prm.txt', mtime: at(57), content: `$ curl -si ${prmUrl(w)}\n${curlInclude({ method: 'GET', url: '', ip: '', t: at(57), status: 404, statusText: 'Not Found', resHeaders: [['Content-Type', 'text/plain; charset=utf-8']], body: '404 page not found\n' })}` });
    },
  },
  {
    name: 'prm-authorization-servers',
    seed: 219,
    broken: 'The TS MCP server serves a hand-written PRM whose `authorization_servers` is empty, so clients cannot find AuthPlane.',
    symptom: 'new MCP clients stop after reading the PRM (no login attempt reaches AuthPlane); existing sessions keep working.',
    setup: { mcp: 'ts', deployment: 'docker', snapshots: [45, 55] },
    must_report: ['prm-authorization-servers'],
    primary: 'prm-authorization-servers',
    must_not_report: ['prm-missing', 'jwks-empty', 'server-unreachable', 'issuer-mismatch'],
    prepare(w) {
      w.hooks.newClientCanLogin = () => false;
      w.state.prm = { resource: w.setup.resource, authorization_servers: [], scopes_supported: w.setup.scopes, bearer_methods_supported: ['header'], resource_signing_alg_values_supported: ['RS256', 'ES256'] };
    },
    apply(w) {
      w.files.push({ path: 'captures/prm.txt', mtime: at(57), content: `$ curl -s ${prmUrl(w)} | jq .\n${jq(w.state.prm)}` });
    },
  },
];
