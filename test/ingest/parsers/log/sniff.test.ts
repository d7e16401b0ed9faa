// Sniff scores: log files are claimed by exactly one log format with a high score; JSON documents,
// audit dumps, metrics and config files are not mistaken for logs.
import { describe, expect, it } from 'vitest';
import { headOf, sniffLog } from './fake-context.ts';

const SLOG = '{"time":"2026-10-03T09:16:11.07Z","level":"INFO","msg":"tokens issued","service":"authserver","client_id":"c1"}';
const JWKS_ONE_LINE = '{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","use":"sig","alg":"ES256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}';

describe('log sniffing', () => {
  it.each([
    ['slog JSON', [SLOG, SLOG, SLOG], 'slog-json'],
    ['slog text', ['time=2026-10-03T09:16:11.070Z level=INFO msg="tokens issued" service=authserver'], 'slog-text'],
    ['kubectl-prefixed slog JSON', [`[pod/a/b] ${SLOG}`, `[pod/c/d] ${SLOG}`], 'slog-json'],
    ['Python SDK lines', ['2026-06-24 12:00:00,716 authplane.verifier.verifier INFO Kid not found in JWKS, forcing refresh'], 'python'],
    ['TS console lines', ['[authplane] Document refresh backing off after a failed attempt (retry in 29s).'], 'ts-console'],
    ['JUL records', ['Nov 27, 2026 6:14:44 PM ai.authplane.sdk.core.JwtValidator verify', 'WARNING: Token verification failed [issuer=x, error=E, duration=1.0ms]'], 'java-jul'],
    ['a fatal boot error', ['error: load config: configuration validation failed:', '  1. session.secret is required when server.issuer is not localhost'], 'fatal'],
  ])('claims %s with a score of at least 0.8', (_what, lines, id) => {
    const s = sniffLog(headOf(lines, 'bundle/out.txt'));
    expect(s.id).toBe(id);
    expect(s.score).toBeGreaterThanOrEqual(0.8);
  });

  it('still claims a log with a few unrecognised lines, at a score above a JWKS document', () => {
    const log = sniffLog(headOf([SLOG, SLOG, SLOG, 'some stray text', SLOG]));
    const jwks = sniffLog(headOf([JWKS_ONE_LINE], 'jwks.json'));
    expect(log.score).toBeGreaterThanOrEqual(0.8);
    expect(jwks.score).toBe(0);
  });

  it.each([
    ['a pretty-printed JWKS', ['{', '  "keys": [', '    { "kty": "EC", "kid": "k1" }', '  ]', '}'], 'jwks.json'],
    ['an audit array', ['[', '  {"id":"1","action":"token.issued","actor_id":"u","client_id":"c","ip":"1.2.3.4","detail":"","trace_id":"","created_at":"2026-10-03T09:15:02Z"}', ']'], 'audit.json'],
    ['NDJSON audit events', [
      '{"id":"1","action":"token.issued","actor_id":"u","client_id":"c","created_at":"2026-10-03T09:15:02Z"}',
      '{"id":"2","action":"token.revoked","actor_id":"u","client_id":"c","created_at":"2026-10-03T09:15:03Z"}',
    ], 'audit.ndjson'],
    ['Prometheus metrics', ['# HELP authserver_tokens_issued_total Tokens issued.', '# TYPE authserver_tokens_issued_total counter', 'authserver_tokens_issued_total{grant_type="authorization_code"} 42'], 'metrics.txt'],
    ['a config file', ['server:', '  issuer: https://auth.example.com', 'session:', '  secret: x'], 'config.yaml'],
    ['an env file', ['AUTHPLANE_SERVER_ISSUER=https://auth.example.com', 'AUTHPLANE_LOG_FORMAT=text'], 'authplane.env'],
    ['a one-line AS metadata document', ['{"issuer":"https://auth.example.com","jwks_uri":"https://auth.example.com/.well-known/jwks.json"}'], 'as.json'],
  ])('gives %s a score of zero', (_what, lines, path) => {
    expect(sniffLog(headOf(lines, path)).score).toBe(0);
  });

  it('takes unrecognised text as a low-score plain log only when its name says log', () => {
    expect(sniffLog(headOf(['starting up', 'ready'], 'logs/worker.log'))).toEqual({ id: 'plain', score: 0.3 });
    expect(sniffLog(headOf(['starting up', 'ready'], 'notes.txt')).score).toBe(0);
  });
});
