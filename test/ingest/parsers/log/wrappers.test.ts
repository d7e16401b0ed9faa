// Container-log wrappers: kubectl --prefix/--timestamps, Docker json-file, CRI, journald, compose.
import { describe, expect, it } from 'vitest';
import { one, parseLog } from './fake-context.ts';

const SLOG = '{"time":"2026-10-03T09:16:11.07Z","level":"INFO","msg":"tokens issued","service":"authserver","client_id":"c1"}';
const TEXT = 'time=2026-10-03T09:16:11.070Z level=INFO msg="tokens issued" service=authserver client_id=c1';

describe('kubectl wrappers', () => {
  it('takes the pod and container of a --prefix line as its source', () => {
    const out = parseLog([`[pod/authserver-7d9f6/authserver] ${SLOG}`]);
    expect(out.records[0]).toMatchObject({ source: 'pod/authserver-7d9f6/authserver', msg: 'tokens issued', format: 'slog-json' });
    expect(out.wrapper).toBe('kubectl-prefix');
  });

  it('keeps two pods interleaved in one --prefix file as two sources', () => {
    const out = parseLog([
      `[pod/authserver-a/authserver] ${TEXT}`,
      '[pod/authserver-b/authserver] time=2026-10-03T09:16:12.000Z level=WARN msg="auth lockout engaged" service=authserver ip=10.0.0.9',
      `[pod/authserver-a/authserver] ${TEXT}`,
    ]);
    expect(out.records.map((r) => [r.source, r.line])).toEqual([
      ['pod/authserver-a/authserver', 1],
      ['pod/authserver-b/authserver', 2],
      ['pod/authserver-a/authserver', 3],
    ]);
  });

  it('uses a --timestamps stamp only when the inner line has no time of its own', () => {
    const out = parseLog([
      `2026-10-03T09:16:11.999999999Z ${TEXT}`,
      '2026-10-03T09:16:12.123456789Z error: open database: dial tcp 10.0.0.5:5432: connection refused',
    ]);
    expect(out.records[0]!.ts).toBe(Date.UTC(2026, 9, 3, 9, 16, 11, 70));
    expect(out.records[1]).toMatchObject({
      ts: Date.UTC(2026, 9, 3, 9, 16, 12, 123), time: '2026-10-03T09:16:12.123456789Z', format: 'fatal', level: 'ERROR',
    });
    expect(out.wrapper).toBe('kubectl-timestamps');
  });

  it('reads --prefix and --timestamps together', () => {
    const out = parseLog(['[pod/mcp-0/server] 2026-10-03T09:16:12.5Z [authplane] Token kid \'k2\' not found in JWKS after forced refresh; possible missed key rotation or failed \'jwks_uri\' swap.']);
    expect(out.records[0]).toMatchObject({
      source: 'pod/mcp-0/server', ts: Date.UTC(2026, 9, 3, 9, 16, 12, 500), format: 'ts-console', origin: 'sdk', level: 'WARN',
    });
    expect(out.wrapper).toBe('kubectl-prefix+timestamps');
  });
});

describe('Docker json-file', () => {
  it('unwraps the log field and reads the inner slog JSON line', () => {
    const out = parseLog(
      [JSON.stringify({ log: SLOG + '\n', stream: 'stdout', time: '2026-10-03T09:16:11.071234Z' })],
      'var/lib/docker/containers/3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e/3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e-json.log',
    );
    expect(out.records[0]).toMatchObject({
      msg: 'tokens issued', format: 'slog-json', source: 'container/3f4e5d6c7b8a',
      ts: Date.UTC(2026, 9, 3, 9, 16, 11, 70),
    });
    expect(out.wrapper).toBe('docker-json');
    expect(out.format).toBe('slog-json');
  });

  it('names the stream by the tag or compose service the daemon recorded, not the container id', () => {
    const path = 'var/lib/docker/containers/3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e/3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e-json.log';
    const tagged = parseLog([JSON.stringify({ log: SLOG + '\n', stream: 'stdout', attrs: { tag: 'authserver-1' }, time: '2026-10-03T09:16:11.071234Z' })], path);
    expect(tagged.records[0]?.source).toBe('authserver-1');
    const compose = parseLog([JSON.stringify({ log: SLOG + '\n', stream: 'stdout', attrs: { 'com.docker.compose.service': 'notes-mcp' }, time: '2026-10-03T09:16:11.071234Z' })], path);
    expect(compose.records[0]?.source).toBe('notes-mcp');
  });

  it('falls back to the Docker time for a plain inner line and joins a line split over entries', () => {
    const out = parseLog([
      JSON.stringify({ log: 'error: load config: ', stream: 'stderr', time: '2026-10-03T09:15:00.5Z' }),
      JSON.stringify({ log: 'configuration validation failed:\n', stream: 'stderr', time: '2026-10-03T09:15:00.5Z' }),
    ]);
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({
      msg: 'error: load config: configuration validation failed:', ts: Date.UTC(2026, 9, 3, 9, 15, 0, 500), line: 1, format: 'fatal',
    });
  });
});

