// SDK-side lines of MCP servers: Python logging, TS `[authplane] ` console lines, Java JUL, Go log/slog.
import { describe, expect, it } from 'vitest';
import { one, parseLog } from './fake-context.ts';

describe('Python logging', () => {
  it.each([
    ['2026-06-24 12:00:00,716 authplane.verifier.verifier INFO Kid not found in JWKS, forcing refresh',
      'authplane.verifier.verifier', 'INFO', 'Kid not found in JWKS, forcing refresh'],
    ['2026-06-24 12:00:00,716 authplane_mcp.verifier DEBUG authplane.token_verification_failed',
      'authplane_mcp.verifier', 'DEBUG', 'authplane.token_verification_failed'],
    ['2026-06-24 12:00:00,716 authplane.internal.document_cache WARNING Jwks fetch failed, using stale cache: HTTP 503 from https://as.example/jwks',
      'authplane.internal.document_cache', 'WARN', 'Jwks fetch failed, using stale cache: HTTP 503 from https://as.example/jwks'],
    ['2026-06-24 12:00:00,716 - authplane.errors - WARNING - token exchange: error response',
      'authplane.errors', 'WARN', 'token exchange: error response'],
  ])('reads the demo format line %#', (line, logger, level, msg) => {
    const rec = one(line);
    expect(rec).toMatchObject({ format: 'python', origin: 'sdk', level, msg, ts: Date.UTC(2026, 5, 24, 12, 0, 0, 716) });
    expect(rec.attrs.logger).toBe(logger);
  });

  it('reads the basicConfig default form', () => {
    const rec = one('WARNING:authplane.client:fail_closed=True has no effect without a revocation_checker: no revocation check will run');
    expect(rec).toMatchObject({
      format: 'python', origin: 'sdk', level: 'WARN', ts: null,
      msg: 'fail_closed=True has no effect without a revocation_checker: no revocation check will run',
    });
  });

  it('reads a CRITICAL line of another logger as an error of the MCP server', () => {
    const rec = one('2026-06-24 12:00:01,002 myapp.server CRITICAL cannot bind port 8000');
    expect(rec).toMatchObject({ level: 'ERROR', origin: 'mcp-server', msg: 'cannot bind port 8000' });
  });

  it('keeps a traceback with the record that logged it', () => {
    const out = parseLog([
      '2026-06-24 12:00:00,716 authplane.internal.document_cache ERROR Jwks change callback raised exception: boom',
      'Traceback (most recent call last):',
      '  File "/app/cache.py", line 10, in refresh',
      '    cb(doc)',
      'ValueError: boom',
      '2026-06-24 12:00:01,000 authplane.client INFO AuthplaneClient initialized',
    ]);
    expect(out.records).toHaveLength(2);
    expect(out.records[0]!.msg).toBe('Jwks change callback raised exception: boom\nTraceback (most recent call last):\n  File "/app/cache.py", line 10, in refresh\n    cb(doc)\nValueError: boom');
  });

  it('reads uvicorn access lines of a Python MCP server', () => {
    const rec = one('INFO:     10.0.0.3:52344 - "POST /mcp HTTP/1.1" 401 Unauthorized');
    expect(rec).toMatchObject({ format: 'python', level: 'INFO', msg: '10.0.0.3:52344 - "POST /mcp HTTP/1.1" 401 Unauthorized' });
    expect(rec.attrs).toEqual({ remote_addr: '10.0.0.3:52344', method: 'POST', path: '/mcp', status: 401 });
  });
});

describe('TypeScript console lines', () => {
  it('reads a [authplane] line as an SDK warning without its prefix', () => {
    const rec = one('[authplane] Revocation check failed (fail-open): token accepted despite error: jti=j-1 error=Error: fetch failed');
    expect(rec).toMatchObject({
      format: 'ts-console', origin: 'sdk', level: 'WARN',
      msg: 'Revocation check failed (fail-open): token accepted despite error: jti=j-1 error=Error: fetch failed',
    });
  });
});

