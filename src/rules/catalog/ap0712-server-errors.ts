// AP0712: the share of 5xx answers is above the 5% alert threshold (S2, alert HTTPServerErrorRatio).
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { logsWithMsg, traceIds, earliest } from '../support-b/logs.ts';
import { AS_PATHS } from '../support-b/http.ts';
import { growth } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';

const is5xx = (code: string | undefined) => /^5\d\d$/.test(code ?? '');

export default defineRule({
  id: 'AP0712', cause: 'server-errors', step: 7, severity: 'error',
  title: 'More than 5% of requests fail with 5xx',
  fix: 'Break the errors down by route (http_route) and read the ERROR lines they share (`token endpoint error`, `authorize error`, `<op> failed`): a database or signer outage is the usual cause (check /health and `vault token renewal failed`), otherwise a bad deploy.',
  docs: DOCS.incidentRunbook,
  needs: ['server-logs'],
  consequenceOf: ['db-unreachable', 'signer-unavailable', 'oidc-upstream-unavailable'],
  *check(model) {
    let errors = 0;
    let total = 0;
    const byRoute = new Map<string, number>();
    // The access index also holds MCP-server lines: only AuthPlane's own routes count here.
    for (const [path, statuses] of model.http.byPath) {
      if (!AS_PATHS.test(path)) continue;
      for (const [status, count] of statuses) {
        total += count;
        if (status >= 500) {
          errors += count;
          byRoute.set(path, (byRoute.get(path) ?? 0) + count);
        }
      }
    }
    let source = 'access log';
    const metricAll = growth(model, 'authserver_http_requests_total');
    if (metricAll.hasDelta && metricAll.delta > total) {
      const bad = growth(model, 'authserver_http_requests_total', undefined, (l) => is5xx(l.http_status_code));
      total = metricAll.delta;
      errors = bad.delta;
      byRoute.clear();
      for (const s of bad.series) if (s.totalDelta > 0) byRoute.set(s.labels.http_route ?? '?', (byRoute.get(s.labels.http_route ?? '?') ?? 0) + s.totalDelta);
      source = 'authserver_http_requests_total';
    }
    // Too few requests to call a ratio, or below the shipped alert's 5%.
    if (errors < 5 || total < 20 || errors / total <= 0.05) return;
    const ratio = errors / total;
    const routes = [...byRoute.entries()].sort((a, b) => b[1] - a[1]).map(([r, c]) => `${r} (${c})`);
    const lines = model.http.failures().filter((r) => r.origin === 'authserver' && typeof r.attrs.status === 'number' && r.attrs.status >= 500);
    const causes = logsWithMsg(model, ['token endpoint error', 'authorize error', 'revocation error', 'complete authorization failed'], []);
    const sampleErr = causes.find((r) => typeof r.attrs.error === 'string')?.attrs.error;
    const counters = metricAll.hasDelta ? growth(model, 'authserver_http_requests_total', undefined, (l) => is5xx(l.http_status_code)).series.filter((s) => s.totalDelta > 0).slice(0, 3) : [];
    yield {
      severity: ratio >= 0.2 ? 'error' : 'warning',
      confidence: errors >= 20 ? 0.85 : 0.6,
      explanation: `${plural(errors, 'request')} of ${total} (${(ratio * 100).toFixed(1)}%, ${source}) ${fmtSpan(lines.map((r) => r.ts))} failed with 5xx, above the 5% alert threshold; most on ${fmtList(routes)}${sampleErr ? `. The server logs say: ${JSON.stringify(sampleErr)}` : ''}.`,
      evidence: [...sampleEnds(lines, 5, 3).map((r) => logEvidence(r)), ...sampleEnds(causes, 3, 2).map((r) => logEvidence(r)), ...counters.map(counterEvidence)],
      affected: errors,
      traces: traceIds(lines),
      since: earliest(lines),
    };
  },
});
