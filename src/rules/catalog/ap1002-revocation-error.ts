// AP1002: /oauth/revoke failed internally but answered 200 (RFC 7009), so the client believes a live token is revoked (T0).
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { earliest, logsWithMsg, traceIds } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP1002', cause: 'token-revoked-still-used', step: 10, severity: 'error',
  title: 'Token revocations failed silently',
  fix: 'Fix the store behind the failure, then revoke again (the client cannot tell: it got 200), or revoke the family as an operator: `DELETE /admin/tokens/{family_id}` on the admin port. Until then the "revoked" refresh tokens keep working.',
  docs: DOCS.auditForensics,
  needs: ['server-logs'],
  consequenceOf: ['db-unreachable'],
  *check(model) {
    const errors = logsWithMsg(model, ['revocation error']);
    if (errors.length === 0) return;
    const n = lineCount(model, errors);
    const err = errors.find((r) => typeof r.attrs.error === 'string')?.attrs.error;
    const revokedRows = model.audit.countByAction('token.revoked');
    // The access line of the same request shows what the client was told.
    const ids = new Set(errors.map((r) => r.requestId).filter(Boolean));
    const answered = ids.size ? model.logs.where((r) => r.msg === 'http request' && r.requestId !== undefined && ids.has(r.requestId) && r.attrs.path === '/oauth/revoke') : [];
    const ok = lineCount(model, answered.filter((r) => r.attrs.status === 200));
    yield {
      severity: n >= 2 ? 'error' : 'warning',
      confidence: strength(n, 3, 0.5, 0.9),
      explanation: `${plural(n, 'revocation request')} ${fmtSpan(errors.map((r) => r.ts))} failed inside AuthPlane${err ? ` (${JSON.stringify(String(err).slice(0, 120))})` : ''}, yet /oauth/revoke answers 200 by design (RFC 7009)${ok ? ` (the access log shows ${ok === 1 ? 'it' : `${ok} of them`} answered 200)` : ''}: the clients think the tokens are revoked while they still work.${model.audit.hasDump ? ` The audit dump holds ${plural(revokedRows, 'token.revoked row')}; the failed ones have none.` : ''}`,
      evidence: [...sampleEnds(errors), ...answered.slice(0, 5)].map((r) => logEvidence(r)),
      affected: n,
      traces: traceIds(errors),
      since: earliest(errors),
    };
  },
});
