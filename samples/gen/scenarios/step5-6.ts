// Checklist steps 5–6: audience without the resource URI (while require_scope was toggled), a token
// issuer the MCP server does not expect, missing scope, expired tokens, clock skew, no SDK
// verification at all, and 401s without resource_metadata.
import { boot, shutdown } from '../boot.ts';
import { curlVerbose } from '../captures.ts';
import { failures, rsCall } from '../rs.ts';
import type { Scenario } from '../types.ts';
import { at, captureRs, pasteToken, realToken, SECOND, spread, tokenFor } from './kit.ts';
import { asKeyA } from '../keys.ts';

const PRM_HDR = 'resource_metadata="https://mcp.acme.dev/.well-known/oauth-protected-resource/mcp"';

export const step56: Scenario[] = [
  {
    name: 'audience-mismatch',
    seed: 241,
    checklist: true,
    broken: 'Cursor and VS Code send `resource=https://mcp.acme.dev` (no `/mcp`), so their tokens\' `aud` lacks the resource URI; at 08:25 the operator restarted with AUTHPLANE_OAUTH_REQUIRE_SCOPE=false, which changed nothing.',
    symptom: 'Cursor/VS Code calls fail with `verifier: audience mismatch: expected "https://mcp.acme.dev/mcp"` before and after the require_scope toggle.',
    setup: { deployment: 'docker', snapshots: [20, 45, 55] },
    must_report: ['audience-mismatch'],
    primary: 'audience-mismatch',
    must_not_report: ['scope-required-missing', 'kid-unknown', 'jwks-empty', 'token-issuer-mismatch'],
    prepare(w) {
      const origin = new URL(w.setup.resource).origin;
      w.hooks.audience = (_t, clientId) => (w.clients.find((c) => c.id === clientId)?.name.match(/Cursor|VS Code/) ? [origin] : [w.setup.resource]);
      w.hooks.rsOutcome = (_w, call) => (call.tok!.aud.includes(w.setup.resource) ? null : failures.audience(w.setup.resource));
      w.servers[0]!.down.push([at(25, 0), at(25, 6)]);
    },
    async apply(w) {
      const srv = w.servers[0]!;
      shutdown(w, srv, at(25));
      boot(w, srv, at(25, 6), { warnings: ['oauth.require_scope=false: authorize requests without scope default to the resource\'s registered scopes'] });
      (w.state.config.oauth as Record<string, unknown>).require_scope = false;
      w.state.env.AUTHPLANE_OAUTH_REQUIRE_SCOPE = 'false';
      const cursor = w.clients.find((c) => c.name === 'Cursor')!;
      for (const t of spread(at(27), at(58), 5)) w.log(srv, t, 'WARN', 'scope absent from authorize request, using defaults', [['client_id', cursor.id], ['resource', new URL(w.setup.resource).origin], ['defaulted_scope', w.setup.scopes.join(' ')]]);
      const jwt = await realToken(w, tokenFor(w, at(48), { clientId: cursor.id, aud: [new URL(w.setup.resource).origin] }), asKeyA);
      pasteToken(w, jwt, at(52));
      captureRs(w, at(52, 20), jwt, 401, `Bearer error="invalid_token", ${PRM_HDR}`, JSON.stringify({ error: 'invalid_token', error_description: `verifier: audience mismatch: expected "${w.setup.resource}"` }));
    },
  },
  {
    name: 'token-issuer-mismatch',
    seed: 242,
    broken: 'The MCP server is configured with issuer `https://auth.acme.dev/` (trailing slash) while AuthPlane\'s issuer and every token\'s `iss` is `https://auth.acme.dev`.',
    symptom: 'every MCP call fails with `verifier: issuer mismatch: expected "https://auth.acme.dev/", got "https://auth.acme.dev"`; AuthPlane discovery looks right.',
    setup: { snapshots: [45, 55] },
    must_report: ['token-issuer-mismatch'],
    primary: 'token-issuer-mismatch',
    must_not_report: ['audience-mismatch', 'kid-unknown', 'jwks-empty', 'token-expired'],
    prepare(w) {
      w.hooks.rsOutcome = (_w, call) => (call.t > at(18) ? failures.issuer(`${w.setup.issuer}/`, call.tok!.iss) : null);
    },
    async apply(w) {
      w.mcpLog(at(17, 40), 'INFO', 'shutting down', [['service', 'notes-mcp']]);
      w.mcpLog(at(17, 55), 'INFO', 'notes MCP server listening', [['service', 'notes-mcp'], ['url', 'http://0.0.0.0:8080'], ['issuer', `${w.setup.issuer}/`], ['resource', w.setup.resource]]);
      const jwt = await realToken(w, tokenFor(w, at(44)), asKeyA);
      pasteToken(w, jwt, at(50));
    },
  },
  {
    name: 'insufficient-scope',
    seed: 243,
    broken: 'Clients were registered with `tools/read` only; `notes.create` and `notes.update` require `tools/write`.',
    symptom: 'searches work, but creating or editing a note fails with 403 `insufficient_scope` (`required scope "tools/write"; token has scopes: tools/read`).',
    setup: { snapshots: [45, 55] },
    must_report: ['insufficient-scope'],
    primary: 'insufficient-scope',
    must_not_report: ['audience-mismatch', 'scopes-not-advertised', 'scope-required-missing', 'kid-unknown'],
    prepare(w) {
      w.hooks.tokenScope = () => 'tools/read';
      w.hooks.rsOutcome = (_w, call) => (/create|update/.test(call.tool) && !call.tok!.scope.includes('tools/write') ? failures.scope('tools/write', call.tok!.scope) : null);
    },
    async apply(w) {
      const jwt = await realToken(w, tokenFor(w, at(40), { scope: 'tools/read' }), asKeyA);
      pasteToken(w, jwt, at(47));
      captureRs(w, at(47, 10), jwt, 403, `Bearer error="insufficient_scope", scope="tools/write", ${PRM_HDR}`,
        JSON.stringify({ error: 'insufficient_scope', error_description: 'verifier: insufficient scope: required scope "tools/write"; token has scopes: tools/read' }));
    },
  },
  {
    name: 'token-expired',
    seed: 244,
    checklist: true,
    broken: 'The nightly-sync job reads an access token from an env var and never refreshes it: the token expired at 08:20 and is still sent, well past the 30 s leeway.',
    symptom: 'the job\'s MCP calls fail with `verifier: token expired` from 08:20 on; clocks agree.',
    setup: { snapshots: [15, 45, 55] },
    must_report: ['token-expired'],
    primary: 'token-expired',
    must_not_report: ['clock-skew', 'kid-unknown', 'audience-mismatch', 'signing-key-regenerated'],
    async apply(w) {
      const tok = tokenFor(w, at(5, 0), { clientId: w.clients[2]!.id });
      for (const t of spread(at(6), at(59), 40)) rsCall(w, { t, tok, ua: 'nightly-sync/1.3 python-httpx/0.28.1', remote: `10.42.6.40:${w.rng.int(32768, 60999)}`, tool: 'notes.search' });
      const jwt = await realToken(w, tok, asKeyA);
      pasteToken(w, jwt, at(55), 'tokens/nightly-sync-token.txt');
      captureRs(w, at(55, 30), jwt, 401, `Bearer error="invalid_token", ${PRM_HDR}`, JSON.stringify({ error: 'invalid_token', error_description: 'verifier: token expired' }));
    },
  },
  {
    name: 'clock-skew',
    seed: 245,
    broken: 'The MCP server host\'s clock runs 150 s behind AuthPlane (NTP stopped): fresh tokens have an `iat` in the future beyond the 30 s leeway.',
    symptom: 'the first call after every login or refresh fails with `Token \'iat\' claim is in the future`; later calls work.',
    setup: { mcp: 'python-json', deployment: 'k8s-cri', snapshots: [45, 55] },
    must_report: ['clock-skew'],
    primary: 'clock-skew',
    must_not_report: ['token-expired', 'kid-unknown', 'audience-mismatch', 'jwks-unavailable'],
    prepare(w) {
      w.mcp.clockOffset = -150 * SECOND;
      w.hooks.rsOutcome = (_w, call) => {
        const now = call.t - 150 * SECOND;
        return call.tok!.iat > now + 30 * SECOND ? failures.iatFuture(Math.floor(call.tok!.iat / 1000), Math.floor(now / 1000)) : null;
      };
    },
    apply(w) {
      // The CRI runtime split a few long lines into a `P` partial line and its `F` rest.
      const long = w.servers[0]!.stream.lines.filter((l) => l.attrs.length > 8);
      for (let i = 0; i < long.length; i += 97) long[i]!.partial = true;
    },
  },
  {
    name: 'sdk-not-wired',
    seed: 251,
    checklist: true,
    broken: 'The Go MCP server registers its tool handlers before the AuthPlane middleware, so no token is ever verified.',
    symptom: 'MCP calls succeed even without a token; there is not a single `verified` line and the MCP server never fetches the JWKS.',
    setup: { snapshots: [45, 55] },
    must_report: ['sdk-not-wired'],
    primary: 'sdk-not-wired',
    must_not_report: ['jwks-unavailable', 'kid-unknown', 'audience-mismatch', 'prm-missing'],
    prepare(w) {
      w.hooks.rsUnprotected = true;
      w.hooks.jwksFetchOk = () => false;
    },
    apply(w) {
      w.files.push({ path: 'captures/mcp-without-token.txt', mtime: at(50), content: curlVerbose({
        method: 'POST', url: w.setup.resource, ip: '34.117.59.81', t: at(50), reqHeaders: [['Content-Type', 'application/json']],
        reqBody: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}', status: 200, statusText: 'OK', resHeaders: [['Content-Type', 'application/json']],
        body: '{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"notes.search"},{"name":"notes.read"},{"name":"notes.create"},{"name":"notes.update"}]}}\n' }) });
    },
  },
  {
    name: 'www-authenticate-missing',
    seed: 252,
    broken: 'A hand-written auth middleware answers 401 with `WWW-Authenticate: Bearer error="invalid_token"` and no `resource_metadata`, so MCP clients never discover the PRM.',
    symptom: 'new MCP clients loop on 401 and never open a login page; the PRM is fine when fetched by hand.',
    setup: { snapshots: [45, 55] },
    must_report: ['www-authenticate-missing'],
    primary: 'www-authenticate-missing',
    must_not_report: ['prm-missing', 'jwks-empty', 'audience-mismatch', 'sdk-not-wired'],
    prepare(w) {
      w.hooks.prmStatus = () => 0;
    },
    apply(w) {
      for (const start of spread(at(3), at(57), 10)) {
        const client = w.rng.pick(w.clients);
        const remote = `10.42.0.17:${w.rng.int(32768, 60999)}`;
        for (let i = 0; i < 8; i++) rsCall(w, { t: start + i * 2_300, tok: null, ua: client.ua, remote, tool: 'initialize' });
      }
      w.files.push({ path: 'captures/mcp-401.txt', mtime: at(50), content: curlVerbose({
        method: 'POST', url: w.setup.resource, ip: '34.117.59.81', t: at(50), reqHeaders: [['Content-Type', 'application/json']],
        reqBody: '{"jsonrpc":"2.0","id":1,"method":"initialize"}', status: 401, statusText: 'Unauthorized',
        resHeaders: [['Content-Type', 'application/json'], ['Www-Authenticate', 'Bearer error="invalid_token"']], body: '{"error":"unauthorized"}\n' }) });
    },
  },
  {
    name: 'invalid-target',
    seed: 246,
    broken: 'The reports-sync job asks for its client_credentials token with `resource=https://mcp.acme.dev/mcp/` (a trailing slash); since 0.2.0 the token endpoint checks the resource against the registered ones and refuses it (reference G11).',
    symptom: 'every run of the job fails at the token endpoint with 400 `invalid_target` "the requested resource target is unavailable"; `client_credentials.denied reason=invalid_target` rows and `authplane_client_credentials_denied_total{reason="invalid_target"}` grow.',
    setup: { snapshots: [20, 40, 55] },
    must_report: ['invalid-target'],
    primary: 'invalid-target',
    must_not_report: ['audience-mismatch', 'client-credentials-denied', 'server-errors'],
    apply(w) {
      const job = 'reports-sync';
      for (const t of spread(at(14), at(58), 22)) {
        const srv = w.pick(t);
        w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 400, remote: `10.42.0.21:${w.rng.int(32768, 60999)}`, ua: 'reports-sync/2.3 (python-requests/2.32.3)', ms: w.rng.latency(5) }, (q) => {
          w.audit(srv, t + 3, 'client_credentials.denied', { actor: job, client: job, detail: 'reason=invalid_target' }, q);
          srv.metrics.inc(t + 3, 'authplane_client_credentials_denied_total', { reason: 'invalid_target' });
        });
      }
      const basic = w.secret(Buffer.from(`${job}:${w.rng.b64url(32)}`).toString('base64'));
      const desc = `the requested resource target is unavailable: resource \\"${w.setup.resource}/\\" is not a registered resource`;
      w.files.push({ path: 'captures/reports-sync-token.txt', mtime: at(51), content: curlVerbose({
        method: 'POST', url: 'https://auth.acme.dev/oauth/token', ip: '34.117.59.80', t: at(51),
        reqHeaders: [['Authorization', `Basic ${basic}`], ['Content-Type', 'application/x-www-form-urlencoded']],
        reqBody: 'grant_type=client_credentials&scope=tools%2Fread&resource=https%3A%2F%2Fmcp.acme.dev%2Fmcp%2F',
        status: 400, statusText: 'Bad Request', resHeaders: [['Content-Type', 'application/problem+json'], ['Cache-Control', 'no-store']],
        body: `{"error":"invalid_target","error_description":"${desc}","type":"https://docs.authplane.ai/errors/invalid_target","title":"Bad Request","detail":"${desc}","status":400}\n` }) });
    },
  },
];
