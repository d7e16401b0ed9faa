// AP1006: the signing key rotated without an operator action (K1): possible compromise or an unknown automation.
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence } from '../evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { logsWithMsg } from '../support-b/logs.ts';
import { growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const BOOT_WINDOW_MS = 60_000;

export default defineRule({
  id: 'AP1006', cause: 'unexpected-key-rotation', step: 10, severity: 'error',
  title: 'Signing key rotated without an operator action',
  fix: 'Find who rotated it: admin API calls on :9001 (`key.rotated` audit rows carry the ip), cron jobs and automation. If nobody did, treat the key as compromised: `authserver admin key rotate`, delete the old rotated-<ts>.pem (keyfile) or disable the old Vault key version, make resource servers re-fetch JWKS, revoke issuances, and alert on unexpected key.rotated.',
  docs: DOCS.keyRotation,
  needs: ['server-logs'],
  *check(model) {
    // Key generation at boot (`no signing key found, generating`) is step 4's signing-key-regenerated, not a rotation.
    const bootGens = model.boots.filter((b) => b.keyGenerated).map((b) => b.keyGeneratedAt?.ts ?? b.ts).filter((t): t is number => t != null);
    const nearBoot = (ts: number | null) => ts != null && bootGens.some((g) => ts >= g && ts - g <= BOOT_WINDOW_MS);
    const rotations = logsWithMsg(model, ['rotating signing key']).filter((r) => !nearBoot(r.ts));
    const saved = logsWithMsg(model, ['saved new signing key']).filter((r) => !nearBoot(r.ts));
    const metric = growth(model, 'authserver_key_rotation_total');
    const rotated = Math.max(lineCount(model, rotations), lineCount(model, saved), metric.hasDelta ? metric.delta : 0);
    if (rotated === 0) return;
    const operator = Math.max(lineCount(model, logsWithMsg(model, ['admin key rotated'])), model.audit.countByAction('key.rotated'));
    if (operator >= rotated) return;
    const unexplained = rotated - operator;
    const lines = [...rotations, ...saved];
    yield {
      severity: 'error',
      confidence: operator === 0 && lines.length ? 0.75 : 0.55,
      explanation: `${plural(rotated, 'signing-key rotation')} ${fmtSpan(lines.map((r) => r.ts))} ${operator === 0 ? 'but no operator rotation' : `but only ${plural(operator, 'operator rotation')}`} (\`admin key rotated\` / key.rotated audit row): ${plural(unexplained, 'rotation')} nobody asked for through the admin API. An unexpected rotation can mean someone holds admin access or the key store.`,
      evidence: [...lines.slice(0, 6).map((r) => logEvidence(r)), ...seriesEvidence(metric, 1).map(counterEvidence)],
      affected: unexplained,
    };
  },
});
