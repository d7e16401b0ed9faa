// AP0107: a *_ref / *_env secret reference could not be resolved at boot (reference C3).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { findLogs } from '../support-a/logs.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0107', cause: 'config-invalid', step: 1, severity: 'error',
  title: 'A secret reference could not be resolved at boot',
  fix: 'Provide the environment variable or secret file the `*_ref` / `*_env` key names (with docker compose, check that the `secrets:` entry is mounted into the authserver service) and restart.',
  docs: DOCS.dockerCompose,
  needs: ['server-logs'],
  *check(model) {
    const lines = findLogs(model, [{ hint: 'secret ref probe failed', re: /secret ref probe failed/ }]);
    if (lines.length === 0) return;
    yield {
      confidence: 0.9,
      explanation: `AuthPlane exited at boot: ${JSON.stringify(lines[0]!.msg.split('\n')[0])}. A configuration key points at a secret (environment variable or file) that is not present in the server's environment.`,
      evidence: lines.slice(0, 5).map((r) => logEvidence(r)),
      since: lines[0]!.ts,
    };
  },
});
