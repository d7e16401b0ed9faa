// A small hand-built bundle (model via correlate's buildModel) and a hand-written Analysis over it,
// with planted secrets and identities, for the rendering tests.
import type { Model } from '../../src/correlate/index.ts';
import type { Analysis, Finding } from '../../src/rules/index.ts';
import { access, doc, log, model } from '../helpers/records.ts';
import { JWT, JWT_SIGNATURE, S } from './redact/corpus.ts';

export const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
export const REQUEST = '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60';
/** A log line full of backticks and pipes: it must stay inside its code fence. */
export const BACKTICK_MSG = 'tool call failed: ```` `rm -rf` | `drop table` ```` | end';
export const PLANTED = [S.adminKey, S.sessionSecret, S.dbPassword, S.clientSecret, JWT, JWT_SIGNATURE, 'alice@acme-corp.io', '203.0.113.9', 'user-42'];

export function fixtureModel(): Model {
  return model([
    doc('config-yaml', {
      server: { issuer: 'https://auth.acme-corp.io', address: ':9000' },
      admin: { api_key: S.adminKey },
      session: { secret: S.sessionSecret, secure: true },
      storage: { driver: 'postgres', postgres: { dsn: `postgres://authplane:${S.dbPassword}@db:5432/authplane` } },
    }, { file: 'config/config.yaml' }),
    log('starting authserver', { version: '0.2.2', issuer: 'https://auth.acme-corp.io', address: ':9000' }, { time: '2026-10-03T09:15:00.000Z' }),
    access('POST', '/oauth/token', 400, { time: '2026-10-03T09:16:10.000Z', remoteAddr: '203.0.113.9:51234', traceId: TRACE, requestId: REQUEST }),
    log('token issuance failed', { error: 'ErrInvalidPKCE', code: 'invalid_grant', client_id: 'my-client', client_secret: S.clientSecret, user_id: 'user-42', email: 'alice@acme-corp.io', trace_id: TRACE, request_id: REQUEST }, { level: 'ERROR', time: '2026-10-03T09:16:10.100Z' }),
    log(BACKTICK_MSG, { token: JWT, trace_id: TRACE }, { origin: 'sdk', level: 'WARN', time: '2026-10-03T09:16:10.200Z', file: 'logs/mcp-server.log', format: 'python' }),
  ]);
}

function finding(over: Partial<Finding> & Pick<Finding, 'rule' | 'cause' | 'step' | 'title'>): Finding {
  return { severity: 'error', confidence: 0.9, explanation: '', fix: '', docs: '', evidence: [], related: [], ...over };
}

export function fixtureAnalysis(): Analysis {
  const root = finding({
    rule: 'AP0701', cause: 'pkce-failures', step: 7, title: 'Authorization-code exchanges fail PKCE',
    explanation: 'user-42 (alice@acme-corp.io) got invalid_grant from 203.0.113.9 three times.',
    fix: 'Send the code_verifier that matches the code_challenge of the authorize request.',
    docs: 'https://docs.authplane.dev/errors#invalid_pkce', related: ['AP0505'], affected: 3,
    evidence: [
      { kind: 'log', file: 'logs/authserver.log', line: 4, time: '2026-10-03T09:16:10.100Z', trace_id: TRACE, request_id: REQUEST,
        excerpt: `ERROR "token issuance failed" error=ErrInvalidPKCE code=invalid_grant client_secret=${S.clientSecret} email=alice@acme-corp.io` },
      { kind: 'log', file: 'logs/mcp-server.log', line: 5, time: '2026-10-03T09:16:10.200Z', trace_id: TRACE, excerpt: `WARN "${BACKTICK_MSG}" token=${JWT}` },
      { kind: 'metric', file: 'metrics/a.prom', line: 7, excerpt: 'authserver_auth_denied_total{reason="invalid_pkce"} 1 → 4 (+3 in 60s)',
        metric: { name: 'authserver_auth_denied_total', labels: { reason: 'invalid_pkce', client_ip: '203.0.113.9' }, before: 1, after: 4, delta: 3, windowSeconds: 60 } },
      ...Array.from({ length: 14 }, (_, i) => ({ kind: 'log' as const, file: 'logs/authserver.log', line: 100 + i, excerpt: `WARN "http request" status=400 n=${i}` })),
    ],
  });
  const consequence = finding({
    rule: 'AP0505', cause: 'token-expired', step: 5, title: 'Tokens are used after they expire', severity: 'warning', confidence: 0.6,
    explanation: 'Clients retried with expired tokens | after the PKCE failure.', consequence_of: 'AP0701',
    evidence: [{ kind: 'token', file: 'tokens/access.jwt', line: 1, excerpt: 'kid=k1 typ=at+jwt exp=1708762500' }],
  });
  const other = finding({ rule: 'AP0001', cause: 'session-secret-ephemeral', step: 0, title: 'Sessions use an ephemeral secret', severity: 'warning', confidence: 0.8, explanation: 'No session.secret.', fix: 'Set AUTHPLANE_SESSION_SECRET.' });
  return {
    schema: 'forensic.analysis/v1', tool: { name: 'forensic', version: '0.1.0' },
    bundle: {
      source: '/home/alice/cases/acme-bundle.tgz', sha256: 'ab'.repeat(32), authplane_version: '0.2.2',
      time_range: { from: '2026-10-03T09:15:00.000Z', to: '2026-10-03T09:16:10.200Z' },
      files: [
        { path: 'logs/authserver.log', kind: 'log', format: 'slog-json', wrapper: 'kubectl-prefix', records: 4, skipped: 1, time_range: { from: '2026-10-03T09:15:00.000Z', to: '2026-10-03T09:16:10.100Z' } },
        { path: 'config/config.yaml', kind: 'document', format: 'config-yaml', wrapper: null, records: 1, skipped: 0, time_range: null },
      ],
      problems: [{ path: 'logs/authserver.log', line: 17, problem: 'truncated JSON line' }],
    },
    checklist: [
      { step: 1, title: 'AuthPlane reachable and DB healthy', status: 'pass', findings: [], note: '' },
      { step: 5, title: 'Token audience, issuer, scope and expiry', status: 'warn', findings: ['AP0505'], note: 'expired | tokens' },
      { step: 7, title: 'Metrics tell a story', status: 'fail', findings: ['AP0701'], note: 'PKCE failures' },
      { step: 9, title: 'Reproduce with MCP Inspector', status: 'unknown', findings: [], note: 'collect an Inspector session to check this' },
    ],
    findings: [root, consequence, other],
    errors_seen: [{ code: 'invalid_grant', count: 3, meaning: 'the authorization grant is invalid, expired, or revoked', fix: 'start a new flow' }],
    traces: [], stats: { records: 5, traces: 1, requests: 1, elapsed_ms: 12 },
  };
}
