// AP0506: clocks of AuthPlane and the MCP server (or client) differ by more than the 30 s tolerance.
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { fmtDuration, plural } from '../support-b/format.ts';
import type { LogRecord } from '../../ingest/index.ts';
import { earliest, logText, traceIds } from '../support-b/logs.ts';
import { verifierLogs } from '../support-b/verifier.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const TOLERANCE_MS = 30_000;
// Python/TS SDK wording carries both clocks: `(iat=1791014364, now=1791014274, leeway=30s)`.
const IAT_NOW = /iat=(\d{9,11}),\s*now=(\d{9,11})/;

/**
 * A skew in seconds up to 10 minutes (`151 s`): in minutes, 151 s would read "3 min" and 149 s
 * "2 min", and the evidence says 151 s.
 */
function fmtSkew(seconds: number): string {
  return Math.abs(seconds) < 600 ? `${Math.round(Math.abs(seconds))} s` : fmtDuration(seconds);
}

/** Median of `iat - now` (seconds) over the rejections that print both, or null. */
function medianLead(records: readonly LogRecord[]): number | null {
  const leads = records.map((r) => IAT_NOW.exec(logText(r))).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]) - Number(m[2])).sort((a, b) => a - b);
  return leads.length ? leads[Math.floor(leads.length / 2)]! : null;
}

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
      parts.push(`${c.source} runs ${fmtSkew(c.offsetMs / 1000)} ${c.offsetMs > 0 ? 'behind' : 'ahead of'} ${c.reference} (estimated from ${plural(c.pairs, 'matched request')})`);
      for (const e of c.evidence.slice(0, 3)) evidence.push({ kind: 'log', file: e.file, line: e.line, excerpt: e.note });
    }
    const rejected = lineCount(model, future);
    // One figure per clock: when the offset of the rejecting source is already given, the median lead would be a second, different one.
    const measured = new Set(skewed.map((c) => c.source));
    const lead = future.every((r) => measured.has(r.source)) ? null : medianLead(future);
    if (future.length) parts.push(`${plural(rejected, 'token')} rejected because iat/nbf lies in the verifier's future${lead != null && lead > 0 ? ` (median ${fmtSkew(lead)} ahead: the MCP server's clock runs about ${fmtSkew(lead)} behind AuthPlane's)` : ''}`);
    evidence.push(...sampleEnds(future).map((r) => logEvidence(r)));
    const strong = skewed.some((c) => c.pairs >= 5) || rejected >= 3;
    yield {
      severity: strong ? 'error' : 'warning',
      confidence: strong ? 0.85 : 0.5,
      explanation: `${parts.join('; ')}. Beyond 30 s, fresh tokens look expired or not yet valid to the MCP server, so valid users get 401s.`,
      evidence,
      affected: rejected || undefined,
      traces: traceIds(future),
      since: earliest(future),
    };
  },
});
