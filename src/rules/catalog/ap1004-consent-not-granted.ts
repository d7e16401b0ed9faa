// AP1004: users denied consent, or token exchanges keep failing with consent_required (G9).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { matchExchanges } from '../support-b/http.ts';
import { earliest, logsWithMsg, tally } from '../support-b/logs.ts';
import { growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const CONSENT_REASONS = new Set(['consent_required', 'scope_not_consented', 'consent_lookup_failed']);
const CONSENT_LOGS = ['mint dispatch denied: no active user consent', 'mint dispatch denied: requested scope not consented'];

export default defineRule({
  id: 'AP1004', cause: 'consent-not-granted', step: 10, severity: 'warning',
  title: 'Consent was denied or never completed',
  fix: 'Send the user to the consent_url of the consent_required response (MCP clients show it through URL elicitation, JSON-RPC -32042) and let them approve the scopes; a user who clicked Deny must start the authorization again. Check the consent.granted / consent.denied rows for that user in /admin/audit.',
  docs: DOCS.errorCodes,
  needs: ['audit'],
  *check(model) {
    const denied = model.audit.byAction('consent.denied');
    const exchangeDenied = model.audit.byAction('token.exchange_denied').filter((a) => CONSENT_REASONS.has(a.detailKv.reason ?? a.detailKv.denied_reason ?? ''));
    const logs = logsWithMsg(model, CONSENT_LOGS);
    const exchanges = matchExchanges(model, /"error"\s*:\s*"consent_required"|error=consent_required/, (d) => (d.http?.status ?? 0) >= 400);
    const metric = growth(model, 'authplane_token_exchange_denied_total', undefined, (l) => CONSENT_REASONS.has(l.reason ?? ''));
    const required = Math.max(exchangeDenied.length, lineCount(model, logs), exchanges.length, metric.hasDelta ? metric.delta : 0);
    if (denied.length === 0 && required === 0) return;
    const users = tally([...denied, ...exchangeDenied].map((a) => a.actorId));
    const parts = [];
    if (denied.length) parts.push(`${plural(denied.length, 'consent.denied row')} ${fmtSpan(denied.map((a) => a.ts))}${users.length ? ` (users ${fmtList(users.map(([u]) => u))})` : ''}: the user clicked Deny, so no token was issued`);
    if (required) parts.push(`${plural(required, 'token exchange')} refused with consent_required: the user never granted the scopes the agent asks for`);
    // One denial is a user's choice; repeated refusals are an integration that never sends the user to consent.
    const n = denied.length + required;
    yield {
      severity: required >= 3 || denied.length >= 3 ? 'warning' : 'info',
      confidence: n >= 3 ? 0.75 : 0.35,
      explanation: `${parts.join('; ')}.`,
      evidence: [...sampleEnds(denied, 5, 3).map(auditEvidence), ...sampleEnds(exchangeDenied, 3, 2).map(auditEvidence), ...sampleEnds(logs, 3, 2).map((r) => logEvidence(r)),
        ...exchanges.slice(0, 3).map(exchangeEvidence), ...seriesEvidence(metric, 2).map(counterEvidence)],
      affected: n,
      since: earliest([...denied, ...exchangeDenied, ...logs]),
    };
  },
});
