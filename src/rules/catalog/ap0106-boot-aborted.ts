// AP0106: the boot self-check aborted because a feature is partly configured (reference C2).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { findLogs } from '../support-a/logs.ts';
import { defineRule } from '../types.ts';

const FEATURE = /^\s*-\s*([\w.-]+):\s*(\S.*)$/gm;
const REMEDY = /^\s*remediation:\s*(.+)$/gm;

export default defineRule({
  id: 'AP0106', cause: 'config-invalid', step: 1, severity: 'error',
  title: 'AuthPlane boot was aborted by the feature self-check',
  fix: 'Set the keys named under `authserver boot aborted` (or disable the half-configured feature) and restart.',
  docs: DOCS.envVars,
  needs: ['server-logs'],
  *check(model) {
    const lines = findLogs(model, [{ hint: 'boot aborted', re: /authserver boot aborted/ }]);
    if (lines.length === 0) return;
    const detail = lines.find((r) => /^\s*-\s*[\w.-]+:/m.test(r.msg)) ?? lines[0]!;
    const features = [...detail.msg.matchAll(FEATURE)].map((m) => `${m[1]} (${m[2]!.trim()})`);
    const remedies = [...detail.msg.matchAll(REMEDY)].map((m) => m[1]!.trim());
    yield {
      confidence: 0.95,
      explanation: `AuthPlane aborted its boot because required configuration is missing or invalid${features.length ? ` for ${features.join(', ')}` : ''}. The server exits before listening.`,
      fix: remedies.length ? `${remedies.join(' ')} Then restart.` : undefined,
      evidence: lines.slice(0, 6).map((r) => logEvidence(r)),
      since: lines[0]!.ts,
    };
  },
});
