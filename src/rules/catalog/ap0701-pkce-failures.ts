// AP0701: authorization-code exchanges keep failing with invalid_grant (PKCE verifier mismatch, reused or
// expired code). AuthPlane does not log a domain error at /oauth/token and has no PKCE metric label: what a
// bundle shows is `token.issue_denied reason=invalid_grant` rows (reference §4.3) next to 400 `http request`
// lines on /oauth/token. Only the wire text `PKCE verification failed` (ErrInvalidPKCE, §2.3), in a capture
// or a client's log, says it is PKCE for sure.
import { DOCS } from '../docs.ts';
import { auditEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { matchExchanges } from '../support-b/http.ts';
import { accessOf, attr, earliest, logsWithMsg, matchLogs, tally, traceIds } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';
import type { AuditRecord, LogRecord } from '../../ingest/index.ts';

const PKCE = /PKCE verification failed|ErrInvalidPKCE/i;
/** Denied code exchanges below this count (without the PKCE text) are users retrying an expired code. */
const BURST = 5;

const isDenied = (a: AuditRecord) => (a.detailKv.reason ?? '') === 'invalid_grant';

/** user_agent of the /oauth/token access lines that share a request id with a client's denial (log copy of the audit row). */
function agentsByClient(auditLines: readonly LogRecord[], access: readonly LogRecord[]): Map<string, [string, number][]> {
  const ua = new Map<string, string>();
  for (const r of access) {
    const agent = attr(r, 'user_agent');
    if (r.requestId && agent) ua.set(r.requestId, agent);
  }
  const per = new Map<string, (string | undefined)[]>();
  for (const r of auditLines) {
    const client = attr(r, 'client_id');
    if (!client || !r.requestId) continue;
    const list = per.get(client) ?? [];
    list.push(ua.get(r.requestId));
    per.set(client, list);
  }
  return new Map([...per].map(([c, v]) => [c, tally(v)]));
}

export default defineRule({
  id: 'AP0701', cause: 'pkce-failures', step: 7, severity: 'error',
  title: 'Authorization-code exchanges fail (invalid_grant, PKCE)',
  fix: 'Fix the client: send the same code_verifier on /oauth/token that produced the code_challenge on /oauth/authorize, with code_challenge_method=S256 and code_challenge = base64url(SHA-256(code_verifier)) (plain is not supported). A verifier lost between the two legs (new process, second tab) also fails. If the response is not "PKCE verification failed", the code was already used or expired, or the redirect_uri differs from the authorize request: start a new authorization with the identical redirect_uri and redeem the code once, right away.',
  docs: DOCS.errorCodes,
  needs: ['audit'],
  *check(model) {
    const rows = model.audit.byAction('token.issue_denied').filter(isDenied);
    const access = logsWithMsg(model, ['http request']).filter((r) => {
      const a = r.origin === 'authserver' ? accessOf(r) : null;
      return a != null && a.status === 400 && a.path.split('?')[0] === '/oauth/token';
    });
    const auditLines = logsWithMsg(model, ['audit']).filter((r) => attr(r, 'action') === 'token.issue_denied' && /\breason=invalid_grant\b/.test(attr(r, 'detail') ?? ''));
    // The access lines of those very requests (a 400 on /oauth/token may also be a refresh or a DPoP failure).
    const deniedIds = new Set(auditLines.map((r) => r.requestId).filter(Boolean));
    const linked = access.filter((r) => r.requestId && deniedIds.has(r.requestId));
    // The wire text, on any side: a capture of the token response, or a client / MCP-side log that quotes it.
    const pkceLogs = matchLogs(model, [{ hint: 'pkce', re: PKCE }]);
    const exchanges = matchExchanges(model, PKCE, (d) => (d.http?.status ?? 0) >= 400);
    const pkce = pkceLogs.length > 0 || exchanges.length > 0;
    const wire = lineCount(model, pkceLogs);
    const n = Math.max(rows.length, wire, exchanges.length);
    // One or two invalid_grant exchanges are users retrying an expired code; without the PKCE text only a burst counts.
    if (n === 0 || (!pkce && rows.length < BURST)) return;

    const clients = tally(rows.map((a) => a.clientId));
    const agents = agentsByClient(auditLines, access);
    const named = clients.slice(0, 3).map(([c, k]) => {
      const ua = agents.get(c)?.[0]?.[0];
      return `${clients.length === 1 ? '' : `${k} from `}client ${c}${ua ? ` (user_agent ${ua})` : ''}`;
    });
    const parts = [];
    if (rows.length) {
      parts.push(`${plural(rows.length, 'code exchange')} ${fmtSpan(rows.map((a) => a.ts))} were refused (token.issue_denied reason=invalid_grant)${named.length ? `, ${clients.length === 1 ? 'all from ' : ''}${named.join(', ')}${clients.length > 3 ? ', …' : ''}` : ''}`);
    }
    if (linked.length) parts.push(`${plural(linked.length, '400 response')} on /oauth/token in the access log`);
    if (exchanges.length) parts.push(`${plural(exchanges.length, 'captured token response')} say${exchanges.length === 1 ? 's' : ''} "PKCE verification failed"`);
    if (wire) parts.push(`${plural(wire, 'log line')} quote${wire === 1 ? 's' : ''} "PKCE verification failed"`);
    const why = pkce
      ? 'The code_verifier sent to /oauth/token does not hash to the code_challenge of the authorization request (ErrInvalidPKCE), so users finish login but never get a token.'
      : 'Code exchanges failing with invalid_grant: a PKCE verifier mismatch, a code reused or expired, or a redirect_uri that differs from the authorize request. AuthPlane does not log which; a capture of one failing /oauth/token response shows the error_description ("PKCE verification failed" for PKCE).';
    yield {
      severity: n >= BURST ? 'error' : 'warning',
      confidence: pkce ? strength(n, BURST, 0.5, 0.9) : strength(n, 20, 0.5, 0.75),
      explanation: `${parts.join('; ')}. ${why}`,
      evidence: [...sampleEnds(rows, 5, 3).map(auditEvidence), ...exchanges.slice(0, 3).map(exchangeEvidence), ...sampleEnds(pkceLogs, 3, 2).map((r) => logEvidence(r)), ...sampleEnds(linked, 2, 1).map((r) => logEvidence(r))],
      affected: n,
      traces: traceIds([...pkceLogs, ...linked]),
      since: earliest([...rows, ...pkceLogs]),
    };
  },
});
