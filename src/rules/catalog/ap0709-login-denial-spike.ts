// AP0709: login denials at a rate that means credential stuffing, enumeration or a login regression (L1, O2–O4).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { attr, logsWithMsg } from '../support-b/logs.ts';
import { growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount, lineWeight, tallyWeighted } from '../support/line-count.ts';

const LOGIN_FAILED = new Set(['user.login_failed', 'user.oidc_login_failed']);
const DENIED_MSGS = ['local authentication denied', 'OIDC code exchange failed', 'OIDC login blocked for disabled user', 'OIDC provisioning refused: email belongs to another account'];

function spanSeconds(ts: (number | null)[]): number | null {
  const t = ts.filter((x): x is number => x != null);
  if (t.length < 2) return null;
  return (Math.max(...t) - Math.min(...t)) / 1000;
}

export default defineRule({
  id: 'AP0709', cause: 'login-denials', step: 7, severity: 'error',
  title: 'Login denials spike',
  fix: 'Rate-limit POST /login per source IP at the edge; if user_not_found dominates, someone is enumerating addresses. Check the lockout settings (rate_limit.auth_fail_max, auth_fail_window, auth_lockout). If denials started with a deploy, check for a login regression (e.g. unusable_stored_hash after an import).',
  docs: DOCS.incidentRunbook,
  needs: ['server-logs'],
  *check(model) {
    // invalid_pkce is the checklist's PKCE reason (AP0701), not a login denial.
    const metric = growth(model, 'authserver_auth_denied_total', undefined, (l) => l.reason !== 'invalid_pkce');
    const logs = logsWithMsg(model, DENIED_MSGS);
    const rows = model.audit.where((a) => LOGIN_FAILED.has(a.action));
    const logged = lineCount(model, logs);
    const fromEvents = Math.max(logged, rows.length);
    const span = spanSeconds(logged >= rows.length ? logs.map((r) => r.ts) : rows.map((a) => a.ts));
    const eventRate = span ? fromEvents / span : null;
    const peak = metric.peakRate ?? 0;
    // The shipped alert: HighAuthDenialRate = sum(rate(auth_denied_total[5m])) > 10.
    const alert = peak > 10 || (eventRate ?? 0) > 10;
    const sustained = (metric.hasDelta && metric.delta >= 100 && peak >= 0.5) || (fromEvents >= 30 && (eventRate ?? 0) >= 0.5) || fromEvents >= 200;
    if (!alert && !sustained) return;
    const reasons = metric.series.length
      ? metric.series.map((s) => [s.labels.reason ?? '?', s.totalDelta || s.last] as [string, number]).sort((a, b) => b[1] - a[1])
      : tallyWeighted([...logs.map((r) => [attr(r, 'reason'), lineWeight(model, r)] as const), ...rows.map((a) => [a.detailKv.reason, 1] as const)]);
    const total = metric.hasDelta ? Math.max(metric.delta, fromEvents) : fromEvents;
    const top = reasons[0];
    const enumeration = top?.[0] === 'user_not_found' && top[1] >= 0.5 * total;
    yield {
      severity: alert ? 'error' : 'warning',
      confidence: alert ? 0.9 : total >= 500 ? 0.8 : 0.65,
      explanation: `${plural(total, 'login denial')} ${fmtSpan([...logs.map((r) => r.ts), ...rows.map((a) => a.ts)])}${peak ? `, peaking at ${peak.toFixed(1)}/s on authserver_auth_denied_total` : eventRate ? ` (${eventRate.toFixed(1)}/s)` : ''}${top ? `; most common reason ${top[0]} (${top[1]})` : ''}. ${enumeration ? 'user_not_found dominating means someone is trying addresses (enumeration or credential stuffing).' : 'This is credential stuffing, or a login regression if every user fails.'}`,
      evidence: [...seriesEvidence(metric).map(counterEvidence), ...sampleEnds(logs, 5, 3).map((r) => logEvidence(r)), ...sampleEnds(rows, 3, 2).map(auditEvidence)],
      affected: total,
    };
  },
});
