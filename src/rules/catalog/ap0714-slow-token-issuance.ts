// AP0714: token issuance p99 above 2 s (S3, alert TokenIssuanceP99Slow).
import type { HistogramBucket, HistogramSeries, Model } from '../../correlate/index.ts';
import type { LogRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { fmtClock, fmtSpan } from '../support-b/format.ts';
import { bucketEvidence, bucketRange, inBucket, secs, spread } from '../support/histogram.ts';
import { lineCount, lineWeight } from '../support/line-count.ts';
import { defineRule, type Evidence } from '../types.ts';

const P99_LIMIT_S = 2;
/** A database operation slower than this is slow whatever the query. */
const DB_SLOW_S = 1;

/** A window of a token issuance histogram whose p99 is over the limit. */
interface SlowWindow {
  s: HistogramSeries;
  from: number | null;
  to: number | null;
  count: number;
  p99: number;
  bucket: { lower: number; upper: number };
  buckets: HistogramBucket[];
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

/** Issuance windows over the limit: each scrape interval, or the lifetime of a single scrape (with a higher bar). */
function slowWindows(model: Model): SlowWindow[] {
  const out: SlowWindow[] = [];
  for (const s of model.metrics.histogram('authserver_token_issuance_duration_seconds')) {
    for (const iv of s.intervals) {
      if (iv.p99 != null && iv.p99 > P99_LIMIT_S && iv.count >= 10 && iv.p99Bucket) out.push({ s, ...iv, p99: iv.p99, bucket: iv.p99Bucket });
    }
    const life = s.lifetime;
    if (s.intervals.length === 0 && life.p99 != null && life.p99 > P99_LIMIT_S && life.count >= 20 && life.p99Bucket) {
      out.push({ s, from: null, to: null, count: life.count, p99: life.p99, bucket: life.p99Bucket, buckets: life.buckets });
    }
  }
  return out;
}

/** `12 of 40 issuances between 08:30:00 and 08:45:00 took 5–10 s`. */
function windowText(w: SlowWindow): string {
  const n = inBucket(w.buckets, w.bucket.upper);
  const when = w.from != null ? `between ${fmtClock(w.from)} and ${fmtClock(w.to)}` : 'since the server started';
  return `${n} of ${w.count} issuances ${when} took ${bucketRange(w.bucket)}`;
}

/** A database operation whose observations mostly took over DB_SLOW_S: in a scrape interval or since start, whichever shows more. */
function slowDbOps(model: Model): { s: HistogramSeries; op: string; text: string; evidence: Evidence[] }[] {
  const out: { s: HistogramSeries; op: string; text: string; evidence: Evidence[] }[] = [];
  for (const s of model.metrics.histogram('authserver_db_operation_duration_seconds')) {
    const views = [...s.intervals.map((iv) => ({ buckets: iv.buckets, from: iv.from, to: iv.to })), { buckets: s.lifetime.buckets, from: null, to: null }];
    const slowOf = (b: HistogramBucket[]) => (b[b.length - 1]?.count ?? 0) - (b.filter((x) => x.le <= DB_SLOW_S).pop()?.count ?? 0);
    // On a tie the scrape interval wins: it says when.
    const best = views.reduce((a, b) => (slowOf(b.buckets) > slowOf(a.buckets) ? b : a));
    const { lower, upper, total } = spread(best.buckets);
    const slow = slowOf(best.buckets);
    if (slow < 5 || slow < total / 2 || !upper) continue;
    const op = s.labels.op ?? s.labels.operation ?? 'database';
    const range = bucketRange({ lower: lower?.le ?? 0, upper: upper.le });
    const at = { from: best.from, to: best.to ?? model.metrics.snapshots().find((x) => x.file === upper.file)?.time ?? null };
    const when = best.from != null ? `between ${fmtClock(best.from)} and ${fmtClock(best.to)}` : `counted by the ${fmtClock(at.to)} scrape`;
    const text = lower && lower.le >= DB_SLOW_S ? `all ${total} ${op} operations ${when} took ${range}` : `${slow} of ${total} ${op} operations ${when} took over ${secs(DB_SLOW_S)} (up to ${secs(upper.le)})`;
    out.push({
      s, op, text,
      evidence: [
        ...(lower ? [bucketEvidence(s, lower, `none of ${total} ${op} operations took ≤ ${secs(lower.le)}`, at)] : []),
        bucketEvidence(s, upper, `all ${total} took ≤ ${secs(upper.le)}`, at),
      ],
    });
  }
  return out;
}

export default defineRule({
  id: 'AP0714', cause: 'slow-token-issuance', step: 7, severity: 'warning',
  title: 'Token issuance p99 is above 2 s',
  fix: 'Compare authserver_db_operation_duration_seconds and authserver_key_reload_duration_seconds: a slow database (tune storage.postgres.max_conns, default 25), Vault Transit round trips (check `vault token renewal failed`) or a key-reload storm.',
  docs: DOCS.observability,
  needs: ['metrics'],
  consequenceOf: ['db-unreachable', 'signer-unavailable'],
  *check(model) {
    const windows = slowWindows(model);
    // Interpolated inside a bucket: used to decide, never quoted (the bucket bound is what is known).
    let worst = Math.max(0, ...windows.map((w) => w.p99));
    let volume = windows.reduce((n, w) => n + w.count, 0);
    const evidence: Evidence[] = windows.map((w) => bucketEvidence(w.s, w.buckets.find((b) => b.le === w.bucket.upper)!, windowText(w), w));
    // The access log's duration_ms of POST /oauth/token: observed durations, and the fallback without a histogram.
    const tokenLines = model.logs.where((r) => r.msg === 'http request' && r.attrs.path === '/oauth/token' && typeof r.attrs.duration_ms === 'number');
    const tokenCount = lineCount(model, tokenLines);
    let logP99: number | null = null;
    let slowest: LogRecord | undefined;
    if (tokenCount >= 20) {
      logP99 = quantile99(model, tokenLines) / 1000;
      if (logP99 > P99_LIMIT_S) {
        worst = Math.max(worst, logP99);
        volume = Math.max(volume, tokenCount);
        const slow = tokenLines.filter((r) => (r.attrs.duration_ms as number) / 1000 > P99_LIMIT_S);
        slowest = slow.reduce((a, b) => ((b.attrs.duration_ms as number) > (a.attrs.duration_ms as number) ? b : a));
        evidence.push(logEvidence(slowest), ...sampleEnds(slow.filter((r) => r !== slowest), 4, 2).map((r) => logEvidence(r)));
      }
    }
    if (worst <= P99_LIMIT_S) return;
    const parts: string[] = [];
    if (windows.length > 0) {
      const upper = Math.max(...windows.map((w) => w.bucket.upper));
      const bySeries = new Map<HistogramSeries, SlowWindow[]>();
      for (const w of windows) bySeries.set(w.s, [...(bySeries.get(w.s) ?? []), w]);
      const said = [...bySeries].map(([s, ws]) => `${Object.keys(s.labels).length ? `for ${Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(',')}, ` : ''}${ws.map(windowText).join('; ')}`);
      const bound = upper === Number.POSITIVE_INFINITY ? `above ${secs(Math.max(...windows.map((w) => w.bucket.lower)))}, past the highest bucket` : `≤ ${secs(upper)} (bucket bound)`;
      parts.push(`Token issuance p99 is over the 2 s alert threshold, ${bound}: ${said.join('; ')}`);
      if (slowest) parts.push(`the slowest POST /oauth/token in the logs took ${slowest.attrs.duration_ms as number} ms (${fmtClock(slowest.ts)})`);
    } else {
      parts.push(`Token issuance p99 reached ${logP99!.toFixed(1)} s (alert threshold 2 s) over ${tokenCount} issuances ${fmtSpan(tokenLines.map((r) => r.ts))}`);
    }
    const db = slowDbOps(model);
    if (db.length > 0) {
      parts.push(`the database is slow: authserver_db_operation_duration_seconds shows ${db.map((d) => d.text).join('; ')}, and issuance waits on it`);
      evidence.unshift(...db.flatMap((d) => d.evidence));
    }
    const postgres = model.bundle.storageDriver === 'postgres';
    yield {
      severity: worst > 5 ? 'error' : 'warning',
      confidence: volume >= 50 ? 0.85 : 0.6,
      explanation: `${parts.map((p) => p.replace(/^./, (c) => c.toUpperCase())).join('. ')}. Clients time out or retry during login and refresh.`,
      ...(db.length > 0 && {
        fix: `Make the database fast again: token issuance waits on ${db.map((d) => d.op).join(', ')}. ${postgres
          ? "Find what holds Postgres or its connections (long transactions, a batch job, locks: `SELECT pid, state, query_start, query FROM pg_stat_activity WHERE state <> 'idle' ORDER BY query_start`) and the database host's load; then size storage.postgres.max_conns (default 25) for the traffic."
          : 'Check the database host (disk, CPU, locks held by other writers); for SQLite keep storage.sqlite.path on a local, fast disk.'}`,
      }),
      evidence: evidence.slice(0, 12),
      affected: volume,
    };
  },
});
