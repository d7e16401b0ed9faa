// AP0405: the token's typ is not at+jwt or its alg is not allowed: often an ID token sent as access token (checklist step 4).
import type { TokenRecord } from '../../ingest/index.ts';
import { logEvidence, sampleEnds, tokenEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { findLogs, type LogQuery } from '../support-a/logs.ts';
import { cap, earliest, patternConfidence, plural, timeSpan, traceIds } from '../support-a/text.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const ALLOWED_ALGS = new Set(['ES256', 'RS256']);
const SIDES = ['sdk', 'mcp-server', 'other'] as const;
// Verifier wording per SDK (sdk-facts §3.1–3.6).
const QUERIES: LogQuery[] = [
  { hint: 'invalid typ', re: /invalid typ "[^"]*", expected "at\+jwt"/ },
  { hint: 'not allowed', re: /algorithm "[^"]*" not allowed/ },
  { hint: "must be 'at+jwt'", re: /Token type must be 'at\+jwt', got/ },
  { hint: "must be 'at+jwt'", re: /JWT 'typ' header must be 'at\+jwt'/ },
  { hint: 'allowed list', re: /(Token a|A)lgorithm '[^']*' is not in the allowed list/ },
  { hint: 'is not allowed', re: /Token algorithm '[^']*' is not allowed/ },
].map((qy) => ({ ...qy, origins: SIDES }));

function badness(t: TokenRecord): string | undefined {
  const typ = typeof t.header.typ === 'string' ? t.header.typ.toLowerCase() : undefined;
  const alg = typeof t.header.alg === 'string' ? t.header.alg : undefined;
  if (alg && !ALLOWED_ALGS.has(alg)) return `alg ${alg} is not allowed (ES256 or RS256 only)`;
  if (typ !== 'at+jwt' && typ !== 'application/at+jwt') {
    const idToken = 'nonce' in t.claims || 'at_hash' in t.claims || t.use === 'id-token';
    return `typ is ${typ ? JSON.stringify(t.header.typ) : 'missing'}, not "at+jwt"${idToken ? ' (it looks like an ID token)' : ''}`;
  }
  return undefined;
}

export default defineRule({
  id: 'AP0405', cause: 'token-type-invalid', step: 4, severity: 'error',
  title: 'The presented token is not an AuthPlane access token',
  fix: 'Send the access_token from the /oauth/token response (typ at+jwt, alg ES256 or RS256) as `Authorization: Bearer …`, never the id_token or a token minted elsewhere.',
  docs: DOCS.debugging401s,
  needs: ['tokens'],
  *check(model) {
    // Tokens a client actually presented (Authorization header) or declared access tokens.
    const presented = model.tokens.filter((t) => t.use === 'access' || (t.foundIn === 'http-exchange' && t.use !== 'dpop-proof'));
    const bad = presented.map((t) => ({ t, why: badness(t) })).filter((x): x is { t: TokenRecord; why: string } => Boolean(x.why));
    const lines = findLogs(model, QUERIES);
    if (bad.length === 0 && lines.length === 0) return;
    const rejected = lineCount(model, lines);
    const n = bad.length + rejected;
    const parts: string[] = [];
    if (bad.length) parts.push(`${plural(bad.length, 'token')} presented to the MCP server ${bad.length === 1 ? 'has' : 'have'} the wrong type: ${bad[0]!.why}`);
    if (lines.length) parts.push(`the MCP server rejected ${plural(rejected, 'token')} ${timeSpan(lines)} for their typ or alg`);
    const evidence: Evidence[] = [...bad.slice(0, 5).map((x) => tokenEvidence(x.t)), ...sampleEnds(lines).map((r) => logEvidence(r))];
    yield {
      severity: n >= 3 || bad.length > 0 ? 'error' : 'warning',
      confidence: patternConfidence(n, 3, 0.45, 0.9),
      explanation: `${cap(parts.join('; '))}. Resource servers accept only RFC 9068 access tokens (typ at+jwt) signed with ES256 or RS256.`,
      evidence,
      affected: n,
      traces: traceIds(lines),
      since: earliest(lines),
    };
  },
});
