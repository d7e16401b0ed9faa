// AP0206: AuthPlane itself failed to load its signing keys into the JWKS (reference K9).
// Cause jwks-empty, not jwks-unavailable: the keys are missing from AuthPlane's own JWKS because
// its key store cannot be read (the contract's "JWKS has no keys: key store misconfigured", with
// AP0204's fix), while jwks-unavailable is a resource server failing to fetch a JWKS (AP0205).
import { documentEvidence, logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { describeExchange, pathOf } from '../support-a/docs.ts';
import { earliest, plural } from '../support-a/text.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const MSGS = ['initial JWKS reload failed (will retry on first request)', 'SIGHUP key reload failed', 'post-save JWKS reload failed', 'failed to build JWKS for introspection'];

export default defineRule({
  id: 'AP0206', cause: 'jwks-empty', step: 2, severity: 'error',
  title: 'AuthPlane failed to load its signing keys into the JWKS',
  fix: 'Fix the key store named by signing.key_store (Vault reachability and token, the database, or the key directory), then reload with `kill -HUP <pid>` (logs `SIGHUP received, reloading signing keys`) or restart.',
  docs: DOCS.keyRotation,
  needs: ['server-logs'],
  *check(model) {
    const lines = model.logs.where((r) => r.origin === 'authserver' && MSGS.includes(r.msg));
    const served500 = model.documents.exchanges().filter((d) => pathOf(d) === '/.well-known/jwks.json' && (d.http?.status ?? 0) >= 500);
    if (lines.length === 0 && served500.length === 0) return;
    const failed = lineCount(model, lines);
    // One failed initial load that recovers on the next request is routine; repeats or a 500 are not.
    const onlyInitial = served500.length === 0 && lines.every((r) => r.msg.startsWith('initial JWKS reload failed')) && failed === 1;
    const err = lines.find((r) => typeof r.attrs.error === 'string')?.attrs.error;
    const evidence: Evidence[] = [...lines.slice(0, 8).map((r) => logEvidence(r)), ...served500.slice(0, 3).map((d) => documentEvidence(d, describeExchange(d)))];
    yield {
      severity: onlyInitial ? 'warning' : 'error',
      confidence: onlyInitial ? 0.4 : 0.85,
      explanation: `AuthPlane could not load its signing keys ${plural(failed + served500.length, 'time')}${err ? ` (${JSON.stringify(err)})` : ''}${served500.length ? `, and /.well-known/jwks.json answered ${served500[0]!.http!.status}` : ''}: resource servers cannot fetch a usable JWKS while the key store is unreachable.`,
      evidence,
      since: earliest(lines),
    };
  },
});
