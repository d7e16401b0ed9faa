// AP0506: clocks of AuthPlane and the MCP server (or client) differ by more than the 30 s tolerance.
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { fmtDuration, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { verifierLogs } from '../support-b/verifier.ts';
import { defineRule, type Evidence } from '../types.ts';

const TOLERANCE_MS = 30_000;

export default defineRule({
  id: 'AP0506', cause: 'clock-skew', step: 5, severity: 'error',
  title: 'Clocks differ by more than the 30 s token tolerance',
  fix: 'Synchronise the clocks of the AuthPlane host and the MCP server host (NTP / chrony: `timedatectl status` should say "System clock synchronized: yes"). SDKs tolerate 30 s of skew on exp/iat/nbf and DPoP proofs tolerate dpop.proof_lifetime (60 s).',
  docs: DOCS.debugging401s,
  needs: ['sdk-logs'],
  *check(model) {
    const skewed = model.clock.filter((c) => Math.abs(c.offsetMs) > TOLERANCE_MS && c.pairs >= 2);
    const future = verifierLogs(model, 'future');
    if (skewed.length === 0 && future.length === 0) return;
    const evidence: Evidence[] = [];
    const parts: string[] = [];
    for (const c of skewed) {
      parts.push(`${c.source} runs ${fmtDuration(c.offsetMs / 1000)} ${c.offsetMs > 0 ? 'behind' : 'ahead of'} ${c.reference} (estimated from ${plural(c.pairs, 'matched request')})`);
      for (const e of c.evidence.slice(0, 3)) evidence.push({ kind: 'log', file: e.file, line: e.line, excerpt: e.note });
    }
    if (future.length) parts.push(`${plural(future.length, 'token')} rejected because iat/nbf lies in the verifier's future`);
    evidence.push(...sampleEnds(future).map((r) => logEvidence(r)));
    const strong = skewed.some((c) => c.pairs >= 5) || future.length >= 3;
    yield {
      severity: strong ? 'error' : 'warning',
      confidence: strong ? 0.85 : 0.5,
      explanation: `${parts.join('; ')}. Beyond 30 s, fresh tokens look expired or not yet valid to the MCP server, so valid users get 401s.`,
      evidence,
      affected: future.length || undefined,
      traces: traceIds(future),
      since: earliest(future),
    };
  },
});
