// AP0710: login lockouts, and lockouts of a proxy address that lock out every user behind it (L2).
import { DOCS } from '../docs.ts';
import { auditEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { logsWithMsg } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.|::1$|fc|fd)/i;

export default defineRule({
  id: 'AP0710', cause: 'login-denials', step: 7, severity: 'warning',
  title: 'Users locked out after repeated login failures',
  fix: 'Wait for the `until` time or tune rate_limit.auth_fail_max / auth_fail_window / auth_lockout (10 failures in 10m → 15m lockout). Lockouts key on the client address: behind a reverse proxy every user shares the proxy IP, so make the proxy pass real client addresses (AuthPlane keys on RemoteAddr, not X-Forwarded-For).',
  docs: DOCS.envVars,
  needs: ['server-logs'],
  *check(model) {
    const logs = logsWithMsg(model, ['auth lockout engaged']);
    const rows = model.audit.byAction('auth.locked_out');
    const ips = [...new Set([...logs.map((r) => String(r.attrs.ip ?? '')), ...rows.map((a) => a.ip)].filter(Boolean))];
    const proxies = ips.filter((ip) => PRIVATE.test(ip));
    const n = Math.max(lineCount(model, logs), rows.length);
    // One lockout of one public address is the feature working (someone forgot a password).
    if (n === 0 || (proxies.length === 0 && n < 3)) return;
    yield {
      severity: proxies.length ? 'error' : 'warning',
      confidence: proxies.length ? 0.75 : 0.55,
      explanation: `${plural(n, 'lockout')} ${fmtSpan([...logs.map((r) => r.ts), ...rows.map((a) => a.ts)])} for ${plural(ips.length, 'address', 'addresses')} (${fmtList(ips)}).${proxies.length ? ` ${fmtList(proxies)} ${proxies.length === 1 ? 'is a private address' : 'are private addresses'}: most likely a reverse proxy or NAT, so one lockout blocks every user behind it.` : ''}`,
      evidence: [...sampleEnds(logs, 5, 3).map((r) => logEvidence(r)), ...sampleEnds(rows, 5, 3).map(auditEvidence)],
      affected: n,
    };
  },
});
