// AP0702: DPoP proofs rejected as replays (jti reused): a stolen proof+token or a client resending proofs (P1).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { dpopSignals } from '../support-b/dpop.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { describeGrowth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';

// Audit denials say only invalid_dpop_proof, which does not tell a replay from a bad proof: not used here.
const NEVER = /(?!)/;

export default defineRule({
  id: 'AP0702', cause: 'dpop-replay', step: 7, severity: 'error',
  title: 'DPoP proofs rejected as replays',
  fix: 'A client must mint a new proof (fresh jti) for every request. If the client does, treat it as theft: force-logout the user (`authserver admin user force-logout`), revoke the issuances, suspend the client (`PATCH /admin/clients/{id}/suspend`), re-enroll the DPoP key, and consider a shorter dpop.nonce_ttl.',
  docs: DOCS.dpop,
  needs: ['metrics'],
  *check(model) {
    const s = dpopSignals(model, 'dpop-replay', ['replay'], NEVER);
    if (s.n === 0) return;
    const parts = [];
    if (s.metricCount) parts.push(`authplane_dpop_proofs_rejected_total{reason="replay"} ${describeGrowth(s.metric)}`);
    if (s.sdk.length) parts.push(`${plural(s.sdkCount, 'replay rejection')} at the MCP server ${fmtSpan(s.sdk.map((r) => r.ts))}`);
    if (s.exchanges.length) parts.push(`${plural(s.exchanges.length, 'captured response')} with "jti has already been used"`);
    yield {
      severity: s.n >= 3 ? 'error' : 'warning',
      confidence: strength(s.n, 5, 0.4, 0.9),
      explanation: `${parts.join('; ')}. A proof whose jti was already seen came back: either a client bug resending the same proof, or someone replaying a captured proof with its token.`,
      evidence: [...seriesEvidence(s.metric).map(counterEvidence), ...sampleEnds(s.sdk).map((r) => logEvidence(r)), ...s.exchanges.slice(0, 5).map(exchangeEvidence), ...s.audit.slice(0, 5).map(auditEvidence)],
      affected: s.n,
      traces: traceIds(s.sdk),
      since: earliest(s.sdk),
    };
  },
});
