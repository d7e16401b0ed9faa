import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { filesOf } from '../helpers/tgz.ts';
import { JWT, JWT_SIGNATURE, S } from '../report/redact/corpus.ts';

let dir: string;
let bundle: string;


beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-redact-cli-'));
  bundle = join(dir, 'bundle');
  mkdirSync(join(bundle, 'logs'), { recursive: true });
  mkdirSync(join(bundle, 'config'));
  writeFileSync(join(bundle, 'logs', 'authserver.log'), [
    JSON.stringify({ time: '2026-10-03T09:15:00Z', level: 'INFO', msg: 'starting authserver', service: 'authserver', version: '0.2.2', issuer: 'https://auth.acme-corp.io', address: ':9000' }),
    JSON.stringify({ time: '2026-10-03T09:16:10Z', level: 'WARN', msg: 'http request', service: 'authserver', method: 'POST', path: '/oauth/token', status: 400, remote_addr: '203.0.113.9:51234', request_id: '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60' }),
    JSON.stringify({ time: '2026-10-03T09:16:11Z', level: 'INFO', msg: 'tokens issued', service: 'authserver', client_id: 'my-client', user_id: 'user-42', refresh_token: S.refresh, request_id: '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60' }),
    '',
  ].join('\n'));
  writeFileSync(join(bundle, 'config', 'config.yaml'), [
    '# production config',
    'server:',
    '  issuer: https://auth.acme-corp.io # the public URL',
    'admin:',
    `  api_key: ${S.adminKey}`,
    'session:',
    `  secret: "${S.sessionSecret}"`,
    'storage:',
    '  driver: postgres',
    '  postgres:',
    `    dsn: postgres://authplane:${S.dbPassword}@db:5432/authplane`,
    '',
  ].join('\n'));
  writeFileSync(join(bundle, 'config', 'authplane.env'), `AUTHPLANE_SERVER_ISSUER=https://auth.acme-corp.io\nAUTHPLANE_VAULT_TOKEN=${S.vaultToken}\nCONNECTOR_GITHUB_SECRET=${S.connector}\n`);
  writeFileSync(join(bundle, 'access-token.txt'), `${JWT}\n`);
  writeFileSync(join(bundle, 'signing.pem'), `-----BEGIN EC PRIVATE KEY-----\n${S.pemBody}\nAwEHoUQDQgAE3FQp0n1pZ3p7\n-----END EC PRIVATE KEY-----\n`);
  writeFileSync(join(bundle, 'core.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forensic redact', () => {
  it('writes a .tgz with no secret left and says what it replaced', async () => {
    const out = join(dir, 'redacted.tgz');
    const r = runCli(['redact', bundle, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote .*redacted\.tgz: 5 files, 1 omitted; replaced: .*api-key 1/);
    expect(r.stderr).toContain('omitted core.bin: binary content cannot be checked for secrets');
    const files = await filesOf(out);
    const all = [...files.values()].join('\n');
    for (const s of [S.refresh, S.adminKey, S.sessionSecret, S.dbPassword, S.vaultToken, S.connector, S.pemBody, JWT_SIGNATURE, 'user-42', '203.0.113.9', 'acme-corp']) {
      expect(all).not.toContain(s);
    }
  });

  it('keeps every log line valid JSON with its debugging ids, and YAML comments in place', async () => {
    const out = join(dir, 'redacted-2.tgz');
    expect(runCli(['redact', bundle, '-o', out]).code).toBe(0);
    const files = await filesOf(out);
    const log = files.get('logs/authserver.log')!.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toHaveLength(3);
    expect(log[1]).toMatchObject({ msg: 'http request', status: 400, request_id: '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60' });
    expect(log[2]!.refresh_token).toBe('[REDACTED:refresh-token]');
    const yaml = files.get('config/config.yaml')!;
    expect(yaml.split('\n')[0]).toBe('# production config');
    expect(yaml).toMatch(/issuer: https:\/\/host-[0-9a-f]{4}\.invalid # the public URL/);
    expect(yaml).toContain('driver: postgres');
    expect(files.get('signing.pem')!.split('\n')).toEqual(['[REDACTED:private-key]', '', '', '', '']);
    expect(files.get('access-token.txt')!.trimEnd().split('.')[2]).toBe('REDACTED');
  });

  it('refuses to write the output inside the bundle directory', () => {
    const r = runCli(['redact', bundle, '-o', join(bundle, 'x.tgz')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('inside the bundle directory');
    expect(existsSync(join(bundle, 'x.tgz'))).toBe(false);
  });

  it('exits 3 for a bundle that does not exist', () => {
    const r = runCli(['redact', join(dir, 'nope.tgz'), '-o', join(dir, 'n.tgz')]);
    expect(r.code).toBe(3);
  });
});
