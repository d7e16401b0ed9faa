// AP0704: a client ignores DPoP-Nonce and loops on use_dpop_nonce (P3).
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { dpopSignals } from '../support-b/dpop.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { growth, describeGrowth, seriesEvidence } from '../support-b/metrics.ts';
import { earliest, tally, traceIds } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0704', cause: 'dpop-nonce', step: 7, severity: 'error',
  title: 'Client loops on use_dpop_nonce',
  fix: 'The client must retry once with the DPoP-Nonce response header value in the proof `nonce` claim, and keep using the newest nonce. If the client cannot, set dpop.require_nonce=false (AUTHPLANE_DPOP_REQUIRE_NONCE).',
  docs: DOCS.dpop,
  needs: ['metrics'],
  *check(model) {
    const s = dpopSignals(model, 'dpop-nonce', ['nonce_required', 'nonce_mismatch'], /use_dpop_nonce/);
    if (s.n === 0) return;
    // One nonce challenge per client is the protocol working; a loop is many challenges and few accepted proofs.
    const valid = growth(model, 'authplane_dpop_proofs_validated_total');
    const accepted = valid.hasDelta ? valid.delta : valid.last;
    const clients = tally(s.audit.map((a) => a.clientId));
    const looping = clients.filter(([, c]) => c >= 5);
    if (!(s.n >= 10 && s.n > accepted) && looping.length === 0) return;
    const parts = [];
    if (s.metricCount) parts.push(`authplane_dpop_proofs_rejected_total{reason=~"nonce_required|nonce_mismatch"} ${describeGrowth(s.metric)} against ${accepted} accepted proofs`);
    if (looping.length) parts.push(`client ${looping[0]![0]} was refused with use_dpop_nonce ${looping[0]![1]} times`);
    if (s.sdkCount) parts.push(`the MCP server rejected ${plural(s.sdkCount, 'DPoP proof')} ${fmtSpan(s.sdk.map((r) => r.ts))} for a missing or stale nonce`);
    if (!parts.length) parts.push(`${plural(s.n, 'use_dpop_nonce rejection')}`);
    // Only the MCP server's own nonce check failing: AuthPlane's dpop.require_nonce is not involved.
    const isRsOnly = s.sdkCount > 0 && !s.metricCount && s.audit.length === 0;
    yield {
      severity: 'error',
      confidence: s.n >= 20 || looping.length ? 0.85 : 0.6,
      explanation: isRsOnly
        ? `${parts.join('; ')}. The MCP server requires a DPoP nonce and the client does not put the newest DPoP-Nonce header value into its next proof, so its calls keep failing.`
        : `${parts.join('; ')}. dpop.require_nonce is on and the client does not put the DPoP-Nonce header value into its next proof, so it never gets a token.`,
      ...(isRsOnly ? { fix: "The client must retry once with the DPoP-Nonce header value the MCP server sent, in the proof `nonce` claim, and keep using the newest nonce. If the client cannot, turn off the nonce requirement in the MCP server SDK's inbound DPoP options." } : {}),
      evidence: [...seriesEvidence(s.metric).map(counterEvidence), ...s.audit.slice(0, 5).map(auditEvidence), ...sampleEnds(s.sdk).map((r) => logEvidence(r)), ...s.exchanges.slice(0, 3).map(exchangeEvidence)],
      affected: s.n,
      traces: traceIds(s.sdk),
      since: earliest(s.sdk),
    };
  },
});
