// AP1005: an upstream broker grant was revoked (by the user or an admin) before the failing broker calls.
import { DOCS } from '../docs.ts';
import { auditEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtList, fmtTime, plural } from '../support-b/format.ts';
import { matchLogs } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const BROKER_REASONS = new Set(['broker_consent_required', 'upstream_connection_missing', 'provider_missing', 'broker_scope_not_consented', 'broker_vend_failed']);
const REVOKED = new Set(['broker_grant.revoked', 'broker_grant.revoked_admin']);
const DENIED_ACTION = /\.denied$|_denied$/;
const FAILURE_TEXT = /broker credential missing|ErrBrokerCredentialMissing|access token is expired and no refresh token is available|broker dispatch denied|fronted dispatch denied/i;

export default defineRule({
  id: 'AP1005', cause: 'broker-grant-revoked', step: 10, severity: 'warning',
  title: 'Upstream broker grant was revoked before broker calls failed',
  fix: 'The user must reconnect the upstream account at /connect/{provider} (this creates a new broker_grant version). If an admin revoked it on purpose, that is the intended effect; note that vended upstream tokens stay valid until their upstream TTL (revoke them at the provider).',
  docs: DOCS.auditEvents,
  needs: ['audit'],
  *check(model) {
    const revokes = model.audit.where((a) => REVOKED.has(a.action));
    if (revokes.length === 0) return;
    const first = Math.min(...revokes.map((a) => a.ts ?? Infinity));
    const after = (ts: number | null) => ts != null && Number.isFinite(first) && ts >= first;
    const deniedRows = model.audit.where((a) => DENIED_ACTION.test(a.action) && BROKER_REASONS.has(a.detailKv.reason ?? a.detailKv.denied_reason ?? '') && after(a.ts));
    const failLogs = matchLogs(model, [{ hint: '', re: FAILURE_TEXT }]).filter((r) => after(r.ts));
    // Reconnected since? Then the failures (if any) predate the fix.
    const reconnected = model.audit.byAction('broker_grant.created').some((a) => a.ts != null && a.ts > Math.max(...revokes.map((r) => r.ts ?? 0)));
    const failures = deniedRows.length + lineCount(model, failLogs);
    const byAdmin = revokes.filter((a) => a.action === 'broker_grant.revoked_admin').length;
    const providers = [...new Set(revokes.map((a) => a.detailKv.provider).filter(Boolean))] as string[];
    yield {
      severity: failures >= 1 && !reconnected ? 'warning' : 'info',
      confidence: failures >= 3 ? 0.85 : failures ? 0.6 : 0.3,
      explanation: `${plural(revokes.length, 'broker grant')}${providers.length ? ` for ${fmtList(providers)}` : ''} ${revokes.length === 1 ? 'was' : 'were'} revoked${byAdmin ? ` (${byAdmin} by an admin)` : ' by the user'} from ${fmtTime(Number.isFinite(first) ? first : null)}${failures ? `; afterwards ${plural(failures, 'broker call')} failed for lack of an upstream connection` : ''}${reconnected ? '; the user has reconnected since' : ''}.`,
      evidence: [...revokes.slice(0, 5).map(auditEvidence), ...sampleEnds(deniedRows, 3, 2).map(auditEvidence), ...sampleEnds(failLogs, 3, 2).map((r) => logEvidence(r))],
      affected: failures || revokes.length,
      since: Number.isFinite(first) ? first : null,
    };
  },
});