describe('CRI', () => {
  it('keeps the self-check rows with their record across an empty wrapped line', () => {
    const out = parseLog([
      '2026-10-03T09:15:02.000000000Z stdout F === authserver feature self-check ===',
      '2026-10-03T09:15:02.000000000Z stdout F ',
      '2026-10-03T09:15:02.000000000Z stdout F   dpop  enabled',
    ]);
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ msg: '=== authserver feature self-check ===\n  dpop  enabled', origin: 'authserver', ts: Date.UTC(2026, 9, 3, 9, 15, 2) });
  });


  it('joins P partial chunks until the F chunk into one record at the first chunk line', () => {
    const out = parseLog([
      '2026-10-03T09:16:11.100000000Z stdout P {"time":"2026-10-03T09:16:11.07Z","level":"INFO",',
      '2026-10-03T09:16:11.100000000Z stdout P "msg":"tokens issued",',
      '2026-10-03T09:16:11.100000000Z stdout F "service":"authserver"}',
      '2026-10-03T09:16:12.000000000Z stderr F time=2026-10-03T09:16:12.000Z level=ERROR msg="token endpoint error" service=authserver',
    ], 'var/log/pods/auth_authserver-7d9f6_0c1d2e3f/authserver/0.log');
    expect(out.records.map((r) => [r.msg, r.line, r.format, r.source])).toEqual([
      ['tokens issued', 1, 'slog-json', 'pod/authserver-7d9f6/authserver'],
      ['token endpoint error', 4, 'slog-text', 'pod/authserver-7d9f6/authserver'],
    ]);
    expect(out.wrapper).toBe('cri');
  });
});

describe('journald export', () => {
  it('reads MESSAGE, names the stream unit@host and uses the realtime stamp when the line has no time', () => {
    const rec = one(JSON.stringify({
      __REALTIME_TIMESTAMP: '1791018971070123', _HOSTNAME: 'auth-1', _SYSTEMD_UNIT: 'authserver.service',
      SYSLOG_IDENTIFIER: 'authserver', PRIORITY: '3', MESSAGE: 'error: migrate database: no such table: clients',
    }));
    expect(rec).toMatchObject({
      source: 'authserver.service@auth-1', ts: 1791018971070, level: 'ERROR', format: 'fatal',
      msg: 'error: migrate database: no such table: clients',
    });
  });

  it('decodes a MESSAGE given as a byte array', () => {
    const bytes = [...Buffer.from('caf\u00e9 \u2014 plain text\n', 'utf8')];
    const rec = one(JSON.stringify({ __REALTIME_TIMESTAMP: '1791018971000000', _HOSTNAME: 'h', SYSLOG_IDENTIFIER: 'mcp', PRIORITY: '4', MESSAGE: bytes }));
    expect(rec).toMatchObject({ msg: 'café — plain text', level: 'WARN', source: 'mcp@h' });
  });

  it('reads an inner slog JSON MESSAGE with its own level over PRIORITY', () => {
    const out = parseLog([JSON.stringify({ __REALTIME_TIMESTAMP: '1791018971000000', _HOSTNAME: 'h', _SYSTEMD_UNIT: 'authserver.service', PRIORITY: '6', MESSAGE: SLOG.replace('"INFO"', '"WARN"') })]);
    expect(out.records[0]).toMatchObject({ level: 'WARN', format: 'slog-json', ts: Date.UTC(2026, 9, 3, 9, 16, 11, 70) });
    expect(out.wrapper).toBe('journald');
  });
});

describe('docker compose', () => {
  it('takes padded service names as sources, with or without timestamps', () => {
    const out = parseLog([
      `authserver-1  | ${TEXT}`,
      'mcp-server-1  | 2026-10-03T09:16:13.000000000Z 2026-10-03 09:16:13,250 authplane.verifier.verifier INFO Kid not found in JWKS, forcing refresh',
    ]);
    expect(out.records.map((r) => [r.source, r.format, r.origin])).toEqual([
      ['authserver-1', 'slog-text', 'authserver'],
      ['mcp-server-1', 'python', 'sdk'],
    ]);
    expect(out.records[1]!.ts).toBe(Date.UTC(2026, 9, 3, 9, 16, 13, 250));
    expect(out.wrapper).toBe('compose');
  });

  it('accepts unnumbered service names when the whole file uses compose prefixes', () => {
    const out = parseLog([`auth  | ${TEXT}`, `mcp   | level=INFO msg=verified sub=u1`]);
    expect(out.records.map((r) => r.source)).toEqual(['auth', 'mcp']);
  });
});