describe('Java JUL SimpleFormatter', () => {
  it('makes one record of the two-line form', () => {
    const out = parseLog([
      'Nov 27, 2026 6:14:44 PM ai.authplane.sdk.core.JwtValidator verify',
      'WARNING: Token verification failed [issuer=https://auth.example.com, error=TokenExpiredException, duration=1.2ms]',
      'Nov 27, 2026 6:14:45 AM ai.authplane.sdk.core.AuthplaneClientBuilder build',
      'INFO: Discovered JWKS URI: https://auth.example.com/.well-known/jwks.json',
    ]);
    expect(out.records.map((r) => [r.level, r.msg, r.ts, r.line, r.origin])).toEqual([
      ['WARN', 'Token verification failed [issuer=https://auth.example.com, error=TokenExpiredException, duration=1.2ms]',
        Date.UTC(2026, 10, 27, 18, 14, 44), 1, 'sdk'],
      ['INFO', 'Discovered JWKS URI: https://auth.example.com/.well-known/jwks.json', Date.UTC(2026, 10, 27, 6, 14, 45), 3, 'sdk'],
    ]);
    expect(out.records[0]!.attrs).toEqual({ logger: 'ai.authplane.sdk.core.JwtValidator', method: 'verify' });
    expect(out.format).toBe('java-jul');
  });

  it('reads 12 PM as noon and 12 AM as midnight', () => {
    const out = parseLog([
      'Nov 27, 2026 12:00:01 PM ai.authplane.sdk.core.JwtValidator verify', 'INFO: a',
      'Nov 27, 2026 12:00:01 AM ai.authplane.sdk.core.JwtValidator verify', 'INFO: b',
    ]);
    expect(out.records.map((r) => r.ts)).toEqual([Date.UTC(2026, 10, 27, 12, 0, 1), Date.UTC(2026, 10, 27, 0, 0, 1)]);
  });
});

describe('Go log package output', () => {
  it('reads slog default-handler output with its attrs', () => {
    const rec = one('2026/06/24 12:00:00 INFO Calculator MCP server listening url=http://localhost:8080');
    expect(rec).toMatchObject({
      format: 'go-log', level: 'INFO', msg: 'Calculator MCP server listening', ts: Date.UTC(2026, 5, 24, 12, 0, 0), origin: 'mcp-server',
    });
    expect(rec.attrs).toEqual({ url: 'http://localhost:8080' });
  });

  it('reads an error with a quoted attr value and microseconds', () => {
    const rec = one('2026/06/24 12:00:00.250000 ERROR fatal error="listen tcp :8080: bind: address already in use"');
    expect(rec).toMatchObject({ level: 'ERROR', msg: 'fatal', ts: Date.UTC(2026, 5, 24, 12, 0, 0, 250) });
    expect(rec.attrs).toEqual({ error: 'listen tcp :8080: bind: address already in use' });
  });

  it('reads plain log.Printf output with its time', () => {
    const rec = one('2026/06/24 12:00:00 listening on :8080');
    expect(rec).toMatchObject({ format: 'go-log', level: 'INFO', msg: 'listening on :8080' });
  });
});

describe('.NET console logging (Authplane.Mcp)', () => {
  it('makes one record of the header and its indented message line', () => {
    const out = parseLog([
      'warn: Authplane.Mcp[0]',
      '      Bearer token rejected: audience does not match',
      'fail: Microsoft.AspNetCore.Server.Kestrel[13]',
      '      Connection id "0HN1" application error.',
    ]);
    expect(out.records.map((r) => [r.format, r.level, r.msg, r.origin, r.line])).toEqual([
      ['dotnet-console', 'WARN', 'Bearer token rejected: audience does not match', 'sdk', 1],
      ['dotnet-console', 'ERROR', 'Connection id "0HN1" application error.', 'mcp-server', 3],
    ]);
    expect(out.records[0]!.attrs).toEqual({ logger: 'Authplane.Mcp', event_id: 0 });
  });
});

