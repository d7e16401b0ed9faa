// AP0402: tokens carry a kid the JWKS does not list: stale verifier cache, rotation, or a regenerated key (checklist step 4).
import { auditEvidence, documentEvidence, logEvidence, sampleEnds, tokenEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { jwksKeys, jwksKids } from '../support-a/docs.ts';
import { staleJwksCopy, ttlText, type StaleJwks } from '../support-a/jwks-cache.ts';
import { kidMisses, rotationsTo, rotationTimes, type RotationTo } from '../support-a/kids.ts';
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
    const stale = staleJwksCopy(model, unknown);
    const cause = stale
      ? ` ${staleCause(stale, rotationsTo(model).filter((r) => r.kid === stale.kid).pop())}`
      : rotation != null
        ? ` A signing key rotation at ${hhmm(rotation)} precedes the first failure: the verifier's JWKS cache is stale or it dropped the previous key (SDKs cache the JWKS for 5 minutes and refetch once on an unknown kid; a guide that says 1 hour describes older SDKs).`
        : '';
    const evidence: Evidence[] = [
      ...(stale ? staleEvidence(stale, rotationsTo(model).filter((r) => r.kid === stale.kid).pop()) : []),
      ...tokens.slice(0, 5).map((t) => tokenEvidence(t)), ...sampleEnds(records).map((r) => logEvidence(r)),
    ];
    yield {
      severity: rejected >= 3 || (rejected > 0 && tokens.length > 0) ? 'error' : 'warning',
      confidence: patternConfidence(n, 5, 0.4, 0.9),
      explanation: `${cap(parts.join('; '))}${unknown.length ? ` (unknown kid${unknown.length > 1 ? 's' : ''}: ${unknown.slice(0, 5).join(', ')})` : ''}.${cause}`,
      ...(stale ? { fix: staleFix(stale) } : {}),
      evidence,
      affected: n,
      traces: traceIds(records),
      since: first,
    };
  },
});

/** Why the kid is missing when a cached copy of the JWKS lacks it while AuthPlane's own copy lists it. */
function staleCause(s: StaleJwks, rotation: RotationTo | undefined): string {
  const where = s.stale.http?.url ?? s.stale.file;
  const freshKids = (jwksKeys(s.fresh) ?? []).map((k) => String(k.kid ?? '?'));
  const until = s.expiresAt != null && s.maxAge != null ? `: with max-age=${s.maxAge} the cache serves this copy until about ${hhmm(s.expiresAt)}` : ' until the cached copy expires';
  return `${s.kid} is ${rotation ? `the new key AuthPlane rotated to at ${hhmm(rotation.ts)}` : 'a key AuthPlane publishes'} (${s.fresh.file} lists ${freshKids.join(', ')}), `
    + `but the JWKS served at ${where} (${s.stale.file}) is a stale cached copy that lists only ${s.staleKids.join(', ') || 'no key'}: ${s.headers.map((h) => h.text).join(', ')}. `
    + `The verifier's forced refresh gets the same cached copy, so every token signed with the new key fails${until}.`;
}

/** The cache headers, the key sets of both copies and the rotation, ahead of the failures. */
function staleEvidence(s: StaleJwks, rotation: RotationTo | undefined): Evidence[] {
  const freshKeys = jwksKeys(s.fresh) ?? [];
  const at = freshKeys.findIndex((k) => k.kid === s.kid);
  return [
    ...s.headers.map((h) => documentEvidence(s.stale, h.text, { header: h.name })),
    documentEvidence(s.stale, `keys: [${s.staleKids.join(', ')}]`, ['keys']),
    documentEvidence(s.fresh, `kid: ${JSON.stringify(s.kid)}`, ['keys', at, 'kid']),
    ...(rotation ? [rotation.record.kind === 'log' ? logEvidence(rotation.record) : auditEvidence(rotation.record)] : []),
  ];
}

/** Purge and stop caching, with the TTL the cache really uses. */
function staleFix(s: StaleJwks): string {
  const url = s.stale.http?.url ?? '/.well-known/jwks.json';
  return `Purge ${url} from the CDN or proxy cache in front of AuthPlane, and stop caching the JWKS there (a cache-bypass rule for /.well-known/jwks.json)`
    + `${s.maxAge != null ? `: with Cache-Control max-age=${s.maxAge} (${ttlText(s.maxAge)}), every rotation breaks tokens signed with the new key until the cached copy expires` : ''}. `
    + 'Once the cache serves the current key set, the MCP server picks the new key up on its next forced refresh; no new tokens are needed.';
}
