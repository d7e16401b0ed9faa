// Checklist steps 3–4: scopes not advertised, a client omitting `scope` under require_scope, a kid the
// verifier cannot find after a rotation, a token of the wrong type, and a tampered signature.
import { curlInclude, curlVerbose } from '../captures.ts';
import { asKeyA, asKeyB } from '../keys.ts';
import { failures, rsCall } from '../rs.ts';
import { signaturePart, signJwt, accessClaims } from '../tokens.ts';
import type { Scenario } from '../types.ts';
import { adminRotate, at, captureRs, pasteToken, realToken, spread, tokenFor } from './kit.ts';

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36';

export const step34: Scenario[] = [
  {
    name: 'scopes-not-advertised',
    seed: 221,
    checklist: true,
    broken: 'The notes resource was re-created at 08:15 without scopes: `scopes_supported` is empty and authorize denies with `no scopes registered for resource`.',
    symptom: 'new MCP clients bounce back from /oauth/authorize with `invalid_scope`; `jq .scopes_supported` shows `[]`.',
    setup: { snapshots: [45, 55], audit: 'array-pretty' },
    must_report: ['scopes-not-advertised'],
    primary: 'scopes-not-advertised',
    must_not_report: ['scope-required-missing', 'jwks-empty', 'prm-missing', 'audience-mismatch'],
    prepare(w) {
      w.hooks.newClientCanLogin = (t) => t < at(15);
      w.state.scopesSupported = [];
      w.state.prm = { resource: w.setup.resource, authorization_servers: [w.setup.issuer], bearer_methods_supported: ['header'] };
    },
    apply(w) {
      const srv = w.servers[0]!;
      w.http(srv, at(14, 50), { method: 'DELETE', path: '/admin/resources/res_notes', status: 204, remote: '10.42.9.31:50112', ua: 'curl/8.5.0', component: 'admin-http', route: '/admin/resources/{id}' }, (q) =>
        w.audit(srv, at(14, 50, 20), 'resource.deleted', { actor: 'admin', ip: '10.42.9.31', detail: 'slug=notes' }, q));
      w.http(srv, at(15, 2), { method: 'POST', path: '/admin/resources', status: 201, remote: '10.42.9.31:50118', ua: 'curl/8.5.0', component: 'admin-http' }, (q) =>
        w.audit(srv, at(15, 2, 20), 'resource.created', { actor: 'admin', ip: '10.42.9.31', detail: `slug=notes uri=${w.setup.resource}` }, q));
      for (const t of spread(at(16), at(59), 24)) {
        const client = w.rng.pick(w.clients);
        w.http(srv, t, { method: 'GET', path: '/oauth/authorize', status: 303, remote: `10.42.0.17:${w.rng.int(32768, 60999)}`, ua: BROWSER }, (q) =>
          w.log(srv, t + 3, 'WARN', 'no scopes registered for resource, denying request', [['client_id', client.id], ['resource', w.setup.resource]], { req: q }));
      }
      w.files.push({ path: 'captures/scopes.txt', mtime: at(57), content: "$ curl -s https://auth.acme.dev/.well-known/oauth-authorization-server | jq .scopes_supported\n[]\n" });
    },
  },
  {
    name: 'scope-required-missing',
    seed: 222,
    broken: 'Claude Code sends /oauth/authorize without `scope` while `oauth.require_scope=true` (the default): AuthPlane redirects back with `invalid_scope`.',
    symptom: 'Claude Code shows "invalid_scope: scope parameter is required (oauth.require_scope=true)"; Cursor and VS Code connect fine.',
    setup: { snapshots: [45, 55] },
    must_report: ['scope-required-missing'],
    primary: 'scope-required-missing',
    must_not_report: ['scopes-not-advertised', 'audience-mismatch', 'prm-missing', 'jwks-empty'],
    prepare(w) {
      w.hooks.newClientCanLogin = (_t, client) => client.name !== 'Claude Code';
    },
    apply(w) {
      const cc = w.clients.find((c) => c.name === 'Claude Code')!;
      for (const t of spread(at(5), at(59), 14)) {
        const srv = w.pick(t);
        const remote = `10.42.0.18:${w.rng.int(32768, 60999)}`;
        w.http(srv, t, { method: 'GET', path: '/.well-known/oauth-authorization-server', status: 200, remote, ua: cc.ua });
        w.http(srv, t + 900, { method: 'GET', path: '/oauth/authorize', status: 303, remote, ua: BROWSER });
      }
      const state = w.rng.b64url(32);
      const challenge = w.rng.b64url(43);
      const loc = `http://localhost:53682/callback?error=invalid_scope&error_description=the+requested+scope+is+invalid+or+not+allowed%3A+scope+parameter+is+required+%28oauth.require_scope%3Dtrue%29&state=${state}&iss=https%3A%2F%2Fauth.acme.dev`;
      w.files.push({ path: 'captures/authorize-claude-code.txt', mtime: at(50), content: curlVerbose({
        method: 'GET', url: `https://auth.acme.dev/oauth/authorize?response_type=code&client_id=${cc.id}&code_challenge=${challenge}&code_challenge_method=S256&redirect_uri=http%3A%2F%2Flocalhost%3A53682%2Fcallback&state=${state}&resource=https%3A%2F%2Fmcp.acme.dev%2Fmcp`,
        ip: '34.117.59.80', t: at(50), status: 303, statusText: 'See Other', resHeaders: [['Location', loc], ['Cache-Control', 'no-store']], body: '' }) });
    },
  },
  {
    name: 'kid-unknown',
    seed: 231,
    checklist: true,
    broken: 'An admin rotation at 08:30 added a new kid, but a CDN in front of auth.acme.dev caches the JWKS for an hour (`Cache-Control: public, max-age=3600`): the TS MCP server\'s forced refresh still gets the old key set.',
    symptom: 'tokens minted after 08:30 fail with `Token kid \'…\' not found in JWKS after forced refresh`; older tokens still work.',
    setup: { mcp: 'ts', keys: [asKeyB, asKeyA], snapshots: [25, 45, 55] },
    must_report: ['kid-unknown'],
    primary: 'kid-unknown',
    must_not_report: ['signing-key-regenerated', 'unexpected-key-rotation', 'jwks-empty', 'signature-invalid', 'issuer-mismatch'],
    prepare(w) {
      const rot = at(30, 4);
      w.hooks.signingKid = (t) => (t < rot ? asKeyA.kid : asKeyB.kid);
      w.hooks.rsOutcome = (_w, call) => (call.tok!.kid === asKeyB.kid ? failures.kidUnknown(asKeyB.kid) : null);
    },
    async apply(w) {
      adminRotate(w, at(30, 4), asKeyB.kid);
      w.keep(asKeyA.kid);
      const jwt = await realToken(w, tokenFor(w, at(41, 10), { kid: asKeyB.kid }), asKeyB);
      pasteToken(w, jwt, at(52));
      w.files.push({ path: 'captures/jwks-public.txt', mtime: at(52), content: `$ curl -si https://auth.acme.dev/.well-known/jwks.json\n${curlInclude({ method: 'GET', url: '', ip: '', t: at(52),
        status: 200, statusText: 'OK', resHeaders: [['Content-Type', 'application/json'], ['Cache-Control', 'public, max-age=3600'], ['Age', '1802'], ['Cf-Cache-Status', 'HIT'], ['Server', 'cloudflare']],
        body: `${JSON.stringify({ keys: [{ use: 'sig', kty: 'EC', kid: asKeyA.kid, crv: 'P-256', x: asKeyA.x, y: asKeyA.y, alg: 'ES256' }] })}\n` })}` });
    },
  },
  {
    name: 'token-type-invalid',
    seed: 232,
    broken: 'A load-test job mints its own HS256 tokens (`typ: JWT`) instead of getting AuthPlane access tokens; the MCP server rejects them.',
    symptom: 'the load test gets 401 on every call: `verifier: invalid claims: invalid typ "JWT", expected "at+jwt"`.',
    setup: { snapshots: [45, 55] },
    must_report: ['token-type-invalid'],
    primary: 'token-type-invalid',
    must_not_report: ['kid-unknown', 'signing-key-regenerated', 'jwks-empty', 'audience-mismatch'],
    prepare(w) {
      w.hooks.rsOutcome = (_w, call) => (call.tok!.clientId === 'loadtest'
        ? { status: 401, goError: 'verifier: invalid claims: invalid typ "JWT", expected "at+jwt"', pyClass: 'InvalidClaimsError', pyError: "Token type must be 'at+jwt', got 'JWT'" } : null);
    },
    async apply(w) {
      const secret = w.secret(`loadtest-${w.rng.b64url(24)}`);
      const claims = { iss: w.setup.issuer, sub: 'loadtest-user', aud: [w.setup.resource], exp: Math.floor(at(90) / 1000), iat: Math.floor(at(40) / 1000), client_id: 'loadtest', scope: 'tools/read tools/write' };
      const jwt = await signJwt(w.tokens, { alg: 'HS256', typ: 'JWT' }, claims, { hmac: secret });
      w.secret(jwt);
      w.secret(signaturePart(jwt));
      pasteToken(w, jwt, at(56), 'tokens/loadtest-token.txt');
      const tok = { ...tokenFor(w, at(40)), clientId: 'loadtest', kid: '' };
      for (const t of spread(at(40), at(58), 60)) rsCall(w, { t, tok: { ...tok, exp: at(90) }, ua: 'k6/0.52.0 (https://k6.io/)', remote: `10.42.6.21:${w.rng.int(32768, 60999)}`, tool: 'notes.search' });
    },
  },
  {
    name: 'signature-invalid',
    seed: 233,
    broken: 'A developer edited a token\'s payload in a JWT debugger (added `notes/admin` to scope) and kept the old signature: the kid is in the JWKS but the signature does not verify.',
    symptom: 'that developer\'s calls fail with `verifier: invalid signature`; everyone else is fine.',
    setup: { snapshots: [45, 55] },
    must_report: ['signature-invalid'],
    primary: 'signature-invalid',
    must_not_report: ['kid-unknown', 'signing-key-regenerated', 'jwks-empty', 'token-type-invalid'],
    prepare(w) {
      w.hooks.rsOutcome = (_w, call) => (call.tok!.clientId === 'tampered'
        ? { status: 401, goError: 'verifier: invalid signature: go-jose/go-jose: error in cryptographic primitive', pyClass: 'InvalidSignatureError', pyError: 'Token signature verification failed: bad_signature' } : null);
    },
    async apply(w) {
      const tok = tokenFor(w, at(44));
      const jwt = await realToken(w, tok, asKeyA);
      const forged = accessClaims({ iss: tok.iss, sub: tok.sub, aud: tok.aud, clientId: tok.clientId, scope: `${tok.scope} notes/admin`, iat: tok.iat, jti: tok.jti });
      const [h, , sig] = jwt.split('.');
      const edited = `${h}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
      w.secret(edited);
      pasteToken(w, edited, at(50));
      for (const t of spread(at(45), at(58), 9)) rsCall(w, { t, tok: { ...tok, clientId: 'tampered' }, ua: 'curl/8.5.0', remote: `10.42.0.17:${w.rng.int(32768, 60999)}`, tool: 'notes.update' });
      captureRs(w, at(50, 30), edited, 401, 'Bearer error="invalid_token", resource_metadata="https://mcp.acme.dev/.well-known/oauth-protected-resource/mcp"',
        JSON.stringify({ error: 'invalid_token', error_description: 'verifier: invalid signature: go-jose/go-jose: error in cryptographic primitive' }));
      w.keep(asKeyA.kid);
    },
  },
];
