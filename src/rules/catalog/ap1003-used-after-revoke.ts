// AP1003: a family refreshed after its token.revoked row, or revoked tokens still presented to the MCP server (T0, RS6),
// or tokens that only look revoked to the MCP server because introspection refuses its client (G16).
import type { AuditRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { auditEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { attr, earliest, traceIds } from '../support-b/logs.ts';
import { verifierLogs } from '../support-b/verifier.ts';
import { defineRule, type FindingDraft } from '../types.ts';
import { lineCount, lineTally } from '../support/line-count.ts';

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
    // G16: AuthPlane answers introspection active:false because the RS client is neither the issuing
    // client nor a runtime client of the resource (0.1.2+). Its own WARN and audit rows show it, with
    // or without the MCP server's "revoked" rejections in the bundle.
    const refusedLines = model.logs.where((r) => r.msg === 'introspection attempt for token the caller is not entitled to');
    const tsWarnings = model.logs.where((r) => /Introspection returned active: false for token/.test(r.msg));
    const deniedRows = model.audit.byAction('token.introspect_denied').filter((a) => /caller_not_authorized_for_token|ambiguous_runtime_binding/.test(a.detail));
    // The WARN line and the audit row record the same refusal: the larger count, not the sum.
    const refused = Math.max(lineCount(model, refusedLines), deniedRows.length);
    const asSideBinding = refused >= 5;
    const rsSideBinding = rejected >= 5 && model.audit.countByAction('token.revoked') === 0 && (refused > 0 || tsWarnings.length > 0);
    if (refused > 0 || rsSideBinding) yield bindingFinding();
    const parts = [];
    if (resurrected.length) parts.push(`${plural(resurrected.length, 'token family', 'token families')} (${fmtList(resurrected.map((r) => r.family))}) refreshed successfully after ${resurrected.length === 1 ? 'its' : 'their'} token.revoked row: the revocation did not take effect`);
    // A few rejections are the revocation working; a stream of them is a client that never re-authorizes.
    if (rejected >= 5 && !rsSideBinding) parts.push(`the MCP server rejected ${plural(rejected, 'request')} ${fmtSpan(rejectedLines.map((r) => r.ts))} carrying revoked tokens: a client keeps retrying with them`);
    if (parts.length === 0) return;
    yield {
      severity: resurrected.length ? 'error' : 'warning',
      confidence: resurrected.length ? 0.85 : 0.6,
      explanation: `${parts.join('; and ')}.`,
      evidence: [...resurrected.slice(0, 5).flatMap((r) => [auditEvidence(r.revoked), auditEvidence(r.used)]), ...sampleEnds(rejectedLines, 5, 3).map((r) => logEvidence(r))],
      affected: resurrected.length + rejected,
      traces: traceIds(rejectedLines),
      since: earliest([...resurrected.map((r) => r.revoked), ...rejectedLines]),
    };

    function bindingFinding(): FindingDraft {
      const callers = [...new Set([...lineTally(model, refusedLines, (r) => attr(r, 'requesting_client')).map(([c]) => c), ...deniedRows.map((a) => a.clientId).filter(Boolean)])];
      const owners = [...new Set(refusedLines.map((r) => attr(r, 'owning_client')).filter((c): c is string => !!c))];
      const asPart = refused
        ? `AuthPlane refused ${plural(refused, 'introspection')} ${fmtSpan([...refusedLines, ...deniedRows].map((r) => r.ts))}${callers.length ? ` by ${fmtList(callers)}` : ''}${owners.length ? ` for tokens of ${fmtList(owners)}` : ''} (\`introspection attempt for token the caller is not entitled to\`, token.introspect_denied) and answered active:false`
        : `the MCP server's SDK warned that introspection returned active:false for tokens that verified locally`;
      const rsPart = rsSideBinding ? `; the MCP server rejected ${plural(rejected, 'request')} ${fmtSpan(rejectedLines.map((r) => r.ts))} as revoked, but nothing was revoked` : '';
      const isBinding = asSideBinding || rsSideBinding;
      return {
        // One to four refusals may be a client probing a token it does not own; five or more is the RS's own client.
        severity: isBinding ? 'error' : 'warning',
        confidence: !isBinding ? 0.4 : rsSideBinding ? 0.8 : 0.75,
        explanation: `${asPart}${rsPart}: the resource server's client is neither the issuing client nor a runtime client of the resource (runtime-client binding, 0.1.2+), so the tokens it introspects look revoked to it.`,
        fix: `Bind the resource server client to the resource: \`authserver admin resource runtime-client add --client-id ${callers.length === 1 ? callers[0] : '<rs-client-id>'} --slug <resource-slug>\` (policy.runtime.client_ids).`,
        evidence: [...sampleEnds(refusedLines, 3, 2).map((r) => logEvidence(r)), ...tsWarnings.slice(0, 1).map((r) => logEvidence(r)), ...deniedRows.slice(0, 3).map(auditEvidence), ...(rsSideBinding ? sampleEnds(rejectedLines, 3, 2).map((r) => logEvidence(r)) : [])],
        affected: Math.max(refused, rsSideBinding ? rejected : 0),
        traces: rsSideBinding ? traceIds(rejectedLines) : [],
        since: earliest([...refusedLines, ...deniedRows, ...(rsSideBinding ? rejectedLines : [])]),
      };
    }
  },
});
