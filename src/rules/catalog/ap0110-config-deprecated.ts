// AP0110: deprecated config keys or relaxed security flags reported at boot (reference C4, C6).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { defineRule } from '../types.ts';

const NOTES: [RegExp, string][] = [
  [/^deprecated config key in use/, 'a deprecated configuration key is still in use (it stops working in 0.3.0)'],
  [/^cimd\.allow_private_addresses=true/, 'cimd.allow_private_addresses=true relaxes the SSRF guard for client metadata fetches'],
  [/^session\.fail_closed=false/, 'session.fail_closed=false keeps sessions valid when the user check fails'],
  [/^dynamic client registration is open to unauthenticated callers/, 'dynamic client registration is open to anyone (dcr.mode=open)'],
  [/^oauth\.require_scope=false/, 'oauth.require_scope=false substitutes default scopes when clients send none'],
];

export default defineRule({
  id: 'AP0110', cause: 'config-invalid', step: 1, severity: 'info',
  title: 'Boot reported deprecated keys or relaxed security settings',
  fix: 'Review the flagged settings: migrate deprecated keys (see the notices of `/admin/system/config`) and keep the relaxed flags only where they are intended.',
  docs: DOCS.envVars,
  needs: ['server-logs'],
  *check(model) {
    const hits = model.logs.where((r) => r.origin === 'authserver' && r.level === 'WARN' && NOTES.some(([re]) => re.test(r.msg)));
    if (hits.length === 0) return;
    const notes = [...new Set(hits.map((r) => NOTES.find(([re]) => re.test(r.msg))![1]))];
    yield {
      confidence: 0.5,
      explanation: `At boot AuthPlane flagged: ${notes.join('; ')}. None of these stops authentication, but they are worth a deliberate decision.`,
      evidence: hits.slice(0, 8).map((r) => logEvidence(r)),
    };
  },
});
