import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectLogCommand, dockerCommand, journalCommand, kubectlCommand } from '../../src/collect/log-commands.ts';
import { itemContext, type TestContext } from './item-context.ts';

let dir: string;
let ctx: TestContext;
const SINCE = Date.UTC(2026, 9, 2, 9, 0, 0);

/** A stand-in program: a shell script that records its arguments and prints what it is told. */
function program(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\nprintf '%s\\n' "$@" > "${path}.args"\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
const argsOf = (path: string) => readFileSync(`${path}.args`, 'utf8').trimEnd().split('\n');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-logcmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  ctx = await itemContext();
});
afterEach(() => ctx.staging.dispose());

describe('log commands', () => {
  it('runs journalctl for the unit as JSON from the window start and keeps its output', async () => {
    const bin = program('journalctl', `echo '{"MESSAGE":"starting authserver","_SYSTEMD_UNIT":"authserver.service"}'`);
    await collectLogCommand(ctx, journalCommand('authserver', SINCE), { capBytes: 1 << 20, timeoutMs: 5000, bin: { journalctl: bin } });
    expect(argsOf(bin)).toEqual(['-u', 'authserver', '-o', 'json', '--no-pager', `--since=@${SINCE / 1000}`]);
    expect(ctx.read('logs/journal-authserver.log')).toBe('{"MESSAGE":"starting authserver","_SYSTEMD_UNIT":"authserver.service"}\n');
    expect(ctx.items[0]).toMatchObject({ name: 'logs/journal authserver', outcome: 'ok', command: ['journalctl', '-u', 'authserver', '-o', 'json', '--no-pager', `--since=@${SINCE / 1000}`] });
  });

  it('asks kubectl for every line of the selected pods, prefixed and timestamped', async () => {
    const bin = program('kubectl', `echo '[pod/authplane-0/authserver] 2026-10-03T09:15:00.000000000Z {"msg":"starting authserver"}'`);
    await collectLogCommand(ctx, kubectlCommand('app=authplane', SINCE), { capBytes: 1 << 20, timeoutMs: 5000, bin: { kubectl: bin } });
    expect(argsOf(bin)).toEqual(['logs', '-l', 'app=authplane', '--prefix', '--timestamps', '--tail=-1', '--since-time=2026-10-02T09:00:00.000Z']);
    expect(ctx.read('logs/kubectl-app_authplane.log')).toContain('[pod/authplane-0/authserver] ');
  });

  it("keeps both of docker's streams, since the container's stderr comes back on stderr", async () => {
    const bin = program('docker', `echo '2026-10-03T09:15:00.1Z out line'\necho '2026-10-03T09:15:00.2Z err line' >&2`);
    await collectLogCommand(ctx, dockerCommand('authserver', SINCE), { capBytes: 1 << 20, timeoutMs: 5000, bin: { docker: bin } });
    const lines = ctx.read('logs/docker-authserver.log').trimEnd().split('\n').sort();
    expect(lines).toEqual(['2026-10-03T09:15:00.1Z out line', '2026-10-03T09:15:00.2Z err line']);
    expect(argsOf(bin)).toEqual(['logs', '--timestamps', '--since', '2026-10-02T09:00:00.000Z', 'authserver']);
  });

  it('keeps the newest lines when the output passes the cap', async () => {
    const bin = program('kubectl', 'for i in 1 2 3 4 5 6 7 8 9; do echo "line $i"; done');
    await collectLogCommand(ctx, kubectlCommand('app=x', SINCE), { capBytes: 14, timeoutMs: 5000, bin: { kubectl: bin } });
    expect(ctx.read('logs/kubectl-app_x.log')).toBe('line 8\nline 9\n');
    expect(ctx.items[0]).toMatchObject({ truncated: true });
  });

  it('records a program that is not installed as skipped', async () => {
    await collectLogCommand(ctx, dockerCommand('authserver', SINCE), { capBytes: 1 << 20, timeoutMs: 5000, bin: { docker: join(dir, 'no-such-docker') } });
    expect(ctx.items[0]).toMatchObject({ outcome: 'skipped', file: null, error: 'docker is not installed on this host (or not in PATH)' });
    expect(ctx.lines).toEqual(['- logs/docker authserver skipped: docker is not installed on this host (or not in PATH)\n']);
  });

  it('records a failing command with its exit code and first error line', async () => {
    const bin = program('journalctl', `echo 'Failed to add match: No such unit' >&2\nexit 1`);
    await collectLogCommand(ctx, journalCommand('nope', SINCE), { capBytes: 1 << 20, timeoutMs: 5000, bin: { journalctl: bin } });
    expect(ctx.items[0]).toMatchObject({ outcome: 'failed', file: null, error: 'exit code 1: Failed to add match: No such unit' });
  });

  it('stops a command that runs too long and keeps what it printed', async () => {
    const bin = program('kubectl', `echo 'first line'\nexec sleep 5`);
    await collectLogCommand(ctx, kubectlCommand('app=slow', SINCE), { capBytes: 1 << 20, timeoutMs: 300, bin: { kubectl: bin } });
    expect(ctx.read('logs/kubectl-app_slow.log')).toBe('first line\n');
    expect(ctx.items[0]).toMatchObject({ outcome: 'ok', error: 'stopped after 0s; the output so far is kept' });
  });
});
