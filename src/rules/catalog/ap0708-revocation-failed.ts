// AP0708: reuse was detected but revoking the family (or denylisting its JTIs) failed: tokens still live (R2–R4, R11).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtList, plural } from '../support-b/format.ts';
import { earliest, logsWithMsg, traceIds } from '../support-b/logs.ts';
import { growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const FAMILY_MSGS = ['failed to revoke family during reuse detection', 'failed to revoke family during code reuse detection'];
const JTI_MSGS = ['JTI denylist failed during reuse detection', 'JTI denylist failed during code reuse detection'];

export default defineRule({
  id: 'AP0708', cause: 'revocation-failed', step: 7, severity: 'error',
  title: 'Reuse detected but the token family was not revoked',
  fix: 'Revoke each affected family now: `curl -X DELETE -H "Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY" http://localhost:9001/admin/tokens/$FAMILY_ID` (idempotent; also denylists the JTIs), or `authserver admin user force-logout`. If that fails too, the database is the incident: restore it first.',
  docs: DOCS.incidentRunbook,
  needs: ['server-logs'],
  consequenceOf: ['db-unreachable'],
  *check(model) {
    const famLogs = logsWithMsg(model, FAMILY_MSGS);
    const jtiLogs = logsWithMsg(model, JTI_MSGS);
    const famRows = model.audit.byAction('family.revocation_failed');
    const jtiRows = model.audit.byAction('family.denylist_failed');
    const famMetric = growth(model, 'authserver_revocation_failures_total', { half: 'family' });
    const jtiMetric = growth(model, 'authserver_revocation_failures_total', { half: 'jti' });
    const famN = Math.max(lineCount(model, famLogs), famRows.length, famMetric.hasDelta ? famMetric.delta : famMetric.last);
    const jtiN = Math.max(lineCount(model, jtiLogs), jtiRows.length, jtiMetric.hasDelta ? jtiMetric.delta : jtiMetric.last);
    if (famN + jtiN === 0) return;
    const families = [...new Set([...famRows, ...jtiRows].map((a) => a.detailKv.family).concat([...famLogs, ...jtiLogs].map((r) => r.attrs.family_id as string))
      .filter((f): f is string => typeof f === 'string' && f !== ''))];
    const parts = [];
    if (famN) parts.push(`${plural(famN, 'family revocation')} failed: those token families are still live and their refresh tokens keep working`);
    if (jtiN) parts.push(`${plural(jtiN, 'JTI denylist write')} failed: the revoked families' access tokens still introspect as active until exp (15 min)`);
    yield {
      // The family half failing is the critical alert (RevocationFamilyFailed) even once; the JTI half alone is a warning.
      severity: famN ? 'error' : 'warning',
      // A failed family revocation is the incident itself (tokens a thief may hold stay live): it outranks the reuse that triggered it.
      confidence: famN ? 0.95 : 0.7,
      explanation: `Reuse detection fired but ${parts.join('; and ')}${families.length ? ` (families ${fmtList(families)})` : ''}. The write to the database failed during revocation.`,
      fix: families.length ? `Revoke now: ${families.slice(0, 5).map((f) => `DELETE /admin/tokens/${f}`).join(', ')} on the admin port (Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY); if that fails, restore the database first.` : undefined,
      evidence: [...sampleEnds([...famLogs, ...jtiLogs], 5, 3).map((r) => logEvidence(r)), ...sampleEnds([...famRows, ...jtiRows], 5, 3).map(auditEvidence),
        ...seriesEvidence(famMetric, 2).map(counterEvidence), ...seriesEvidence(jtiMetric, 2).map(counterEvidence)],
      affected: famN + jtiN,
      traces: traceIds([...famLogs, ...jtiLogs]),
      since: earliest([...famLogs, ...jtiLogs, ...famRows, ...jtiRows]),
    };
  },
});
