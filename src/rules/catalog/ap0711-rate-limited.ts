// AP0711: many 429 slow_down answers, often everyone behind one proxy sharing one rate-limit bucket (L5).
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { AS_PATHS } from '../support-b/http.ts';
import { growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';

const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|\[?::1|\[?f[cd])/i;

export default defineRule({
  id: 'AP0711', cause: 'rate-limited', step: 7, severity: 'warning',
  title: 'Clients are rate-limited with 429 slow_down',
  fix: 'Raise rate_limit.requests_per_second / rate_limit.burst (AUTHPLANE_RATE_LIMIT_RPS / _BURST, default 100 / 200), or rate-limit at the edge instead. The limiter keys on the connection address and ignores X-Forwarded-For, so behind a proxy or NAT every client shares one bucket.',
  docs: DOCS.envVars,
  needs: ['server-logs'],
  *check(model) {
    // AuthPlane routes only (the access index also holds MCP-server lines); POST /login 429s are lockouts (AP0710).
    let fromLogs = 0;
    let asTotal = 0;
    for (const [path, statuses] of model.http.byPath) {
      if (!AS_PATHS.test(path)) continue;
      for (const [status, count] of statuses) {
        asTotal += count;
        if (status === 429 && path !== '/login') fromLogs += count;
      }
    }
    const metric = growth(model, 'authserver_http_requests_total', { http_status_code: '429' }, (l) => l.http_route !== '/login');
    const all = growth(model, 'authserver_http_requests_total');
    const fromMetric = metric.hasDelta ? metric.delta : 0;
    const exchanges = model.documents.exchanges().filter((d) => d.http?.status === 429 && !/\/login\b/.test(d.http.path ?? d.http.url ?? ''));
    const n = Math.max(fromLogs, fromMetric, exchanges.length);
    if (n < 20) return;
    const total = Math.max(asTotal, all.hasDelta ? all.delta : 0);
    const share = total ? n / total : null;
    const addrs = [...model.http.remoteAddrs(429).entries()].sort((a, b) => b[1] - a[1]);
    const top = addrs[0];
    const funnel = top && top[1] >= 0.8 * fromLogs ? top[0] : undefined;
    const lines = model.http.failures().filter((r) => r.origin === 'authserver' && r.attrs.status === 429 && r.attrs.path !== '/login');
    yield {
      severity: share != null && share >= 0.1 && n >= 50 ? 'error' : 'warning',
      confidence: n >= 100 ? 0.85 : 0.6,
      explanation: `${plural(n, 'request')} ${fmtSpan(lines.map((r) => r.ts))} got 429 slow_down "rate limit exceeded"${share != null ? ` (${(share * 100).toFixed(1)}% of all requests)` : ''}.${funnel ? ` ${top![1]} of them came from ${funnel}${PRIVATE.test(funnel) ? ', a private address: a proxy or NAT that puts every user into one bucket' : ''}.` : ''}`,
      evidence: [...sampleEnds(lines, 5, 3).map((r) => logEvidence(r)), ...seriesEvidence(metric, 2).map(counterEvidence), ...exchanges.slice(0, 3).map(exchangeEvidence)],
      affected: n,
    };
  },
});
