import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../collect/bundle-files.ts';
import { ADMIN_KEY, refusedPort, startFake, type Fake } from '../collect/fake-authplane.ts';
import { BIN, ROOT } from '../helpers/run-cli.ts';

interface Run { code: number; stdout: string; stderr: string }

/** Run the real binary without blocking this process, so the fake servers here can answer it. */
function forensic(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', AUTHPLANE_ADMIN_API_KEY: undefined, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let dir: string;
let fake: Fake;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-collect-cli-'));
  fake = await startFake({ auditRows: 3 });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const targets = () => ['--public', fake.publicUrl, '--admin', fake.adminUrl, '--interval', '0.2', '--timeout', '2'];

describe('forensic collect', () => {
  it('writes a redacted bundle, one progress line per item, and never prints the key', async () => {
    const out = join(dir, 'env.tgz');
    const r = await forensic(['collect', ...targets(), '--resource', fake.mcpUrl, '-o', out], { AUTHPLANE_ADMIN_API_KEY: ADMIN_KEY });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^✔ admin\/metrics-1 200 \d+ms$/m);
    expect(r.stderr).toMatch(/^✔ admin\/system-status 200 \d+ms$/m);
    expect(r.stderr).toMatch(/^✔ resource\/.+\/unauthenticated 401 \d+ms \(WWW-Authenticate names resource_metadata\)$/m);
    expect(r.stderr).toContain(`next: forensic analyze ${out}`);
    expect(r.stderr).not.toContain(ADMIN_KEY);
    const files = await readBundle(out);
    expect(files.has('admin/audit-page-000.json')).toBe(true);
    for (const [name, f] of files) expect(`${name}\n${f.text}`).not.toContain(ADMIN_KEY);
  });

  it('reads the admin key from --admin-key-file', async () => {
    const keyFile = join(dir, 'admin.key');
    writeFileSync(keyFile, `${ADMIN_KEY}\n`, { mode: 0o600 });
    const out = join(dir, 'file.tgz');
    const before = fake.requests.length;
    const r = await forensic(['collect', ...targets(), '--admin-key-file', keyFile, '-o', out, '-q']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const stats = fake.requests.slice(before).find((q) => q.path === '/admin/stats');
    expect(stats?.authorization).toBe(`Bearer ${ADMIN_KEY}`);
    expect((await readBundle(out)).has('admin/stats.json')).toBe(true);
  });

  it('warns that a --no-redact bundle is a private copy', async () => {
    const out = join(dir, 'plain.tgz');
    const r = await forensic(['collect', ...targets(), '--no-redact', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('NOT redacted');
    expect(JSON.parse((await readBundle(out)).get('manifest.json')!.text)).toMatchObject({ redacted: false, options: { admin_key_source: 'none' } });
  });

  it('exits 1 when some items failed, naming them on the last stderr line, and still writes the bundle', async () => {
    const out = join(dir, 'public-down.tgz');
    const down = await refusedPort();
    // No key: metrics-1 and -2 and six public documents tried; three admin documents and the audit skipped.
    const r = await forensic(['collect', '--public', down, '--admin', fake.adminUrl, '--interval', '0', '--timeout', '2', '-o', out, '-q']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('collected with failures: 6 of 12 items failed: public/health (connection refused), public/ready (connection refused), '
      + 'public/livez (connection refused), public/oauth-authorization-server (connection refused), public/openid-configuration (connection refused), '
      + 'and 1 more (see manifest.json)\n');
    expect((await readBundle(out)).has('admin/metrics-2.prom')).toBe(true);
  });

  it('says what its exit status means in --help', async () => {
    const r = await forensic(['collect', '--help']);
    expect(r.code).toBe(0);
    // The help is wrapped at 80 columns: read it as one line.
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('1 when the bundle was written but some items failed');
  });

  it('does not take the admin key as a command-line value', async () => {
    const r = await forensic(['collect', ...targets(), '--admin-key', 'sekret-on-argv', '-o', join(dir, 'argv.tgz')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--admin-key'");
    expect(existsSync(join(dir, 'argv.tgz'))).toBe(false);
  });

  it('refuses a key file holding more than one token, without printing it', async () => {
    const keyFile = join(dir, 'two-lines.key');
    writeFileSync(keyFile, `${ADMIN_KEY}\nsecond line\n`);
    const r = await forensic(['collect', ...targets(), '--admin-key-file', keyFile, '-o', join(dir, 'two.tgz')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the admin key holds spaces, line breaks or non-ASCII characters');
    expect(r.stderr).not.toContain(ADMIN_KEY);
  });

  it.each([
    [['--since', 'yesterday'], '--since "yesterday": expected a duration before now'],
    [['--interval', 'soon'], '--interval "soon": expected a number of seconds'],
    [['--resource', 'mcp.example.com/mcp'], '--resource "mcp.example.com/mcp": expected an http:// or https:// URL'],
    [['--admin-key-file', '/nonexistent/admin.key'], '--admin-key-file /nonexistent/admin.key: cannot read it (ENOENT)'],
    [['-o', '/nonexistent/dir/bundle.tgz'], '--output /nonexistent/dir/bundle.tgz: the folder /nonexistent/dir does not exist'],
  ])('stops with a usage error on %j', async (extra, message) => {
    const r = await forensic(['collect', ...targets(), '-o', join(dir, 'bad.tgz'), ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
