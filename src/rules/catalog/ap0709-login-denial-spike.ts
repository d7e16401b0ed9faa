// AP0709: login denials at a rate that means credential stuffing, enumeration or a login regression (L1, O2–O4).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { attr, logsWithMsg } from '../support-b/logs.ts';
import { describeGrowth, growingSeries, growth, seriesEvidence, type Growth } from '../support-b/metrics.ts';
import { defineRule, type FindingDraft } from '../types.ts';
import type { Model } from '../../correlate/index.ts';
import type { AuditRecord, LogRecord } from '../../ingest/index.ts';
import { lineCount, lineWeight, tallyWeighted } from '../support/line-count.ts';

const LOGIN_FAILED = new Set(['user.login_failed', 'user.oidc_login_failed']);
const DENIED_MSGS = ['local authentication denied', 'OIDC code exchange failed', 'OIDC login blocked for disabled user', 'OIDC provisioning refused: email belongs to another account'];

function spanSeconds(ts: (number | null)[]): number | null {
  const t = ts.filter((x): x is number => x != null);
  if (t.length < 2) return null;
  return (Math.max(...t) - Math.min(...t)) / 1000;
}

const SUCCESS_MSGS = ['user authenticated', 'user logged in'];
const SUCCESS_ROWS = /^user\.(login|oidc_login)$/;
/** Per-reason fixes of the login regressions (reference L3, L4). */
const REGRESSION_FIX: Record<string, string> = {
  unusable_stored_hash: 'The stored password hashes cannot be used (typically users imported with a legacy or foreign hash format): reset those users\' passwords, or re-import them with a supported hash.',
  user_not_local: 'These are federated (OIDC) users trying the local password form: have them use the identity-provider button on the login page.',
};

/**
 * A login regression: every attempt fails, whatever the volume. From the counters, failures with no
 * success (not user_not_found, which is enumeration); from the events, one regression reason
 * (unusable_stored_hash, user_not_local) for several users with no successful login in the bundle.
 */
function regression(model: Model, denied: Growth, logs: LogRecord[], rows: AuditRecord[]): FindingDraft | undefined {
  const failedC = growth(model, 'authserver_login_attempts_total', { result: 'failure' });
  const okC = growth(model, 'authserver_login_attempts_total', { result: 'success' });
  const okLines = lineCount(model, logsWithMsg(model, SUCCESS_MSGS)) + model.audit.countByAction(SUCCESS_ROWS);
  const okCounted = okC.hasDelta ? okC.delta : 0;
  if (okLines > 0 || okCounted > 0) return undefined;
  const reasons = denied.hasDelta && denied.delta > 0
    ? growingSeries(denied).map((x) => [x.labels.reason ?? '?', x.totalDelta] as [string, number])
    : tallyWeighted([...logs.map((r) => [attr(r, 'reason'), lineWeight(model, r)] as const), ...rows.map((a) => [a.detailKv.reason, 1] as const)]);
  const events = Math.max(lineCount(model, logs), rows.length);
  const users = new Set([...logs.map((r) => attr(r, 'user_id') || attr(r, 'email')), ...rows.map((a) => a.actorId)].filter(Boolean));
  const top = reasons[0];
  const reasonTotal = reasons.reduce((n, [, k]) => n + k, 0);
  const oneReason = top && top[0] !== 'user_not_found' && top[0] !== '?' && top[1] >= 0.9 * reasonTotal ? top[0] : undefined;
  // The counter branch: every counted attempt failed (10 or more, so one user's typos are not enough).
  const byCounter = failedC.hasDelta && failedC.delta >= 10 && top?.[0] !== 'user_not_found';
  // The event branch: several users, one regression reason, nobody got in. invalid_credentials (typos) and
  // user_disabled (an admin's choice) are what a normal day looks like when successes are not in the bundle.
  const byEvents = oneReason !== undefined && oneReason in REGRESSION_FIX && events >= 5 && users.size >= 2;
  if (!byCounter && !byEvents) return undefined;
  const total = Math.max(events, failedC.hasDelta ? failedC.delta : 0, denied.hasDelta ? denied.delta : 0);
  const times = [...logs.map((r) => r.ts), ...rows.map((a) => a.ts)];
  const parts = [`${plural(total, 'login attempt')} ${fmtSpan(times)} failed and none succeeded`];
  if (failedC.hasDelta) parts.push(`authserver_login_attempts_total{result="failure"} ${describeGrowth(failedC)}, {result="success"} +0`);
  if (users.size) parts.push(`${plural(users.size, 'user')} affected`);
  if (oneReason) parts.push(`every denial has reason ${oneReason}`);
  const known = oneReason ? REGRESSION_FIX[oneReason] : undefined;
  return {
    severity: total >= 10 ? 'error' : 'warning',
    confidence: oneReason && byCounter ? 0.8 : 0.7,
    explanation: `${parts.join('; ')}. Too few for an attack, but no user gets in: this looks like a login regression${oneReason ? ` (${oneReason})` : ''}, not credential stuffing.`,
    ...(known && { fix: known }),
    evidence: [...seriesEvidence(failedC, 1).map(counterEvidence), ...seriesEvidence(denied, 2).map(counterEvidence), ...sampleEnds(logs, 5, 3).map((r) => logEvidence(r)), ...sampleEnds(rows, 3, 2).map(auditEvidence)],
    affected: total,
  };
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
    if (!alert && !sustained) {
      // Below the attack thresholds a login regression still fails every user, at any volume (L3, L4).
      const reg = regression(model, metric, logs, rows);
      if (reg) yield reg;
      return;
    }
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
