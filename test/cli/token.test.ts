// `forensic token` as a user runs it: verdicts per check, exit codes, and the token never echoed.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { runCli } from '../helpers/run-cli.ts';

const RESOURCE = 'https://mcp.example.com/mcp';
const ISSUER = 'https://auth.example.com';
const IAT = Date.UTC(2026, 9, 3, 9, 0, 0) / 1000;
let dir: string;
let good: string;
let wrongAud: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-token-'));
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'kid_a', alg: 'ES256', use: 'sig' }] }));
  const mint = (aud: string) => new SignJWT({ iss: ISSUER, aud, sub: 'user-42', scope: 'tools/read', iat: IAT, exp: IAT + 900, jti: 'j-1' })
    .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: 'kid_a' }).sign(privateKey);
  good = await mint(RESOURCE);
  wrongAud = await mint('https://other.example.com/mcp');
  writeFileSync(join(dir, 'token.txt'), `Authorization: Bearer ${wrongAud}\n`);
  writeFileSync(join(dir, 'junk.txt'), 'hello, this is not a token\n');
  // A minimal bundle directory: discovery documents only.
  mkdirSync(join(dir, 'bundle', 'discovery'), { recursive: true });
  writeFileSync(join(dir, 'bundle', 'discovery', 'jwks.json'), readFileSync(join(dir, 'jwks.json')));
  writeFileSync(join(dir, 'bundle', 'discovery', 'oauth-authorization-server.json'), JSON.stringify({
    issuer: ISSUER, authorization_endpoint: `${ISSUER}/oauth/authorize`, token_endpoint: `${ISSUER}/oauth/token`,
    jwks_uri: `${ISSUER}/.well-known/jwks.json`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'],
  }));
  writeFileSync(join(dir, 'bundle', 'discovery', 'oauth-protected-resource.json'), JSON.stringify({
    resource: RESOURCE, authorization_servers: [ISSUER], scopes_supported: ['tools/read'], bearer_methods_supported: ['header'],
  }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = '2026-10-03T09:05:00Z';

describe('forensic token', () => {
  it('lists every check and exits 0 for a valid token', () => {
    const r = runCli(['token', good, '--jwks', join(dir, 'jwks.json'), '--resource', RESOURCE, '--issuer', ISSUER, '--at', at]);
    expect(r.code).toBe(0);
    for (const check of ['typ', 'alg', 'kid', 'signature', 'iss', 'aud', 'exp', 'iat']) expect(r.stdout).toMatch(new RegExp(`pass\\s+${check}\\b`));
    expect(r.stdout).toMatch(/unknown\s+scope\s+scope is tools\/read; no PRM scopes_supported/);
    expect(r.stdout).toContain('Verdict: no check failed');
  });

  it('never prints the compact token, its claims segment or its signature', () => {
    const r = runCli(['token', good, '--jwks', join(dir, 'jwks.json'), '--resource', RESOURCE, '--at', at]);
    const [, claims, sig] = good.split('.');
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(good);
      expect(out).not.toContain(claims!);
      expect(out).not.toContain(sig!);
    }
    expect(r.stdout).not.toContain('user-42');
  });

  it('reads the token from a file, fails the aud check and exits 1', () => {
    const r = runCli(['token', join(dir, 'token.txt'), '--jwks', join(dir, 'jwks.json'), '--resource', RESOURCE, '--at', at]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+aud\s+aud is https:\/\/other\.example\.com\/mcp/);
    expect(r.stdout).toContain('Verdict: 1 check(s) failed: aud');
    expect(r.stdout).not.toContain(wrongAud.split('.')[2]!);
  });

  it('reads the token from stdin with - and prints JSON verdicts', () => {
    const r = runCli(['token', '-', '--jwks', join(dir, 'jwks.json'), '--at', at, '--format', 'json'], { input: `${good}\n` });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { verdict: string; checks: { check: string; status: string }[]; header: Record<string, unknown> };
    expect(out.verdict).toBe('pass');
    expect(out.header).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: 'kid_a' });
    expect(out.checks.find((c) => c.check === 'aud')?.status).toBe('unknown');
    expect(r.stdout).not.toContain(good.split('.')[2]!);
  });

  it('takes JWKS, issuer, resource and scopes from a bundle', () => {
    const r = runCli(['token', wrongAud, '--bundle', join(dir, 'bundle'), '--at', at]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/jwks\s+1 key\(s\) from discovery\/jwks\.json/);
    expect(r.stdout).toMatch(/pass\s+signature/);
    expect(r.stdout).toMatch(/pass\s+iss\s+iss matches https:\/\/auth\.example\.com/);
    expect(r.stdout).toMatch(/FAIL\s+aud\s+aud is https:\/\/other\.example\.com\/mcp, which lacks https:\/\/mcp\.example\.com\/mcp/);
    expect(r.stdout).toMatch(/pass\s+scope\s+scope tools\/read is advertised/);
  });

  it('exits 3 with a one-line reason when the input is not a JWT', () => {
    const r = runCli(['token', join(dir, 'junk.txt')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no JWT in file');
    expect(r.stdout).toBe('');
  });

  it('exits 3 for a bare argument that is not a JWT', () => {
    const r = runCli(['token', 'definitely-not-a-jwt']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no JWT in the argument');
  });
});
