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
