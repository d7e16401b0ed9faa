import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

describe('command line usage', () => {
  it('explains every command in --help and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['analyze', 'report', 'redact', 'tui', 'rules', 'token', 'collect']) expect(r.stdout).toContain(cmd);
    expect(r.stdout).toContain('forensic <command> --help gives its options and exit codes');
  });

  it('states the exit codes under the help of every command', () => {
    const help = (cmd: string) => runCli([cmd, '--help']).stdout.replace(/\s+/g, ' ');
    expect(help('analyze')).toContain('Exit status: 0 when no finding is at or above --fail-on; 1 when one is; 2 on a usage error; 3 when the input is unusable');
    for (const cmd of ['report', 'redact']) expect(help(cmd), cmd).toContain('Exit status: 0 once written; 2 on a usage error; 3 when the input is unusable');
    expect(help('tui')).toContain('Exit status: 0 when you quit; 2 on a usage error or without a terminal; 3 when the input is unusable');
    expect(help('rules')).toContain('Exit status: 0; 2 for an id that is neither a rule nor a cause.');
    expect(help('token')).toContain('Exit status: 0 when every check passes; 1 when one fails; 2 on a usage error; 3 when there is no readable JWT');
    expect(help('collect')).toContain('Exit status: 0 when every item was collected; 1 when the bundle was written but some items failed');
  });

  it('keeps every line of every help within 80 columns', () => {
    for (const cmd of ['analyze', 'report', 'redact', 'tui', 'rules', 'token', 'collect']) {
      for (const line of runCli([cmd, '--help']).stdout.split('\n')) expect(line.length, `${cmd}: ${line}`).toBeLessThanOrEqual(80);
    }
  });

  it('prints a trace whole when the output is a pipe, so its error text is not cut at 100 columns', () => {
    // db-unreachable: the failing token request's DB error ends in "connect: connection refused".
    const r = runCli(['analyze', 'samples/db-unreachable.tgz', '--trace', '44e10015102e9632223bcc99ae957477'], { env: { COLUMNS: '' } });
    expect(r.stdout).toMatch(/"token endpoint error" error="failed to connect to .*: dial error: dial tcp .*: connect: connection refused"/);
  });

  it('prints a trace whole at 80 columns too: the terminal wraps it, the error text is not cut', () => {
    const r = runCli(['analyze', 'samples/db-unreachable.tgz', '--trace', '44e10015102e9632223bcc99ae957477'], { env: { COLUMNS: '80' } });
    expect(r.stdout).toMatch(/"token endpoint error" error="failed to connect to .*: dial error: dial tcp .*: connect: connection refused"/);
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

describe('command line usage: a window or an output path that cannot work', () => {
  const bundle = 'samples/signing-key-regenerated.tgz';

  it('exits 2 and says where the records are when --since/--until select none of them, instead of reporting a healthy bundle', () => {
    const r = runCli(['analyze', bundle, '--since', '2030-01-01T00:00:00Z']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // The sample's logs run from 08:00:00.239 to 08:59:39.087 on 2026-10-03 (checked in the bundle).
    expect(r.stderr).toBe("forensic: --since/--until select nothing: the bundle's records run from 2026-10-03T08:00:00.239Z to 2026-10-03T08:59:39.087Z\n");
  });

  it('exits 2 on a window whose start is not before its end', () => {
    const r = runCli(['analyze', bundle, '--since', '2026-10-03T08:50:00Z', '--until', '2026-10-03T08:40:00Z']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('forensic: --since 2026-10-03T08:50:00.000Z is not before --until 2026-10-03T08:40:00.000Z\n');
  });

  it('exits 3 naming a single JSON file that is no AuthPlane document by itself, not as "the 1 file in" it', () => {
    const r = runCli(['analyze', 'package.json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('forensic: not an AuthPlane support bundle: package.json is not an AuthPlane log, /metrics snapshot, audit dump, discovery/health document, config or token\n');
  });

  it('exits 2 with one line, before reading the bundle, when -o names a missing folder or a folder', () => {
    for (const [args, message] of [
      [['redact', bundle, '-o', '/nonexistent-forensic/x.tgz'], 'forensic: -o /nonexistent-forensic/x.tgz: the folder /nonexistent-forensic does not exist\n'],
      [['report', bundle, '-o', '/nonexistent-forensic/r.md'], 'forensic: -o /nonexistent-forensic/r.md: the folder /nonexistent-forensic does not exist\n'],
      [['report', bundle, '-o', 'samples'], 'forensic: -o samples: that is a folder; give a file name in it\n'],
    ] as const) {
      const r = runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(message);
    }
  });
});
