// AP1003: a family refreshed after its token.revoked row, or revoked tokens still presented to the MCP server (T0, RS6).
import type { AuditRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { auditEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { verifierLogs } from '../support-b/verifier.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const USE = new Set(['token.refreshed', 'token.issued']);

export default defineRule({
  id: 'AP1003', cause: 'token-revoked-still-used', step: 10, severity: 'error',
  title: 'Revoked tokens are still being used',
  fix: 'A refresh that succeeds after token.revoked means the revocation did not stick: revoke the family as an operator (`DELETE /admin/tokens/{family_id}`) and check for `revocation error` lines. Clients that keep presenting revoked tokens must re-authorize instead of retrying.',
  docs: DOCS.auditForensics,
  needs: ['audit'],
  *check(model) {
    // Audit story per family: a successful refresh after the family's revocation.
    const resurrected: { family: string; revoked: AuditRecord; used: AuditRecord }[] = [];
    for (const revoked of model.audit.byAction('token.revoked')) {
      const family = revoked.detailKv.family;
      if (!family || revoked.ts == null) continue;
      const used = model.audit.story(`family:${family}`)?.rows.find((a) => USE.has(a.action) && a.ts != null && a.ts > revoked.ts! && a.detailKv.family === family);
      if (used) resurrected.push({ family, revoked, used });
    }
    const rejectedLines = verifierLogs(model, 'revoked');
    const rejected = lineCount(model, rejectedLines);
    // A few rejections are the revocation working; a stream of them is a client that never re-authorizes.
    if (resurrected.length === 0 && rejected < 5) return;
    // G16: "revoked" at the RS although nothing was revoked: introspection refuses the RS client (runtime-client binding, 0.1.2+).
    const notEntitled = model.logs.where((r) => r.msg === 'introspection attempt for token the caller is not entitled to' || /Introspection returned active: false for token/.test(r.msg));
    const deniedRows = model.audit.byAction('token.introspect_denied').filter((a) => /caller_not_authorized_for_token|ambiguous_runtime_binding/.test(a.detail));
    const binding = rejected >= 5 && model.audit.byAction('token.revoked').length === 0 && (notEntitled.length > 0 || deniedRows.length > 0);
    if (binding) {
      yield {
        severity: 'error', confidence: 0.8,
        explanation: `The MCP server rejected ${plural(rejected, 'request')} ${fmtSpan(rejectedLines.map((r) => r.ts))} as revoked, but nothing was revoked: AuthPlane answered introspection with active:false because the resource server's client is neither the issuing client nor a runtime client of the resource (${plural(lineCount(model, notEntitled) + deniedRows.length, 'refused introspection')}).`,
        fix: 'Bind the resource server client to the resource: `authserver admin resource runtime-client add --client-id <rs-client-id> --slug <resource-slug>` (policy.runtime.client_ids).',
        evidence: [...sampleEnds(notEntitled, 3, 2).map((r) => logEvidence(r)), ...deniedRows.slice(0, 3).map(auditEvidence), ...sampleEnds(rejectedLines, 3, 2).map((r) => logEvidence(r))],
        affected: rejected,
        traces: traceIds(rejectedLines),
        since: earliest(rejectedLines),
      };
      if (resurrected.length === 0) return;
    }
    const parts = [];
    if (resurrected.length) parts.push(`${plural(resurrected.length, 'token family', 'token families')} (${fmtList(resurrected.map((r) => r.family))}) refreshed successfully after ${resurrected.length === 1 ? 'its' : 'their'} token.revoked row: the revocation did not take effect`);
    if (rejected >= 5 && !binding) parts.push(`the MCP server rejected ${plural(rejected, 'request')} ${fmtSpan(rejectedLines.map((r) => r.ts))} carrying revoked tokens: a client keeps retrying with them`);
    yield {
      severity: resurrected.length ? 'error' : 'warning',
      confidence: resurrected.length ? 0.85 : 0.6,
      explanation: `${parts.join('; and ')}.`,
      evidence: [...resurrected.slice(0, 5).flatMap((r) => [auditEvidence(r.revoked), auditEvidence(r.used)]), ...sampleEnds(rejectedLines, 5, 3).map((r) => logEvidence(r))],
      affected: resurrected.length + rejected,
      traces: traceIds(rejectedLines),
      since: earliest([...resurrected.map((r) => r.revoked), ...rejectedLines]),
    };
  },
});
