// AP0706: refresh-token reuse detected and families revoked (R1, R6; alert RefreshTokenReuse fires on any).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { earliest, logsWithMsg, tally, traceIds } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0706', cause: 'refresh-token-reuse', step: 7, severity: 'error',
  title: 'Refresh-token reuse detected and token families revoked',
  fix: 'If one client_id dominates, it is likely a client sharing refresh tokens across instances or retrying refreshes: fix it to refresh once and keep the rotated token. Otherwise treat it as theft: suspend the client (`PATCH /admin/clients/{id}/suspend`), force-logout the affected users (`authserver admin user force-logout`), and consider DPoP-bound tokens.',
  docs: DOCS.incidentRunbook,
  needs: ['server-logs'],
  *check(model) {
    const metric = growth(model, 'authserver_refresh_token_reuse_total');
    const metricCount = metric.hasDelta ? metric.delta : 0;
    const logs = logsWithMsg(model, ['refresh token reuse detected — family revoked']);
    const rows = model.audit.byAction('family.revoked').filter((a) => a.detailWord === 'reuse_detection' || a.detail.startsWith('reuse_detection'));
    const detected = lineCount(model, logs);
    const n = Math.max(metricCount, detected, rows.length);
    if (n === 0) return;
    const families = [...new Set([...rows.map((a) => a.detailKv.family), ...logs.map((r) => r.attrs.family_id)].filter((f): f is string => typeof f === 'string'))];
    // The family's own story names its client (token.issued / token.refreshed rows).
    const clients = tally(families.map((f) => model.audit.story(`family:${f}`)?.rows.find((a) => a.clientId)?.clientId));
    const top = clients[0];
    const dominant = top && families.length >= 2 && top[1] >= 0.8 * families.length ? top[0] : undefined;
    // Families whose revocation failed are still live (AP0708): do not call them revoked.
    const failed = new Set([...model.audit.byAction('family.revocation_failed').map((a) => a.detailKv.family),
      ...logsWithMsg(model, ['failed to revoke family during reuse detection']).map((r) => r.attrs.family_id)].filter((f): f is string => typeof f === 'string'));
    const revoked = families.filter((f) => !failed.has(f));
    const parts = [];
    if (logs.length || rows.length) {
      const span = fmtSpan([...logs.map((r) => r.ts), ...rows.map((a) => a.ts)]);
      parts.push(failed.size
        ? `${plural(Math.max(n, revoked.length + failed.size), 'reuse detection')} ${span}: ${plural(revoked.length, 'token family', 'token families')} revoked, ${failed.size} revocation(s) failed`
        : `${plural(Math.max(detected, rows.length), 'reuse detection')} ${span} revoked ${plural(families.length || n, 'token family', 'token families')}`);
    }
    if (metricCount) parts.push(`authserver_refresh_token_reuse_total ${describeGrowth(metric)}`);
    yield {
      severity: n >= 3 ? 'error' : 'warning',
      confidence: strength(n, 5, 0.4, 0.9),
      explanation: `${parts.join('; ')}. A refresh token was presented after it had already been rotated, so AuthPlane revoked (or tried to revoke) the whole family and those users were logged out.${dominant ? ` ${top![1]} of the ${families.length} families belong to client ${dominant}: most likely that client refreshes concurrently or shares tokens across instances.` : ''}`,
      evidence: [...sampleEnds(logs, 5, 3).map((r) => logEvidence(r)), ...sampleEnds(rows, 5, 3).map(auditEvidence), ...seriesEvidence(metric, 1).map(counterEvidence)],
      affected: n,
      traces: traceIds(logs),
      since: earliest([...logs, ...rows]),
    };
  },
});
