import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

describe('command line usage', () => {
  it('explains every command in --help and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['analyze', 'report', 'redact', 'tui', 'rules', 'token', 'collect']) expect(r.stdout).toContain(cmd);
  });

  it('exits 2 with a hint on an unknown option', () => {
    const r = runCli(['analyze', '--no-such-option', 'x.tgz']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-option'");
  });

  it('exits 2 when the bundle argument is missing', () => {
    const r = runCli(['analyze']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'bundle'");
  });

  it('exits 2 on a --since value that is neither a time nor a duration', () => {
    const r = runCli(['analyze', 'x.tgz', '--since', 'yesterday']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--since "yesterday": expected an RFC 3339 time/);
  });
});
