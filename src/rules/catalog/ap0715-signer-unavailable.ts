// AP0715: the signer (Vault Transit or the key store) fails: renewal failures, Vault 403s, missing keys (K6, K7, K9).
import type { LogRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { documentEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { earliest, logsWithMsg, logText, traceIds } from '../support-b/logs.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const RENEWAL = ['vault token renewal failed'];
const INITIAL = 'initial JWKS reload failed (will retry on first request)';
const KEYSTORE = [INITIAL, 'SIGHUP key reload failed'];
const RELOADED = 'JWKS cache reloaded';
// Error values from the Vault client (`vault <path>: status 403: …`) or the key store.
const SIGN_ERR = /vault [^:\n]*: status (403|5\d\d)|transit\/(sign|verify)|ErrKeyNotFound|signing key not found|encryption backend unavailable|ErrEncryptorUnavailable|permission denied[^\n]*vault/i;
const GENERIC = new Set(['token endpoint error', 'authorize error', 'admin key rotation failed', 'post-save JWKS reload failed', 'failed to build JWKS for introspection']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True for an `initial JWKS reload failed` line that the same server got over: a later
 * `JWKS cache reloaded` with key_count > 0 from the same stream. The message says it will retry on
 * the first request (K9), and then the keys were there.
 */
function recovered(r: LogRecord, reloads: readonly LogRecord[]): boolean {
  return r.msg === INITIAL && r.ts != null
    && reloads.some((l) => l.source === r.source && l.ts != null && l.ts > r.ts! && Number(l.attrs.key_count) > 0);
}

export default defineRule({
  id: 'AP0715', cause: 'signer-unavailable', step: 7, severity: 'error',
  title: 'Token signing backend is failing',
  fix: 'Restore the signer: for Vault Transit re-issue the token or switch to AppRole (AUTHPLANE_VAULT_APPROLE_ROLE_ID / _SECRET_ID), make sure the policy allows transit/sign/<key_name> and transit/verify/<key_name>, and restart to re-login (`vault approle login successful`); for keyfile check signing.key_path ownership and permissions. Then send SIGHUP to reload keys.',
  docs: DOCS.vaultTransit,
  needs: ['server-logs'],
  // An empty or unreadable key store (step 2) also makes every signing attempt fail.
  consequenceOf: ['jwks-empty'],
  *check(model) {
    const renewals = logsWithMsg(model, RENEWAL);
    const reloads = logsWithMsg(model, [RELOADED]);
    // A failed initial load that a later reload made good is routine (AP0206 mentions it), not a failing signer.
    const keystore = logsWithMsg(model, KEYSTORE).filter((r) => !recovered(r, reloads));
    const failures = model.logs.where((r) => r.origin === 'authserver' && (GENERIC.has(r.msg) || r.level === 'ERROR') && SIGN_ERR.test(logText(r)));
    const statusDocs = model.documents.ofKind('admin-status').filter((d) => isRecord(d.body) && Array.isArray(d.body.subsystems)
      && d.body.subsystems.some((s) => isRecord(s) && s.name === 'signing' && s.status === 'unhealthy'));
    const failed = lineCount(model, failures);
    const renewalsFailed = lineCount(model, renewals);
    const hard = failed + lineCount(model, keystore) + statusDocs.length;
    if (hard === 0 && renewals.length === 0) return;
    // Only one failed initial load, recovery not seen (nor failure after it): the store may have come back on the first request.
    const onlyInitial = failed === 0 && statusDocs.length === 0 && hard === 1 && keystore[0]?.msg === INITIAL;
    const parts = [];
    if (failures.length) parts.push(`${plural(failed, 'signing failure')} ${fmtSpan(failures.map((r) => r.ts))}${failures[0]?.attrs.error ? ` (${JSON.stringify(String(failures[0].attrs.error).slice(0, 140))})` : ''}`);
    if (keystore.length) parts.push(`the key store could not be read (${keystore[0]!.msg})`);
    if (statusDocs.length) parts.push('/admin/system/status reports the signing subsystem unhealthy');
    if (renewals.length) parts.push(`${plural(renewalsFailed, '`vault token renewal failed` warning')} ${fmtSpan(renewals.map((r) => r.ts))}${hard ? '' : ': signing stops when the Vault token expires'}`);
    const evidence: Evidence[] = [...sampleEnds(failures, 5, 3), ...keystore.slice(0, 3), ...sampleEnds(renewals, 3, 2)].map((r) => logEvidence(r));
    evidence.push(...statusDocs.slice(0, 1).map((d) => documentEvidence(d, 'subsystems: signing unhealthy')));
    yield {
      severity: hard && !onlyInitial ? 'error' : 'warning',
      confidence: onlyInitial ? 0.4 : hard >= 3 ? 0.9 : hard ? 0.7 : renewalsFailed >= 3 ? 0.6 : 0.4,
      explanation: onlyInitial
        ? `${parts.join('; ')}, and the bundle shows no successful reload after it. The server retries on the first request; if that failed too, AuthPlane cannot mint tokens and /oauth/token answers 500 server_error.`
        : `${parts.join('; ')}. Without the signer AuthPlane cannot mint tokens: /oauth/token answers 500 server_error.`,
      evidence,
      affected: failed || renewalsFailed,
      traces: traceIds(failures),
      since: earliest([...renewals, ...failures, ...keystore]),
    };
  },
});
