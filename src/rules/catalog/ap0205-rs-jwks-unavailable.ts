// AP0205: the MCP server cannot fetch AuthPlane's JWKS or metadata (reference RS3; SDK messages of sdk-facts §1, §3).
import { logEvidence, sampleEnds } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { findLogs, type LogQuery } from '../support-a/logs.ts';
import { earliest, patternConfidence, plural, timeSpan, traceIds } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const SIDES = ['sdk', 'mcp-server', 'other'] as const;
/** Hard failures: the verifier had no usable key set. */
const HARD: LogQuery[] = [
  { hint: 'jwks unavailable', re: /verifier: JWKS unavailable/ },
  { hint: 'metadata unavailable', re: /verifier: metadata unavailable/ },
  { hint: 'jwks fetch returned http', re: /authplane: JWKS fetch returned HTTP \d+/ },
  { hint: 'jwks cache prime failed', re: /authplane: JWKS cache prime failed/ },
  { hint: 'no jwks cache available', re: /authplane: no JWKS cache available/ },
  { hint: 'failed to fetch jwks', re: /Failed to fetch JWKS|failed to fetch JWKS/ },
  { hint: 'failed to fetch or use', re: /failed to fetch or use (JWKS|metadata)/ },
  { hint: 'failed to fetch authorization server metadata', re: /Failed to fetch authorization server metadata/ },
  // Python/TS `…FetchError`, Java/C# `…FetchException` (Java logs only the simple class name): the hint is their common part.
  { hint: 'fetch', re: /\b(JWKSFetchError|JwksFetchException|MetadataFetchError|MetadataFetchException)\b/ },
  { hint: 'cannot be reached from this resource server', re: /authorization server cannot be reached from this resource server/ },
  { hint: 'circuit', re: /circuit breaker is open|Circuit breaker is open/ },
].map((qy) => ({ ...qy, origins: SIDES }));
/** Soft failures: refresh failed but a cached key set is still served. */
const SOFT: LogQuery[] = [
  { hint: 'using stale cache', re: /(Jwks|JWKS|Metadata|metadata) fetch failed, using stale cache|Failed to refresh (JWKS|metadata) from/ },
  { hint: 'refresh failed', re: /Background (Jwks|JWKS|Metadata|metadata) refresh failed|(Jwks|Metadata) refresh failed, keeping the cached document/ },
  { hint: 'initial fetch failed', re: /JWKS URI rotated to .* but initial fetch failed/ },
  // Java DocumentCache WARNING `Background refresh of <documentType> failed` (sdk-facts §1.5).
  { hint: 'background refresh of', re: /Background refresh of \S+ failed/ },
  // Newer Python document cache WARNING `%s document rejected, keeping the cached document …` (§1.3; `refresh failed` above).
  { hint: 'keeping the cached document', re: /document rejected, keeping the cached document/ },
  // Newer TS: `[authplane] <documentType> refresh backing off after a failed attempt (retry in Ns).`, its only trace of a
  // failed refresh, and `[authplane] AS metadata refresh failed during verify; …` (§1.4). Java's FINE and Python's DEBUG
  // backoff lines (`…(retry in Ns); serving…`, `…, serving the cached document`) repeat a WARNING already counted.
  { hint: 'refresh backing off after a failed attempt', re: /refresh backing off after a failed attempt \(retry in \d+s\)\.(?!\S)/ },
  { hint: 'as metadata refresh failed during verify', re: /AS metadata refresh failed during verify/ },
].map((qy) => ({ ...qy, origins: SIDES }));

export default defineRule({
  id: 'AP0205', cause: 'jwks-unavailable', step: 2, severity: 'error',
  title: "The MCP server cannot fetch AuthPlane's JWKS",
  fix: "From the MCP server's host run `curl -s $ISSUER/.well-known/jwks.json`: fix DNS, NetworkPolicy, proxy or TLS between them, and make sure the SDK's issuer URL is reachable from there (inside Docker, `localhost` is the container itself).",
  docs: DOCS.debugging401s,
  needs: ['sdk-logs'],
  consequenceOf: ['server-unreachable', 'discovery-not-found', 'issuer-mismatch'],
  *check(model) {
    const hard = findLogs(model, HARD);
    const soft = hard.length ? [] : findLogs(model, SOFT);
    const hits = hard.length ? hard : soft;
    if (hits.length === 0) return;
    const n = lineCount(model, hits);
    const isHard = hard.length > 0;
    yield {
      severity: isHard && n >= 3 ? 'error' : 'warning',
      confidence: patternConfidence(n, 5, 0.35, isHard ? 0.9 : 0.7),
      explanation: isHard
        ? `The MCP server failed to fetch AuthPlane's JWKS or metadata ${plural(n, 'time')} ${timeSpan(hits)}: with no key set it answers every request with 401/503, whatever the token.`
        : `The MCP server could not refresh AuthPlane's JWKS ${plural(n, 'time')} ${timeSpan(hits)} and is verifying with a stale cached copy: tokens signed by a newly rotated key will be rejected until a refresh succeeds.`,
      evidence: sampleEnds(hits).map((r) => logEvidence(r)),
      affected: n,
      traces: traceIds(hits),
      since: earliest(hits),
    };
  },
});
