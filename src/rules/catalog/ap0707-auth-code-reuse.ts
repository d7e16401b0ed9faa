// AP0707: authorization-code replays with a valid verifier (page); verifier=invalid replays are noise (R7–R9).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { attr, earliest, logsWithMsg, tally, traceIds } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';
import type { LogRecord } from '../../ingest/index.ts';

const CREDENTIALED = [
  'authorization code reuse detected — family revoked',
  'authorization code reuse detected — credentialed replay, no family linked to the session, nothing revoked',
];
/** Lines that tie a session_id to its client_id. */
const SESSION_LINES = ['authorization started', 'authorization completed'];

export default defineRule({
  id: 'AP0707', cause: 'auth-code-reuse', step: 7, severity: 'error',
  title: 'Authorization codes replayed with a valid PKCE verifier',
  fix: 'The same client_id replaying steadily is a client bug: it must discard the code, verifier and state after the exchange. Otherwise treat it as an incident (a captured token request was replayed): suspend the client, force-logout the users, check proxies and log shippers that may resend requests. For "no family linked", find the `tokens issued` line with the same auth_session_id and revoke that family (`DELETE /admin/tokens/{family_id}`).',
  docs: DOCS.tokenDesign,
  needs: ['server-logs'],
  *check(model) {
    // verifier="invalid" is background noise (a spent code lifted from a log or history): never reported.
    const metric = growth(model, 'authserver_auth_code_reuse_total', { verifier: 'valid' });
    const metricCount = metric.hasDelta ? metric.delta : 0;
    const rows = model.audit.byAction('auth_code.reused').filter((a) => a.detailKv.verifier === 'valid');
    const logs = logsWithMsg(model, CREDENTIALED);
    const replays = lineCount(model, logs);
    const n = Math.max(metricCount, rows.length, replays);
    if (n === 0) return;
    // The reuse lines carry session_id, not client_id (reference §1.6): resolve the client through the
    // session's `authorization started` / `authorization completed` line, or the `auth_code.reused` row.
    const sessionClient = new Map<string, string>();
    for (const r of logsWithMsg(model, SESSION_LINES)) {
      const session = attr(r, 'session_id');
      const client = attr(r, 'client_id');
      if (session && client) sessionClient.set(session, client);
    }
    for (const a of model.audit.byAction('auth_code.reused')) if (a.detailKv.session && a.clientId) sessionClient.set(a.detailKv.session, a.clientId);
    const clientOf = (r: LogRecord): string | undefined => {
      const session = attr(r, 'session_id');
      return attr(r, 'client_id') ?? (session ? sessionClient.get(session) : undefined);
    };
    // A replay shows up as a log line and as its audit row: count each session once.
    const rowSessions = new Set(rows.map((a) => a.detailKv.session).filter(Boolean));
    const clients = tally([...rows.map((a) => a.clientId), ...logs.filter((r) => !rowSessions.has(attr(r, 'session_id') ?? '')).map(clientOf)]);
    const one = clients.length === 1 && n >= 3 ? clients[0]![0] : undefined;
    const unlinked = lineCount(model, logs.filter((r) => r.msg === CREDENTIALED[1]));
    const parts = [];
    if (rows.length || logs.length) parts.push(`${plural(Math.max(rows.length, replays), 'code replay')} with a valid verifier ${fmtSpan([...rows.map((a) => a.ts), ...logs.map((r) => r.ts)])}`);
    if (metricCount) parts.push(`authserver_auth_code_reuse_total{verifier="valid"} ${describeGrowth(metric)}`);
    yield {
      severity: n >= 3 ? 'error' : 'warning',
      confidence: strength(n, 4, 0.4, 0.9),
      explanation: `${parts.join('; ')}. The replayer knew the PKCE verifier and the client id, so this is the client itself resending its exchange, or a whole token request captured and replayed.${one ? ` All come from client ${one}: most likely a client bug.` : ''}${unlinked ? ` ${plural(unlinked, 'replay')} found no family to revoke: the first redemption may still be live.` : ''}`,
      evidence: [...sampleEnds(rows, 5, 3).map(auditEvidence), ...sampleEnds(logs, 5, 3).map((r) => logEvidence(r)), ...seriesEvidence(metric, 1).map(counterEvidence)],
      affected: n,
      traces: traceIds(logs),
      since: earliest([...rows, ...logs]),
    };
  },
});
