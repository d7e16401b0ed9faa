// AP0705: the broker's background refresh of upstream tokens fails (checklist step 7, B2).
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, plural } from '../support-b/format.ts';
import { matchExchanges } from '../support-b/http.ts';
import { earliest, matchLogs, traceIds } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const FAILED = /^(failed|failure|error|errored)$/i;
// ErrVaultTokenExpired: the vended upstream token expired and no refresh token is left.
const NO_REFRESH = /access token is expired and no refresh token is available|ErrVaultTokenExpired/i;

export default defineRule({
  id: 'AP0705', cause: 'upstream-refresh-failed', step: 7, severity: 'error',
  title: 'Broker refresh of upstream tokens is failing',
  fix: 'Check the provider credentials (CONNECTOR_<PROVIDER>_SECRET and the provider app) and the provider status; users whose upstream grant was revoked must reconnect at /connect/{provider}.',
  docs: DOCS.checklist,
  needs: ['metrics'],
  consequenceOf: ['broker-grant-revoked'],
  *check(model) {
    // The code's label is `outcome`; accept `result` too in case a docs alias was normalised.
    const metric = growth(model, 'authserver_upstream_token_refresh_total', undefined, (l) => FAILED.test(l.outcome ?? l.result ?? ''));
    const metricCount = metric.hasDelta ? metric.delta : metric.last;
    const logs = matchLogs(model, [{ hint: 'refresh token', re: NO_REFRESH }]);
    const exchanges = matchExchanges(model, NO_REFRESH, (d) => (d.http?.status ?? 0) >= 400);
    const failed = lineCount(model, logs);
    const n = Math.max(metricCount, failed, exchanges.length);
    if (n === 0) return;
    const providers = [...new Set(metric.series.filter((s) => s.totalDelta > 0 || s.last > 0).map((s) => s.labels.provider).filter(Boolean))] as string[];
    const parts = [];
    if (metricCount) parts.push(`authserver_upstream_token_refresh_total{outcome="failed"${providers.length === 1 ? `,provider="${providers[0]}"` : ''}} ${describeGrowth(metric)}`);
    if (logs.length || exchanges.length) parts.push(`${plural(failed + exchanges.length, 'request')} failed because the upstream token expired with no refresh token left`);
    yield {
      severity: n >= 3 ? 'error' : 'warning',
      confidence: strength(n, 5, 0.4, 0.85),
      explanation: `${parts.join('; ')}${providers.length > 1 ? ` (providers ${fmtList(providers)})` : ''}: tools that call the upstream API fail until the user reconnects or the provider recovers (user revoked access upstream, provider down, or connector secret expired).`,
      evidence: [...seriesEvidence(metric).map(counterEvidence), ...sampleEnds(logs).map((r) => logEvidence(r)), ...exchanges.slice(0, 3).map(exchangeEvidence)],
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
