import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';
import { DEBUG_CORPUS, DPOP, DPOP_SIGNATURE, JWT, JWT_SIGNATURE, S, SECRET_CORPUS } from './corpus.ts';

const OWN = ['https://auth.acme-corp.io'];

describe('redactor: secrets never survive', () => {
  it.each(SECRET_CORPUS)('%s', (_where, input, secrets) => {
    const out = createRedactor({ ownDomains: OWN }).text(input);
    for (const s of secrets) expect(out).not.toContain(s);
  });

  it.each(SECRET_CORPUS)('%s (bundle form: JWTs re-encoded without signature)', (_where, input, secrets) => {
    const out = createRedactor({ ownDomains: OWN, jwt: 'token' }).text(input);
    for (const s of secrets) {
      if (s === JWT || s === DPOP) continue; // the re-encoded token keeps header and claims, never the signature
      expect(out).not.toContain(s);
    }
    expect(out).not.toContain(JWT_SIGNATURE);
    expect(out).not.toContain(DPOP_SIGNATURE);
  });

  it('redacts secrets in structured values by key, at any depth', () => {
    const r = createRedactor({});
    const out = JSON.stringify(r.value('config', {
      admin: { api_key: S.adminKey, enabled: true },
      session: { secret: S.sessionSecret, cookie_name: 'authserver_session' },
      storage: { driver: 'postgres', postgres: { dsn: `postgres://authplane:${S.dbPassword}@db:5432/authplane` } },
      signing: { key_store: 'vault_transit', vault_transit: { token: S.vaultToken, approle: { secret_id: S.secretId } } },
      oidc: { client_secret: S.clientSecret },
      connect: { state_secret: S.statePepper },
      tokens: [S.refresh],
    }));
    for (const s of [S.adminKey, S.sessionSecret, S.dbPassword, S.vaultToken, S.secretId, S.clientSecret, S.statePepper, S.refresh]) {
      expect(out).not.toContain(s);
    }
    expect(out).toContain('"cookie_name":"authserver_session"');
    expect(out).toContain('"key_store":"vault_transit"');
    expect(out).toContain('@db:5432/authplane');
    expect(out).toContain('"enabled":true');
  });

  it('fails closed: an unrecognised value in a secret-named field is replaced whatever its shape', () => {
    const r = createRedactor({});
    expect(r.value('webhook_secret', 'short')).toBe('[REDACTED:secret]');
    expect(r.value('X-Api-Key', 'not-high-entropy')).toBe('[REDACTED:api-key]');
    expect(r.value('password', 'hunter2')).toBe('[REDACTED:password]');
  });

  it('keeps empty secrets and env-var references, which say where a secret lives, not what it is', () => {
    const r = createRedactor({});
    expect(r.value('session.secret', '')).toBe('');
    expect(r.value('admin.api_key', '${AUTHPLANE_ADMIN_API_KEY}')).toBe('${AUTHPLANE_ADMIN_API_KEY}');
  });

  it('keeps a private JWK out of a JWKS but leaves the public members', () => {
    const out = createRedactor({}).value('body', { keys: [{ kty: 'EC', kid: 'k1', crv: 'P-256', x: 'pubX', y: 'pubY', d: 'privateD123' }] });
    expect(out).toEqual({ keys: [{ kty: 'EC', kid: 'k1', crv: 'P-256', x: 'pubX', y: 'pubY', d: '[REDACTED:private-key]' }] });
  });

  it('summarises a JWT by header and non-identifying claims, never the signature', () => {
    const out = createRedactor({}).text(`Authorization: Bearer ${JWT}`);
    expect(out).toMatch(/^Authorization: Bearer \[JWT alg=ES256,kid=kid_current_abc,typ=at\+jwt,iss=https:\/\/auth\.acme-corp\.io,aud=https:\/\/mcp\.acme-corp\.io\/mcp,scope=tools\/read,exp=1708762500,sub=user#[0-9a-f]{4}\]$/);
  });

  it('re-encodes a JWT for a bundle so tools still read its header and claims', () => {
    const out = createRedactor({ jwt: 'token' }).text(JWT);
    const [h, p, sig] = out.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString())).toEqual({ alg: 'ES256', kid: 'kid_current_abc', typ: 'at+jwt' });
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims.aud).toEqual(['https://mcp.acme-corp.io/mcp']);
    expect(claims.exp).toBe(1708762500);
    expect(claims.sub).toMatch(/^user#[0-9a-f]{4}$/);
    expect(sig).toBe('REDACTED');
  });
});

