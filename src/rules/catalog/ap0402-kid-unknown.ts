// AP0402: tokens carry a kid the JWKS does not list: stale verifier cache, rotation, or a regenerated key (checklist step 4).
import { logEvidence, sampleEnds, tokenEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { jwksKids } from '../support-a/docs.ts';
import { kidMisses, rotationTimes } from '../support-a/kids.ts';
import { cap, earliest, hhmm, patternConfidence, plural, timeSpan, traceIds } from '../support-a/text.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0402', cause: 'kid-unknown', step: 4, severity: 'error',
  title: 'Tokens are signed with a key the JWKS does not list',
  fix: "Compare the token's kid with `curl -s http://localhost:9000/.well-known/jwks.json | jq -r '.keys[].kid'`. If the kid is listed, make the MCP server re-fetch the JWKS (restart it, or wait one cache TTL, 5 minutes) and stop pinning kids; if it is not, the token was signed by a key AuthPlane no longer has: get a new token.",
  docs: DOCS.keyRotation,
  needs: ['jwks', 'tokens'],
  consequenceOf: ['signing-key-regenerated', 'unexpected-key-rotation', 'jwks-empty'],
  *check(model) {
    const kids = jwksKids(model);
    // A forced refresh for a kid the JWKS lists is the routine pickup of a rotation, not a failure.
    const misses = kidMisses(model).filter((m) => m.definitive || !(m.kid && kids.has(m.kid)));
    const definitive = misses.filter((m) => m.definitive);
    const sdk = definitive.length > 0 || lineCount(model, misses.map((m) => m.record)) >= 3 ? misses : [];
    const tokens = kids.size === 0 ? [] : model.tokens.filter((t) => t.use !== 'dpop-proof' && t.use !== 'id-token' && typeof t.header.kid === 'string' && !kids.has(t.header.kid));
    if (sdk.length === 0 && tokens.length === 0) return;
    const unknown = [...new Set([...sdk.map((m) => m.kid), ...tokens.map((t) => t.header.kid as string)].filter((k): k is string => Boolean(k)))];
    const records = sdk.map((m) => m.record);
    const rejected = lineCount(model, records);
    const n = rejected + tokens.length;
    const first = earliest(records);
    const rotation = rotationTimes(model).filter((t) => first == null || t <= first).pop();
    const parts: string[] = [];
    if (records.length) parts.push(`the MCP server rejected ${plural(rejected, 'request')} ${timeSpan(records)} because the token's kid was not in its JWKS`);
    if (tokens.length) parts.push(`${plural(tokens.length, 'token')} in the bundle ${tokens.length === 1 ? 'carries' : 'carry'} a kid the bundle's JWKS does not list${kids.size ? ` (JWKS kids: ${[...kids].join(', ')})` : ''}`);
    const cause = rotation != null
      ? ` A signing key rotation at ${hhmm(rotation)} precedes the first failure: the verifier's JWKS cache is stale or it dropped the previous key (SDKs cache the JWKS for 5 minutes and refetch once on an unknown kid; a guide that says 1 hour describes older SDKs).`
      : '';
    const evidence: Evidence[] = [...tokens.slice(0, 5).map((t) => tokenEvidence(t)), ...sampleEnds(records).map((r) => logEvidence(r))];
    yield {
      severity: rejected >= 3 || (rejected > 0 && tokens.length > 0) ? 'error' : 'warning',
      confidence: patternConfidence(n, 5, 0.4, 0.9),
      explanation: `${cap(parts.join('; '))}${unknown.length ? ` (unknown kid${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')})` : ''}.${cause}`,
      evidence,
      affected: n,
      traces: traceIds(records),
      since: first,
    };
  },
});
