// forensic token's check logic, on real ES256 tokens signed in the test.
import { describe, expect, it, beforeAll } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { checkToken, type TokenCheckResult } from '../../../src/rules/token-check/index.ts';

const ISSUER = 'https://auth.example.com';
const RESOURCE = 'https://mcp.example.com/mcp';
// 2026-10-03T09:00:00Z
const IAT = Date.UTC(2026, 9, 3, 9, 0, 0) / 1000;
const EXP = IAT + 900;

let jwks: { keys: JWK[] };
let sign: (claims?: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'kid_current', alg: 'ES256', use: 'sig' }] };
  sign = (claims = {}, header = {}) => new SignJWT({
    iss: ISSUER, aud: RESOURCE, sub: 'user-42', scope: 'tools/read', client_id: 'cli-1', iat: IAT, exp: EXP, jti: 'jti-1', ...claims,
  }).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'kid_current', ...header }).sign(privateKey);
});

function verdict(r: TokenCheckResult, check: string) {
  return r.verdicts.find((v) => v.check === check);
}

const base = () => ({ jwks, issuer: ISSUER, resource: RESOURCE, scopesSupported: ['tools/read', 'tools/write'], at: (IAT + 60) * 1000 });

describe('checkToken', () => {
  it('passes every check for a valid token inside its lifetime', async () => {
    const r = await checkToken({ token: await sign(), ...base() });
    expect(r.failed).toBe(false);
    expect(r.verdicts.map((v) => `${v.check}:${v.status}`)).toEqual([
      'decode:pass', 'typ:pass', 'alg:pass', 'kid:pass', 'signature:pass', 'iss:pass', 'aud:pass', 'scope:pass', 'exp:pass', 'iat:pass',
    ]);
  });

  it('fails the kid check and leaves the signature unknown when the kid is not in the JWKS', async () => {
    const r = await checkToken({ token: await sign({}, { kid: 'kid_old' }), ...base() });
    expect(verdict(r, 'kid')).toMatchObject({ status: 'fail' });
    expect(verdict(r, 'kid')?.reason).toContain('kid_old is not in the JWKS');
    expect(verdict(r, 'kid')?.reason).toContain('kid_current');
    expect(verdict(r, 'signature')?.status).toBe('unknown');
    expect(r.failed).toBe(true);
  });

  it('fails the signature check for a tampered signature', async () => {
    const token = await sign();
    const [h, c, s] = token.split('.');
    const flipped = (s![0] === 'A' ? 'B' : 'A') + s!.slice(1);
    const r = await checkToken({ token: `${h}.${c}.${flipped}`, ...base() });
    expect(verdict(r, 'signature')).toMatchObject({ status: 'fail' });
    expect(verdict(r, 'signature')?.reason).toContain('does not verify');
  });

  it('fails the signature check when the claims were edited after signing', async () => {
    const token = await sign();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: RESOURCE, scope: 'tools/write', exp: EXP, iat: IAT })).toString('base64url');
    const r = await checkToken({ token: `${h}.${forged}.${s}`, ...base() });
    expect(verdict(r, 'signature')?.status).toBe('fail');
  });

  it('fails exp when the token expired more than 30 s before the check time', async () => {
    const r = await checkToken({ token: await sign(), ...base(), at: (EXP + 31) * 1000 });
    expect(verdict(r, 'exp')?.status).toBe('fail');
    expect(verdict(r, 'exp')?.reason).toContain('expired at 2026-10-03T09:15:00Z');
    expect(verdict(r, 'exp')?.reason).toContain('31 s');
  });

  it('accepts a token expired 20 s ago because of the 30 s tolerance', async () => {
    const r = await checkToken({ token: await sign(), ...base(), at: (EXP + 20) * 1000 });
    expect(verdict(r, 'exp')?.status).toBe('pass');
    expect(verdict(r, 'exp')?.reason).toContain('inside the 30 s tolerance');
  });

  it('fails aud and names the client-side fix when the token was minted for another resource', async () => {
    const r = await checkToken({ token: await sign({ aud: 'https://other.example.com/mcp' }), ...base() });
    expect(verdict(r, 'aud')?.status).toBe('fail');
    expect(verdict(r, 'aud')?.reason).toContain(`resource=${RESOURCE}`);
    expect(verdict(r, 'aud')?.reason).toContain('AUTHPLANE_OAUTH_REQUIRE_SCOPE does not affect audience');
  });

  it('points at a trailing slash when aud differs from the resource only by one', async () => {
    const r = await checkToken({ token: await sign({ aud: `${RESOURCE}/` }), ...base() });
    expect(verdict(r, 'aud')?.reason).toContain('trailing slash');
  });

  it('fails iss when the token comes from another issuer URL', async () => {
    const r = await checkToken({ token: await sign({ iss: 'http://authserver:9000' }), ...base() });
    expect(verdict(r, 'iss')?.status).toBe('fail');
    expect(verdict(r, 'iss')?.reason).toContain('http://authserver:9000');
    expect(verdict(r, 'iss')?.reason).toContain(ISSUER);
  });

  it('fails typ for a token typed JWT instead of at+jwt', async () => {
    const r = await checkToken({ token: await sign({}, { typ: 'JWT' }), ...base() });
    expect(verdict(r, 'typ')?.status).toBe('fail');
    expect(verdict(r, 'typ')?.reason).toContain('"JWT"');
  });

  it('fails alg and signature for an unsigned alg none token', async () => {
    const h = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: 'kid_current' })).toString('base64url');
    const c = Buffer.from(JSON.stringify({ iss: ISSUER, aud: RESOURCE, scope: 'tools/read', exp: EXP, iat: IAT })).toString('base64url');
    const r = await checkToken({ token: `${h}.${c}.`, ...base() });
    expect(verdict(r, 'alg')).toMatchObject({ status: 'fail' });
    expect(verdict(r, 'alg')?.reason).toContain('unsigned');
    expect(verdict(r, 'signature')?.status).toBe('fail');
  });

  it('reports unknown, not pass, for checks it has no input for', async () => {
    const r = await checkToken({ token: await sign(), at: (IAT + 60) * 1000 });
    expect(['kid', 'signature', 'iss', 'aud', 'scope'].map((c) => verdict(r, c)?.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(r.failed).toBe(false);
  });

  it('fails iat for a token issued more than 30 s in the future (clock skew)', async () => {
    const r = await checkToken({ token: await sign(), ...base(), at: (IAT - 120) * 1000 });
    expect(verdict(r, 'iat')?.status).toBe('fail');
    expect(verdict(r, 'iat')?.reason).toContain('2 min');
  });

  it('fails the scope check for a zero-scope token', async () => {
    const r = await checkToken({ token: await sign({ scope: '' }), ...base() });
    expect(verdict(r, 'scope')?.status).toBe('fail');
  });

  it('gives one failed decode verdict for something that is not a JWT', async () => {
    const r = await checkToken({ token: 'not-a-token', at: 0 });
    expect(r.decoded).toBeNull();
    expect(r.verdicts).toEqual([{ check: 'decode', status: 'fail', reason: expect.stringContaining('not a JWT') }]);
  });

  it('never puts the compact token or its signature in a verdict', async () => {
    const token = await sign({ aud: 'https://other.example.com/' }, { kid: 'kid_old' });
    const r = await checkToken({ token, ...base() });
    const text = JSON.stringify(r.verdicts);
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(token.split('.')[1]);
  });
});
