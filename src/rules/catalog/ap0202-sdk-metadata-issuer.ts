// AP0202: the MCP server's SDK refused AuthPlane's metadata because its issuer is not the one the SDK was given.
import { logEvidence, sampleEnds } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { capture, findLogs } from '../support-a/logs.ts';
import { earliest, patternConfidence, plural, timeSpan } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

// Go SDK discovery: `metadata: issuer mismatch: expected "<configured>", got "<advertised>"`.
const RE = /metadata: issuer mismatch: expected "([^"]*)", got "([^"]*)"/;

export default defineRule({
  id: 'AP0202', cause: 'issuer-mismatch', step: 2, severity: 'error',
  title: 'The MCP server SDK rejects the issuer in AuthPlane metadata',
  fix: "Pass the SDK exactly the issuer AuthPlane advertises (`curl -s http://localhost:9000/.well-known/oauth-authorization-server | jq -r .issuer`), or fix AUTHPLANE_SERVER_ISSUER if the advertised value is the wrong one.",
  docs: DOCS.sdkResourceServer,
  needs: ['sdk-logs'],
  *check(model) {
    const hits = findLogs(model, [{ hint: 'issuer mismatch', re: RE, origins: ['sdk', 'mcp-server', 'other'] }]);
    if (hits.length === 0) return;
    const m = RE.exec(capture(hits[0]!, /(metadata: issuer mismatch[^\n]*)/) ?? '');
    const n = lineCount(model, hits);
    yield {
      severity: n >= 3 ? 'error' : 'warning',
      confidence: patternConfidence(n, 3, 0.4, 0.9),
      explanation: `The MCP server's SDK refused AuthPlane's discovery document ${plural(n, 'time')} ${timeSpan(hits)}${m ? `: it was configured with issuer ${JSON.stringify(m[1])} but AuthPlane advertises ${JSON.stringify(m[2])}` : ''}. Until they match byte for byte the SDK cannot load the JWKS and rejects every token.`,
      evidence: sampleEnds(hits).map((r) => logEvidence(r)),
      affected: n,
      since: earliest(hits),
    };
  },
});