describe('redactor: debugging ids survive', () => {
  it.each(DEBUG_CORPUS)('%s', (_where, input, keep) => {
    const out = createRedactor({ ownDomains: OWN }).text(input);
    for (const k of keep) expect(out).toContain(k);
  });

  it('keeps shell variable references in suggested commands, and still redacts a real header value', () => {
    const r = createRedactor({});
    const hint = `curl -s -H "Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY" 'http://localhost:9001/admin/audit?limit=1000'`;
    expect(r.text(hint)).toBe(hint);
    expect(r.text('curl -s -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"')).not.toContain('9f8e7d6c5b4a39281706f5e4d3c2b1a0');
  });

  it('leaves a JSON log line without secrets or identities byte for byte', () => {
    const line = DEBUG_CORPUS[0]![1];
    expect(createRedactor({ ownDomains: OWN }).text(line)).toBe(line);
  });
});

describe('redactor: identities are pseudonymized', () => {
  it('gives the same user the same pseudonym everywhere in one report', () => {
    const r = createRedactor({});
    const a = r.text('level=INFO msg="user authenticated" user_id=user-42');
    const b = JSON.stringify(r.value('row', { actor_id: 'user-42', action: 'consent.granted' }));
    const pseudo = /user_id=(user#[0-9a-f]{4})/.exec(a)?.[1];
    expect(pseudo).toBeDefined();
    expect(b).toContain(`"actor_id":"${pseudo}"`);
    expect(a + b).not.toContain('user-42');
  });

  it('gives different pseudonyms in two reports', () => {
    const a = createRedactor({}).value('user_id', 'user-42');
    const b = createRedactor({}).value('user_id', 'user-42');
    expect(a).not.toBe(b);
  });

  it('keeps distinct users distinct', () => {
    const r = createRedactor({});
    const seen = new Set<unknown>();
    for (let i = 0; i < 2000; i++) seen.add(r.value('sub', `user-${i}`));
    expect(seen.size).toBe(2000);
  });

  it('pseudonymizes emails, IPs (keeping ports) and hosts of the operator\'s domains', () => {
    const r = createRedactor({ ownDomains: OWN });
    const out = r.text('login by alice@acme-corp.io from 203.0.113.9 via remote_addr=10.0.0.7:51234 to https://mcp.acme-corp.io/mcp and https://github.com/x');
    expect(out).not.toMatch(/alice|acme-corp|203\.0\.113\.9|10\.0\.0\.7/);
    expect(out).toMatch(/user#[0-9a-f]{4}@example\.invalid/);
    expect(out).toMatch(/remote_addr=ip#[0-9a-f]{4}:51234/);
    expect(out).toMatch(/https:\/\/host-[0-9a-f]{4}\.invalid\/mcp/);
    expect(out).toContain('https://github.com/x');
  });

  it('pseudonymizes hosts, emails and IPs inside URL-encoded values without breaking the encoding', () => {
    const r = createRedactor({ ownDomains: OWN });
    const out = r.text('resource=https%3A%2F%2Fmcp.acme-corp.io%2Fmcp&login_hint=alice%40acme-corp.io&peer=%2F203.0.113.9');
    expect(out).toMatch(/^resource=https%3A%2F%2Fhost-[0-9a-f]{4}\.invalid%2Fmcp&login_hint=user#[0-9a-f]{4}@example\.invalid&peer=%2Fip#[0-9a-f]{4}$/);
  });

  it('keeps loopback addresses, localhost and the admin/system actors', () => {
    const r = createRedactor({ ownDomains: OWN });
    expect(r.text('listening on 127.0.0.1:9000 and http://localhost:9000 and [::1]:9001')).toBe('listening on 127.0.0.1:9000 and http://localhost:9000 and [::1]:9001');
    expect(r.value('actor_id', 'admin')).toBe('admin');
    expect(r.value('actor_id', 'system')).toBe('system');
  });

  it('does not take times or hex ids for IPv6 addresses', () => {
    const r = createRedactor({});
    expect(r.text('at 09:16:11 id 4bf92f3577b34da6')).toBe('at 09:16:11 id 4bf92f3577b34da6');
    expect(r.text('peer 2001:db8::7 said hi')).toMatch(/^peer ip#[0-9a-f]{4} said hi$/);
  });
});

describe('redactor: summary', () => {
  it('counts replacements per kind and holds no values', () => {
    const r = createRedactor({});
    r.text(`refresh_token=${S.refresh} client_secret=${S.clientSecret} user_id=user-1 user_id=user-2 ${JWT}`);
    const s = r.summary();
    expect(s.counts).toEqual({ 'refresh-token': 1, 'client-secret': 1, user: 3, jwt: 1 });
    const text = JSON.stringify(s);
    for (const v of [S.refresh, S.clientSecret, 'user-1', 'user-2', JWT_SIGNATURE]) expect(text).not.toContain(v);
  });
});

describe('redactor: well-known token shapes (secretlint)', () => {
  it('replaces a Slack token it learned from the document, wherever it appears', async () => {
    const slack = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
    const doc = `notes: the webhook used ${slack}\nagain: ${slack}`;
    const r = createRedactor({});
    await r.learn(doc);
    const out = r.text(doc);
    expect(out).not.toContain(slack);
    expect(r.summary().counts['well-known-token']).toBe(2);
  });
});
