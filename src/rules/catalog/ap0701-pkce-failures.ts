// AP0701: authorization-code exchanges fail PKCE (ErrInvalidPKCE → invalid_grant; checklist's auth_denied{reason="invalid_pkce"}).
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { matchExchanges } from '../support-b/http.ts';
import { attr, earliest, matchLogs, traceIds } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount, lineTally } from '../support/line-count.ts';

const PKCE = /ErrInvalidPKCE|PKCE verification failed|invalid_pkce/i;

export default defineRule({
  id: 'AP0701', cause: 'pkce-failures', step: 7, severity: 'error',
  title: 'Authorization-code exchanges fail PKCE verification',
  fix: 'Fix the client: send the same code_verifier on /oauth/token that produced the code_challenge on /oauth/authorize, with code_challenge_method=S256 and code_challenge = base64url(SHA-256(code_verifier)) (plain is not supported). A verifier lost between the two legs (new process, second tab) also fails.',
  docs: DOCS.errorCodes,
  needs: ['server-logs'],
  *check(model) {
    const logs = matchLogs(model, [{ hint: 'pkce', re: PKCE }], ['authserver']);
    const exchanges = matchExchanges(model, PKCE, (d) => (d.http?.status ?? 0) >= 400);
    const metric = growth(model, 'authserver_auth_denied_total', { reason: 'invalid_pkce' });
    // A counter that grew by a handful is background; a single scrape's lifetime total says little.
    const metricCount = metric.hasDelta ? (metric.delta >= 5 ? metric.delta : 0) : metric.last >= 20 ? metric.last : 0;
    const failed = lineCount(model, logs);
    const n = Math.max(failed, exchanges.length, metricCount);
    if (n === 0) return;
    const clients = lineTally(model, logs, (r) => attr(r, 'client_id'));
    const oneClient = clients.length === 1 || (clients[0] && clients[0][1] >= 0.8 * failed) ? clients[0]?.[0] : undefined;
    const parts = [];
    if (logs.length) parts.push(`${plural(failed, 'token request')} ${fmtSpan(logs.map((r) => r.ts))} failed with ErrInvalidPKCE (invalid_grant)${oneClient ? `, ${clients.length === 1 ? 'all' : 'most'} from client ${oneClient}` : ''}`);
    if (metricCount) parts.push(`authserver_auth_denied_total{reason="invalid_pkce"} ${describeGrowth(metric)}`);
    if (exchanges.length) parts.push(`${plural(exchanges.length, 'captured response')} say "PKCE verification failed"`);
    const note = metricCount ? ' (Note: the code labels auth_denied with login reasons; invalid_pkce comes from the debugging checklist, so this counter may be absent on your version.)'
      : ' The debugging checklist says to watch authserver_auth_denied_total{reason="invalid_pkce"}, but the server labels that counter with login reasons only: PKCE failures show up as ErrInvalidPKCE / invalid_grant at /oauth/token, as here.';
    const sustained = n >= 5;
    yield {
      severity: sustained ? 'error' : 'warning',
      confidence: strength(n, 5, 0.35, 0.85),
      explanation: `${parts.join('; ')}. The code_verifier sent to /oauth/token does not hash to the code_challenge of the authorization request, so users finish login but never get a token.${note}`,
      evidence: [...sampleEnds(logs).map((r) => logEvidence(r)), ...seriesEvidence(metric).map(counterEvidence), ...exchanges.slice(0, 3).map(exchangeEvidence)],
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
