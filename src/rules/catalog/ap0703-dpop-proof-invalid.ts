// AP0703: DPoP proofs rejected as invalid: htu/htm mismatch, typ, alg, private jwk, iat outside the window (P2, RS10).
import type { Model } from '../../correlate/index.ts';
import { DOCS } from '../docs.ts';
import { counterEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { dpopSignals } from '../support-b/dpop.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { exchangeText } from '../support-b/http.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { earliest, logText, traceIds } from '../support-b/logs.ts';
import { describeGrowth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule, type FindingDraft } from '../types.ts';

const NEVER = /(?!)/;

/** The specific defect, when the SDK names it, and what it means. */
const DETAILS: [RegExp, string][] = [
  [/htu|URL mismatch|path mismatch|host mismatch|scheme mismatch/i, 'htu does not match the URL the server rebuilds from its configured resource origin (a path-rewriting proxy, or htu with a query string)'],
  [/htm|method mismatch/i, 'htm does not match the request method'],
  [/too old|has expired|iat (is )?in the future|too far in future/i, "the proof's iat is outside the allowed window (clock skew or cached proofs)"],
  [/multiple|more than one|carries \d+ DPoP/i, 'the request carries more than one DPoP header (RFC 9449 §4.3 allows exactly one)'],
  [/typ/i, 'typ is not dpop+jwt'],
  [/private key/i, 'the jwk header carries private key material'],
  [/algorithm/i, 'the proof alg is not allowed (ES256/RS256/PS256)'],
  [/ath/i, "ath does not match the access token's hash"],
];

/** The resource's SDK has no inbound DPoP configured (sdk-facts §3.8 "DPoP signal at non-DPoP resource"). */
const NOT_SUPPORTED = /DPoP not supported by this resource|DPoP ?Not ?Supported|DpopNotSupported|dpop_not_supported|not configured for (inbound )?DPoP/i;

/** What the binding rejections say went wrong (sdk-facts §3.8), most specific first. */
const BINDING: [RegExp, string][] = [
  [NOT_SUPPORTED, 'the client sent DPoP (a proof, or a DPoP-bound token) to a resource whose SDK is not configured for inbound DPoP'],
  [/bearer-only|not DPoP-bound|nothing to bind|verifier: DPoP binding mismatch/i, 'a DPoP proof was sent with a bearer-only access token (no cnf.jkt to bind to)'],
  [/key mismatch|key does not match|does not match token binding/i, "the proof is signed by another key than the one the access token is bound to (cnf.jkt)"],
  [/DPoP required|is required|ProofMissing|proof_missing|requires DPoP-bound|no DPoP proof|DPoP-bound/i, 'the resource requires DPoP-bound tokens and got a bearer token, or a DPoP-bound token without its proof'],
];

const NOT_SUPPORTED_FIX = 'Enable inbound DPoP on the MCP server\'s SDK (Python `inbound_dpop=InboundDPoPOptions(...)`, TypeScript `inboundDPoP: { ... }`, Java `ResourceOptions.inboundDPoP`, Rust `ResourceOptions::inbound_dpop`, Go: the resource verifier\'s DPoP options), since DPoP is on by default at AuthPlane since 0.2.0 and clients get DPoP-bound tokens; or have the client send bearer tokens without a DPoP header to this resource.';

const BINDING_FIX = 'Send DPoP-bound tokens with their proof: the client sends a DPoP proof to /oauth/token so the token carries cnf.jkt (DPoP is on by default since 0.2.0), then calls the MCP server with `Authorization: DPoP <token>` and a fresh DPoP proof signed by that same key. A client that only does bearer tokens needs a resource that does not require DPoP; a proof sent with a bearer-only token is refused, so drop the DPoP header or get a DPoP-bound token.';

export default defineRule({
  id: 'AP0703', cause: 'dpop-proof-invalid', step: 7, severity: 'error',
  title: 'DPoP proofs rejected as invalid',
  fix: 'Fix the client proof: typ dpop+jwt, alg ES256/RS256/PS256, public jwk only, htm = request method, htu = the exact URL without query or fragment, a fresh iat within dpop.proof_lifetime (60 s) and a new jti each time; sync clocks. Behind a path-rewriting proxy, configure the SDK resource origin to the public URL.',
  docs: DOCS.dpop,
  needs: ['metrics'],
  *check(model) {
    yield* bindingRejections(model);
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

/** RS10: the MCP server refused the token/proof pairing (the AS records none of these in its counter). */
function* bindingRejections(model: Model): Generator<FindingDraft> {
  const s = dpopSignals(model, 'dpop-binding', [], NEVER);
  const n = s.sdkCount + s.exchanges.length;
  if (n === 0) return;
  // Each rejection says one thing: the first (most specific) reading that fits it.
  const read = new Set([...s.sdk.map(logText), ...s.exchanges.map(exchangeText)].map((t) => BINDING.findIndex(([re]) => re.test(t))));
  const what = BINDING.filter((_, k) => read.has(k)).map(([, say]) => say);
  const parts = [];
  if (s.sdk.length) parts.push(`the MCP server rejected ${plural(s.sdkCount, 'request')} ${fmtSpan(s.sdk.map((r) => r.ts))} because the access token and its DPoP proof do not belong together`);
  if (s.exchanges.length) parts.push(`${plural(s.exchanges.length, 'captured response')} with a DPoP binding rejection`);
  yield {
    severity: n >= 5 ? 'error' : 'warning',
    confidence: strength(n, 5, 0.35, 0.85),
    explanation: `${parts.join('; ')}.${what.length ? ` The rejections say: ${what.join('; ')}.` : ''}`,
    fix: what.length > 0 && what.every((say) => say === BINDING[0]![1]) ? NOT_SUPPORTED_FIX : BINDING_FIX,
    evidence: [...sampleEnds(s.sdk).map((r) => logEvidence(r)), ...s.exchanges.slice(0, 5).map(exchangeEvidence)],
    affected: n,
    traces: traceIds(s.sdk),
    since: earliest(s.sdk),
  };
}
