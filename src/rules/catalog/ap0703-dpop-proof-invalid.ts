// AP0703: DPoP proofs rejected as invalid: htu/htm mismatch, typ, alg, private jwk, iat outside the window (P2, RS10).
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { dpopSignals } from '../support-b/dpop.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { earliest, logText, traceIds } from '../support-b/logs.ts';
import { describeGrowth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';

const NEVER = /(?!)/;

/** The specific defect, when the SDK names it, and what it means. */
const DETAILS: [RegExp, string][] = [
  [/htu|URL mismatch|path mismatch|host mismatch|scheme mismatch/i, 'htu does not match the URL the server rebuilds from its configured resource origin (a path-rewriting proxy, or htu with a query string)'],
  [/htm|method mismatch/i, 'htm does not match the request method'],
  [/too old|has expired|iat (is )?in the future|too far in future/i, "the proof's iat is outside the allowed window (clock skew or cached proofs)"],
  [/typ/i, 'typ is not dpop+jwt'],
  [/private key/i, 'the jwk header carries private key material'],
  [/algorithm/i, 'the proof alg is not allowed (ES256/RS256/PS256)'],
  [/ath/i, "ath does not match the access token's hash"],
];

export default defineRule({
  id: 'AP0703', cause: 'dpop-proof-invalid', step: 7, severity: 'error',
  title: 'DPoP proofs rejected as invalid',
  fix: 'Fix the client proof: typ dpop+jwt, alg ES256/RS256/PS256, public jwk only, htm = request method, htu = the exact URL without query or fragment, a fresh iat within dpop.proof_lifetime (60 s) and a new jti each time; sync clocks. Behind a path-rewriting proxy, configure the SDK resource origin to the public URL.',
  docs: DOCS.dpop,
  needs: ['metrics'],
  *check(model) {
    const s = dpopSignals(model, 'dpop-invalid', ['invalid_proof'], NEVER);
    // A few rejections are background (the guides alert above 0.1/s sustained).
    const sustained = s.n >= 5 || (s.metric.peakRate ?? 0) > 0.1;
    if (s.n === 0 || (!sustained && s.sdk.length === 0 && s.exchanges.length === 0)) return;
    const detail = DETAILS.find(([re]) => s.sdk.some((r) => re.test(logText(r))))?.[1];
    const parts = [];
    if (s.metricCount) parts.push(`authplane_dpop_proofs_rejected_total{reason="invalid_proof"} ${describeGrowth(s.metric)}`);
    if (s.sdk.length) parts.push(`${plural(s.sdkCount, 'invalid-proof rejection')} at the MCP server ${fmtSpan(s.sdk.map((r) => r.ts))}`);
    if (s.exchanges.length) parts.push(`${plural(s.exchanges.length, 'captured response')} with an invalid DPoP proof`);
    yield {
      severity: sustained ? 'error' : 'warning',
      confidence: strength(s.n, 5, 0.35, 0.85),
      explanation: `${parts.join('; ')}.${detail ? ` The rejections name the defect: ${detail}.` : ' The client builds proofs the server refuses (htm/htu, typ, alg, jwk or iat).'}`,
      evidence: [...seriesEvidence(s.metric).map(counterEvidence), ...sampleEnds(s.sdk).map((r) => logEvidence(r)), ...s.exchanges.slice(0, 5).map(exchangeEvidence)],
      affected: s.n,
      traces: traceIds(s.sdk),
      since: earliest(s.sdk),
    };
  },
});
