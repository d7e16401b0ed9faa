// AuthPlane's non-slog output: fatal `error:` lines with validation lists, the self-check and boot
// abort as continuation lines, and plain text that must not be lost.
import { describe, expect, it } from 'vitest';
import { one, parseLog } from './fake-context.ts';

describe('fatal lines', () => {
  it('joins the numbered validation list into the fatal record', () => {
    const out = parseLog([
      'error: load config: configuration validation failed:',
      '  1. session.secret is required when server.issuer is not localhost',
      '  2. storage.dsn is required',
    ], 'logs/authserver.stderr');
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({
      format: 'fatal', level: 'ERROR', origin: 'authserver', line: 1,
      msg: 'error: load config: configuration validation failed:\n  1. session.secret is required when server.issuer is not localhost\n  2. storage.dsn is required',
    });
    expect(out.format).toBe('fatal');
  });

  it('accepts the validation header on its own line after the fatal line', () => {
    const rec = one(['error: load config: ', 'configuration validation failed:', '  1. server.issuer must be an absolute URL']);
    expect(rec.msg).toBe('error: load config: \nconfiguration validation failed:\n  1. server.issuer must be an absolute URL');
  });
});

describe('multi-line boot messages arriving line by line', () => {
  it('keeps the self-check table in one authserver INFO record', () => {
    const out = parseLog([
      '=== authserver feature self-check ===',
      '  data_encryption     enabled        driver=local',
      '  dpop                disabled',
      '  dcr                 misconfigured  dcr.mode=open',
      '{"time":"2026-10-03T09:15:03Z","level":"INFO","msg":"http server listening","service":"authserver","addr":":9000"}',
    ]);
    expect(out.records).toHaveLength(2);
    expect(out.records[0]).toMatchObject({
      origin: 'authserver', level: 'INFO', line: 1,
      msg: '=== authserver feature self-check ===\n  data_encryption     enabled        driver=local\n  dpop                disabled\n  dcr                 misconfigured  dcr.mode=open',
    });
  });

  it('keeps the boot abort with its remediation lines and closing sentence, then the fatal exit', () => {
    const out = parseLog([
      'authserver boot aborted: required configuration is missing or invalid',
      '  - dpop: dpop.nonce_secret',
      '      remediation: set AUTHPLANE_DPOP_NONCE_SECRET',
      'set the missing keys and restart the server.',
      'error: authserver boot aborted: 1 feature(s) misconfigured',
    ]);
    expect(out.records.map((r) => [r.level, r.origin, r.msg])).toEqual([
      ['ERROR', 'authserver', 'authserver boot aborted: required configuration is missing or invalid\n  - dpop: dpop.nonce_secret\n      remediation: set AUTHPLANE_DPOP_NONCE_SECRET\nset the missing keys and restart the server.'],
      ['ERROR', 'authserver', 'error: authserver boot aborted: 1 feature(s) misconfigured'],
    ]);
  });
});

describe('plain lines', () => {
  it.each([
    ['panic: runtime error: invalid memory address or nil pointer dereference', 'ERROR'],
    ['[WARN] something odd happened', 'WARN'],
    ['2026-10-03 09:15:02.123 DEBUG pool: idle connection closed', 'DEBUG'],
    ['listening for connections', 'INFO'],
  ])('keeps %s as plain text with level %s', (line, level) => {
    const rec = one(line);
    expect(rec).toMatchObject({ format: 'plain', msg: line, level });
  });

  it('reads a leading timestamp of a plain line', () => {
    expect(one('2026-10-03 09:15:02.123 DEBUG pool: idle connection closed').ts).toBe(Date.UTC(2026, 9, 3, 9, 15, 2, 123));
  });

  it('attaches a Go stack trace to the line before it', () => {
    const out = parseLog(['panic: boom', '\tgoroutine 1 [running]:', '\tmain.main()']);
    expect(out.records).toHaveLength(1);
    expect(out.records[0]!.msg).toBe('panic: boom\n\tgoroutine 1 [running]:\n\tmain.main()');
  });
});
