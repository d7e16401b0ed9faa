// AP0716: token exchanges refused because the exchanging client is not on the target resource's allowlist
// (reference G7: 0.2.0 made cross-client exchange opt-in; ErrTokenExchangeNotAuthorized → 403 access_denied).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { matchExchanges } from '../support-b/http.ts';
import { attr, earliest, logsWithMsg, tally, traceIds } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

/** The reasons of `authplane_token_exchange_denied_total` / `token.exchange_denied` for this gate (reference §3.6, G7). */
const REASONS = new Set(['cross_client_not_authorized', 'operator_gate_denied']);
const LOG_MSGS = ['mint dispatch denied: client not in operator allowlist'];
const LOG_PREFIXES = ['mint dispatch denied: cross-client exchange requires'];
/** ErrTokenExchangeNotAuthorized's wire text (reference §2.3). */
const WIRE = /client is not authorized to exchange this token/;

export default defineRule({
  id: 'AP0716', cause: 'exchange-not-allowlisted', step: 7, severity: 'error',
  title: "Token exchanges refused: the client is not on the resource's exchange allowlist",
  fix: "Since 0.2.0 a cross-client token exchange must be allowlisted on the target resource: add the exchanging client's id to the resource's `policy.exchange.allowed_client_ids` (or to `policy.runtime.client_ids` when that client is the resource's own runtime client) with `PATCH /admin/resources/{id}`. An empty list allows self-exchange only.",
  docs: DOCS.errorCodes,
  needs: ['server-logs'],
  *check(model) {
    const rows = model.audit.byAction('token.exchange_denied').filter((a) => REASONS.has(a.detailKv.reason ?? a.detailKv.denied_reason ?? ''));
    const logs = logsWithMsg(model, LOG_MSGS, LOG_PREFIXES).filter((r) => r.origin === 'authserver');
    const metric = growth(model, 'authplane_token_exchange_denied_total', undefined, (l) => REASONS.has(l.reason ?? ''));
    const metricCount = metric.hasDelta ? metric.delta : 0;
    const exchanges = matchExchanges(model, WIRE, (d) => (d.http?.status ?? 0) >= 400);
    const denials = lineCount(model, logs);
    const n = Math.max(rows.length, denials, metricCount, exchanges.length);
    if (n === 0) return;
    const clients = tally([...rows.map((a) => a.clientId), ...logs.map((r) => attr(r, 'client_id'))]);
    const parts = [];
    if (denials || rows.length) {
      const times = [...rows.map((a) => a.ts), ...logs.map((r) => r.ts)];
      parts.push(`${plural(Math.max(denials, rows.length), 'token exchange')} ${fmtSpan(times)} refused by the cross-client allowlist (${denials ? '"mint dispatch denied: client not in operator allowlist"' : 'token.exchange_denied'})${clients.length ? `, from client ${fmtList(clients.map(([c]) => c))}` : ''}`);
    }
    if (metricCount) parts.push(`authplane_token_exchange_denied_total{reason="cross_client_not_authorized"|"operator_gate_denied"} ${describeGrowth(metric)}`);
    if (exchanges.length) parts.push(`${plural(exchanges.length, 'captured response')} 403 "client is not authorized to exchange this token"`);
    // One refusal is the allowlist doing its job; a steady stream is an integration that was never allowlisted.
    yield {
      severity: n >= 3 ? 'error' : n === 2 ? 'warning' : 'info',
      confidence: strength(n, 5, 0.35, 0.9),
      explanation: `${parts.join('; ')}. Since AuthPlane 0.2.0 a client may exchange a token issued to another client only when the target resource allowlists it (an empty list allows self-exchange only), so agents that worked before the upgrade now get 403 access_denied.`,
      evidence: [...sampleEnds(logs, 5, 3).map((r) => logEvidence(r)), ...sampleEnds(rows, 3, 2).map(auditEvidence), ...seriesEvidence(metric, 2).map(counterEvidence), ...exchanges.slice(0, 2).map(exchangeEvidence)],
      affected: n,
      traces: traceIds(logs),
      since: earliest([...logs, ...rows]),
    };
  },
});
