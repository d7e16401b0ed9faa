// AP0718: federated (OIDC) logins fail because AuthPlane cannot reach the upstream identity provider
// (reference O1, ErrOIDCUnavailable). The OIDC facade logs ERROR `OIDC upstream unavailable during code
// exchange` with the error and answers the callback with a 500; it deliberately records no failed login
// attempt and no audit row, so login counters look quiet while nobody can sign in with the IdP.
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { accessOf, attr, earliest, logsWithMsg, tally, traceIds } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const MSG = 'OIDC upstream unavailable during code exchange';

export default defineRule({
  id: 'AP0718', cause: 'oidc-upstream-unavailable', step: 7, severity: 'error',
  title: 'Federated logins fail: the upstream OIDC identity provider is unreachable',
  fix: "Restore AuthPlane's connection to the identity provider: from the AuthPlane host, fetch the IdP's discovery document (`curl -s $OIDC_ISSUER/.well-known/openid-configuration`), its jwks_uri and its token endpoint, and fix what fails (DNS, egress firewall or NetworkPolicy, proxy, TLS trust, an IdP outage). The `oidc.*` settings name the issuer. Local password logins are not affected.",
  docs: DOCS.errorCodes,
  needs: ['server-logs'],
  *check(model) {
    const logs = logsWithMsg(model, [MSG]).filter((r) => r.origin === 'authserver');
    const n = lineCount(model, logs);
    if (n === 0) return;
    const errors = tally(logs.map((r) => attr(r, 'error')));
    const ids = new Set(logs.map((r) => r.requestId).filter(Boolean));
    // The callback's own access line: the answer the browser got (500 since the sentinel became ErrOIDCUnavailable).
    const answers = ids.size ? logsWithMsg(model, ['http request']).filter((r) => r.requestId != null && ids.has(r.requestId) && (accessOf(r)?.status ?? 0) >= 500) : [];
    const top = errors[0];
    yield {
      // One failed exchange can be a blip at the IdP; a run of them is an outage users notice.
      severity: n >= 3 ? 'error' : 'warning',
      confidence: strength(n, 5, 0.5, 0.9),
      explanation: `${plural(n, 'federated login')} ${fmtSpan(logs.map((r) => r.ts))} failed because AuthPlane could not reach the upstream OIDC identity provider during the code exchange ("${MSG}")${top ? `; the error was ${JSON.stringify(top[0].slice(0, 200))}${errors.length > 1 ? ` (and ${plural(errors.length - 1, 'other error')})` : ''}` : ''}${answers.length ? `; ${plural(answers.length, 'callback')} answered 500` : ''}. AuthPlane counts these neither as failed logins nor in the audit trail, so only this line shows that nobody could sign in through the IdP.`,
      evidence: [...sampleEnds(logs, 5, 3).map((r) => logEvidence(r)), ...answers.slice(0, 2).map((r) => logEvidence(r))],
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
