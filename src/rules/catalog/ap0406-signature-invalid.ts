// AP0406: the token's signature does not verify against the JWKS key with its kid (checklist step 4).
import type { TokenRecord } from '../../ingest/index.ts';
import { logEvidence, sampleEnds, tokenEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { goodDocs, jwksKeys } from '../support-a/docs.ts';
import { verifyJws } from '../support-a/jws.ts';
import { errorText, findLogs, type LogQuery } from '../support-a/logs.ts';
import { cap, earliest, patternConfidence, plural, timeSpan, traceIds } from '../support-a/text.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const SIDES = ['sdk', 'mcp-server', 'other'] as const;
const QUERIES: LogQuery[] = [
  { hint: 'invalid signature', re: /verifier: invalid signature/ },
  { hint: 'signature verification failed', re: /(Token|JWT|token) signature verification failed/ },
  { hint: 'invalidsignature', re: /\b(InvalidSignatureError|InvalidSignatureException)\b/ },
].map((qy) => ({ ...qy, origins: SIDES }));
// Python/TS/Java report an unknown kid as an invalid signature: those belong to AP0402.
const KID_MISS = /kid|not found in JWKS/i;

export default defineRule({
  id: 'AP0406', cause: 'signature-invalid', step: 4, severity: 'error',
  title: 'Token signatures do not verify against the JWKS',
  fix: "Make sure the MCP server fetches the JWKS of the AuthPlane that issued the token (same issuer URL, not another environment's), and that nothing rewrites the token in transit (proxies, truncated headers); then get a fresh token.",
  docs: DOCS.keyRotation,
  needs: ['jwks', 'tokens'],
  *check(model) {
    const keysByKid = new Map<string, Record<string, unknown>>();
    for (const d of goodDocs(model, 'jwks')) for (const k of jwksKeys(d) ?? []) if (typeof k.kid === 'string') keysByKid.set(k.kid, k);
    const forged: TokenRecord[] = [];
    for (const t of model.tokens) {
      if (t.use === 'dpop-proof') continue;
      const kid = t.header.kid;
      const alg = t.header.alg;
      const raw = model.tokenVault.get(t.fingerprint);
      const jwk = typeof kid === 'string' ? keysByKid.get(kid) : undefined;
      if (!raw || !jwk || typeof alg !== 'string') continue;
      if (verifyJws(raw, jwk, alg) === 'invalid') forged.push(t);
    }
    const lines = findLogs(model, QUERIES).filter((r) => !KID_MISS.test(errorText(r)));
    if (forged.length === 0 && lines.length === 0) return;
    const rejected = lineCount(model, lines);
    const n = forged.length + rejected;
    const parts: string[] = [];
    if (forged.length) parts.push(`${plural(forged.length, 'token')} in the bundle ${forged.length === 1 ? 'does' : 'do'} not verify against the JWKS key with ${forged.length === 1 ? 'its' : 'their'} kid (${[...new Set(forged.map((t) => String(t.header.kid)))].join(', ')})`);
    if (lines.length) parts.push(`the MCP server rejected ${plural(rejected, 'token')} ${timeSpan(lines)} with an invalid signature`);
    const evidence: Evidence[] = [...forged.slice(0, 5).map((t) => tokenEvidence(t)), ...sampleEnds(lines).map((r) => logEvidence(r))];
    yield {
      // A failed offline check is a cryptographic fact, even for one token.
      severity: forged.length > 0 || rejected >= 3 ? 'error' : 'warning',
      confidence: forged.length > 0 ? 0.85 : patternConfidence(rejected, 5, 0.35, 0.85),
      explanation: `${cap(parts.join('; '))}. The token was signed by a different key with the same kid (another environment or a restored backup) or altered after issuance.`,
      evidence,
      affected: n,
      traces: traceIds(lines),
      since: earliest(lines),
    };
  },
});
