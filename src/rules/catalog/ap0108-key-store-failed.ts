// AP0108: the signing key store could not be created at boot: unreadable key directory or missing key (reference K5).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { findLogs } from '../support-a/logs.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0108', cause: 'config-invalid', step: 1, severity: 'error',
  title: 'AuthPlane cannot open its signing key store',
  fix: 'Make signing.key_path readable by the AuthPlane user (`chown -R authserver:authserver /var/lib/authserver/keys && chmod 700 /var/lib/authserver/keys`), or fix the Vault / postgres_key settings of signing.key_store.',
  docs: DOCS.keyRotation,
  needs: ['server-logs'],
  *check(model) {
    const lines = findLogs(model, [{ hint: 'key store', re: /error: create key store: / }]);
    if (lines.length === 0) return;
    const text = lines[0]!.msg.split('\n')[0]!;
    const denied = /permission denied/i.test(text);
    const store = model.config.get('signing.key_store')?.value ?? 'keyfile';
    const path = model.config.get('signing.key_path')?.value;
    yield {
      confidence: 0.9,
      explanation: `AuthPlane exited at boot because the ${store} signing key store could not be opened (${JSON.stringify(text)})${denied ? ': the key directory is not readable by the AuthPlane user' : ''}${path ? ` (signing.key_path=${path})` : ''}. Without a key it cannot sign tokens.`,
      evidence: lines.slice(0, 5).map((r) => logEvidence(r)),
      since: lines[0]!.ts,
    };
  },
});
