// Building blocks scenarios share: key rotations, pasted and captured tokens, captured 401 exchanges,
// restarts, and counters that grow through the metric snapshots.
import { BASE, MINUTE, SECOND, at } from '../clock.ts';
import { curlVerbose, type Exchange } from '../captures.ts';
import type { SampleKey } from '../keys.ts';
import { Dur } from '../render.ts';
import { accessClaims, signaturePart, signJwt } from '../tokens.ts';
import type { Server, Tok, World } from '../world.ts';

export { at, BASE, MINUTE, SECOND };

/** An operator key rotation through the admin API (audited, counted, both keys then in the JWKS). */
export function adminRotate(w: World, t: number, newKid: string, keyCount = 2): void {
  const srv = w.servers[0]!;
  w.http(srv, t, { method: 'POST', path: '/admin/keys/rotate', status: 200, remote: '10.42.9.31:51822', ua: 'authserver-cli/0.2.2', component: 'admin-http', ms: 41 }, (q) => {
    w.log(srv, t + 5, 'INFO', 'rotating signing key', [], { component: 'jwks', req: q });
    w.log(srv, t + 30, 'INFO', 'saved new signing key', [['kid', newKid], ['alg', 'ES256']], { component: 'jwks', req: q });
    w.log(srv, t + 38, 'INFO', 'admin key rotated', [['kid', newKid], ['alg', 'ES256']], { req: q });
    w.audit(srv, t + 39, 'key.rotated', { actor: 'admin', ip: '10.42.9.31', detail: `admin rotated signing key: kid=${newKid}` }, q);
  });
  srv.metrics.inc(t + 40, 'authserver_key_rotation_total');
  for (const s of w.servers) w.log(s, t + (s === srv ? 60 : w.rng.int(5, 60) * SECOND), 'INFO', 'JWKS cache reloaded', [['key_count', keyCount], ['duration', new Dur(w.rng.int(400_000, 2_000_000))]], { component: 'jwks' });
  w.keep(newKid);
}

/** Claims and header for a token a user pasted, signed for real. Plants the token and its signature as secrets. */
export async function realToken(w: World, tok: Tok, key: SampleKey, header: Record<string, unknown> = {}): Promise<string> {
  const jwt = await signJwt(w.tokens, { alg: 'ES256', typ: 'at+jwt', kid: tok.kid, ...header },
    accessClaims({ iss: tok.iss, sub: tok.sub, aud: tok.aud, clientId: tok.clientId, scope: tok.scope, iat: tok.iat, ttlSec: Math.round((tok.exp - tok.iat) / 1000), jti: tok.jti }), key);
  w.secret(jwt);
  w.secret(signaturePart(jwt));
  return jwt;
}

/** A token shape for pasted/captured tokens (defaults: first user and client, current setup). */
export function tokenFor(w: World, t: number, over: Partial<Tok> = {}): Tok {
  const user = w.users[0]!;
  const client = w.clients[0]!;
  return {
    sub: user.id, clientId: client.id, scope: w.setup.scopes.join(' '), kid: w.setup.keys[0]!.kid, aud: [w.setup.resource],
    iss: w.state.asIssuer, iat: t, exp: t + 15 * MINUTE, jti: w.rng.b64url(22), familyId: w.rng.b64url(22), ...over,
  };
}

/** Paste a token into tokens/ as a user would (one line, the compact JWT). */
export function pasteToken(w: World, jwt: string, t: number, name = 'tokens/access-token.txt'): void {
  w.files.push({ path: name, content: `${jwt}\n`, mtime: t });
}

/** The PRM URL the SDK derives from the resource. */
export function prmUrl(w: World): string {
  const u = new URL(w.setup.resource);
  return `${u.origin}/.well-known/oauth-protected-resource${u.pathname}`;
}

/** Capture of one MCP call with a bearer token answered by a 401/403 (curl -sv). */
export function captureRs(w: World, t: number, jwt: string, status: number, wwwAuth: string, body: string, name = 'captures/mcp-call.txt'): void {
  const x: Exchange = {
    method: 'POST', url: w.setup.resource, ip: '34.117.59.81', t,
    reqHeaders: [['Authorization', `Bearer ${jwt}`], ['Content-Type', 'application/json'], ['Accept', 'application/json, text/event-stream']],
    reqBody: '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"notes.search","arguments":{"q":"q3 roadmap"}}}',
    status, statusText: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 200 ? 'OK' : 'Service Unavailable',
    resHeaders: [['Content-Type', 'application/json'], ...(wwwAuth ? [['Www-Authenticate', wwwAuth] as [string, string]] : [])],
    body,
  };
  w.files.push({ path: name, content: curlVerbose(x), mtime: t });
}

/** A restart of one server: shutdown lines, a down gap, and the counters reset. */
export function downFor(srv: Server, from: number, to: number): void {
  srv.down.push([from, to]);
}

/** Grow a counter steadily between two times (a symptom that the snapshots must show). */
export function grow(srv: Server, name: string, labels: Record<string, string>, from: number, to: number, count: number): void {
  for (let i = 0; i < count; i++) srv.metrics.inc(from + Math.floor(((to - from) * (i + 0.5)) / count), name, labels);
}

/** Evenly spread times in [from, to). */
export function spread(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => from + Math.floor(((to - from) * (i + 0.37)) / n));
}

/**
 * A token exchange the broker refused: the MCP server's POST /oauth/token gets 400, with AuthPlane's
 * `broker dispatch denied` line `after` ms in, then the audit row and the counter a millisecond later.
 */
export function brokerDenied(w: World, srv: Server, t: number, o: { userId: string; why: string; error?: string; reason: string; after: number }): void {
  w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 400, remote: `${w.mcp.ip}:${w.rng.int(40000, 60000)}`, ua: 'Go-http-client/1.1' }, (q) => {
    const attrs: [string, string][] = [['provider', 'github'], ['user_id', o.userId]];
    if (o.error !== undefined) attrs.push(['error', o.error]);
    w.log(srv, t + o.after, 'INFO', `broker dispatch denied: ${o.why}`, attrs, { component: 'token_exchange', req: q });
    w.audit(srv, t + o.after + 1, 'token.exchange_denied', { actor: o.userId, client: 'notes-mcp', ip: w.mcp.ip, detail: `reason=${o.reason}` }, q);
    srv.metrics.inc(t + o.after + 1, 'authplane_token_exchange_denied_total', { reason: o.reason });
  });
}

