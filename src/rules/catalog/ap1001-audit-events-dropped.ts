// AP1001: audit rows were not persisted, leaving a gap in the trail (AU1, alert AuditEventsDropped).
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { attr, earliest, logsWithMsg } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount, lineTally } from '../support/line-count.ts';

export default defineRule({
  id: 'AP1001', cause: 'audit-events-dropped', step: 10, severity: 'warning',
  title: 'Audit events were dropped and not persisted',
  fix: 'Fix the audit store (connection loss, disk full, schema drift), then rebuild the missing rows from the `audit event dropped — not persisted` log lines: each carries every column (id, action, actor_id, client_id, ip, detail, trace_id, observed_at). The trail does not heal itself.',
  docs: DOCS.auditForensics,
  needs: ['server-logs'],
  consequenceOf: ['db-unreachable'],
  *check(model) {
    const logs = logsWithMsg(model, ['audit event dropped — not persisted', 'failed to record audit event']);
    const metric = growth(model, 'authserver_audit_events_dropped_total');
    const metricCount = metric.hasDelta ? metric.delta : metric.last;
    const n = Math.max(lineCount(model, logs), metricCount);
    if (n === 0) return;
    const actions = lineTally(model, logs, (r) => attr(r, 'action')).map(([a, c]) => `${a} (${c})`);
    const byMetric = metric.series.filter((s) => s.totalDelta > 0 || s.last > 0).map((s) => s.labels.action).filter(Boolean) as string[];
    const err = logs.find((r) => typeof r.attrs.error === 'string')?.attrs.error;
    yield {
      severity: 'warning',
      confidence: n >= 3 ? 0.9 : 0.6,
      explanation: `${plural(n, 'audit event')} ${fmtSpan(logs.map((r) => r.ts))} could not be written to the audit store${actions.length ? `: ${fmtList(actions, 4)}` : byMetric.length ? `: ${fmtList(byMetric, 4)}` : ''}${metricCount ? ` (authserver_audit_events_dropped_total ${describeGrowth(metric)})` : ''}${err ? `; the store said ${JSON.stringify(String(err).slice(0, 120))}` : ''}. /admin/audit has a gap exactly there, so an investigation that trusts it misses these events.`,
      evidence: [...sampleEnds(logs).map((r) => logEvidence(r)), ...seriesEvidence(metric).map(counterEvidence)],
      affected: n,
      since: earliest(logs),
    };
  },
});
