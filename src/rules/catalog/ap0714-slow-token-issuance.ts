// AP0714: token issuance p99 above 2 s (S3, alert TokenIssuanceP99Slow).
import type { HistogramSeries, Model } from '../../correlate/index.ts';
import type { LogRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { fmtSpan, fmtTime } from '../support-b/format.ts';
import { lineCount, lineWeight } from '../support/line-count.ts';
import { defineRule, type Evidence } from '../types.ts';

const P99_LIMIT_S = 2;

function histEvidence(model: Model, s: HistogramSeries, p99: number, count: number, from: number | null, to: number | null): Evidence {
  // The scrape that closes the interval (or the only scrape) is the file a user opens.
  const snaps = model.metrics.snapshots().filter((x) => x.instance === s.instance);
  const snap = snaps.find((x) => x.time === to) ?? snaps[snaps.length - 1];
  const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${v}"`).join(',');
  return {
    kind: 'metric', file: snap?.file ?? '', line: snap?.line ?? 0, time: to != null ? new Date(to).toISOString() : undefined,
    excerpt: `${s.name}${labels ? `{${labels}}` : ''} p99 ≈ ${p99.toFixed(2)} s over ${count} issuances${from != null ? ` (${fmtTime(from)} → ${fmtTime(to)})` : ' (since boot)'}`,
  };
}

/** The 99th percentile of the lines' durations, each record counting for the lines it stands for (`lineWeight`). */
function quantile99(model: Model, lines: readonly LogRecord[]): number {
  const sorted = lines.map((r) => ({ ms: r.attrs.duration_ms as number, w: lineWeight(model, r) })).sort((a, b) => a.ms - b.ms);
  const target = 0.99 * sorted.reduce((n, x) => n + x.w, 0);
  let seen = 0;
  for (const x of sorted) {
    seen += x.w;
    if (seen >= target) return x.ms;
  }
  return sorted[sorted.length - 1]!.ms;
}

export default defineRule({
  id: 'AP0714', cause: 'slow-token-issuance', step: 7, severity: 'warning',
  title: 'Token issuance p99 is above 2 s',
  fix: 'Compare authserver_db_operation_duration_seconds and authserver_key_reload_duration_seconds: a slow database (tune storage.postgres.max_conns, default 25), Vault Transit round trips (check `vault token renewal failed`) or a key-reload storm.',
  docs: DOCS.observability,
  needs: ['metrics'],
  consequenceOf: ['db-unreachable', 'signer-unavailable'],
  *check(model) {
    const evidence: Evidence[] = [];
    let worst = 0;
    let volume = 0;
    for (const s of model.metrics.histogram('authserver_token_issuance_duration_seconds')) {
      const slow = s.intervals.filter((iv) => iv.p99 != null && iv.p99 > P99_LIMIT_S && iv.count >= 10);
      for (const iv of slow) {
        worst = Math.max(worst, iv.p99!);
        volume += iv.count;
        evidence.push(histEvidence(model, s, iv.p99!, iv.count, iv.from, iv.to));
      }
      // One scrape only: the lifetime distribution, with a higher bar.
      if (s.intervals.length === 0 && s.lifetime.p99 != null && s.lifetime.p99 > P99_LIMIT_S && s.lifetime.count >= 20) {
        worst = Math.max(worst, s.lifetime.p99);
        volume += s.lifetime.count;
        evidence.push(histEvidence(model, s, s.lifetime.p99, s.lifetime.count, null, null));
      }
    }
    // Without the histogram, the access log's duration_ms of POST /oauth/token tells the same story.
    const tokenLines = model.logs.where((r) => r.msg === 'http request' && r.attrs.path === '/oauth/token' && typeof r.attrs.duration_ms === 'number');
    const tokenCount = lineCount(model, tokenLines);
    let logP99: number | null = null;
    if (tokenCount >= 20) {
      logP99 = quantile99(model, tokenLines) / 1000;
      if (logP99 > P99_LIMIT_S) {
        worst = Math.max(worst, logP99);
        volume = Math.max(volume, tokenCount);
        const slow = tokenLines.filter((r) => (r.attrs.duration_ms as number) / 1000 > P99_LIMIT_S);
        evidence.push(...sampleEnds(slow, 5, 3).map((r) => logEvidence(r)));
      }
    }
    if (worst <= P99_LIMIT_S) return;
    yield {
      severity: worst > 5 ? 'error' : 'warning',
      confidence: volume >= 50 ? 0.85 : 0.6,
      explanation: `Token issuance p99 reached ${worst.toFixed(1)} s (alert threshold 2 s) over ${volume} issuances${logP99 != null && logP99 > P99_LIMIT_S ? ` ${fmtSpan(tokenLines.map((r) => r.ts))}` : ''}: clients time out or retry during login and refresh.`,
      evidence: evidence.slice(0, 12),
      affected: volume,
    };
  },
});
