// AP0501: the MCP server rejects tokens because `aud` lacks its resource URI (reference RS1, checklist step 5).
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { requireScopeRelaxed } from '../support-b/config.ts';
import { strength, severityFor } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { verifierExchanges, verifierLogs } from '../support-b/verifier.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0501', cause: 'audience-mismatch', step: 5, severity: 'error',
  title: 'Access token audience does not name this resource',
  fix: 'Fix it on the client: request the token with resource=<exact resource URI> on /oauth/authorize (RFC 8707), byte for byte as the PRM `resource` (a trailing slash counts). Compare with `authserver admin resource list`. AUTHPLANE_OAUTH_REQUIRE_SCOPE only affects scope defaulting and does not repair an audience mismatch.',
  docs: DOCS.debugging401s,
  needs: ['sdk-logs'],
  *check(model) {
    const logs = verifierLogs(model, 'audience');
    const exchanges = verifierExchanges(model, 'audience');
    const n = lineCount(model, logs) + exchanges.length;
    if (n === 0) return;
    const expected = logs.map((r) => /expected "([^"]+)"|required '([^']+)'/.exec(String(r.attrs.error ?? r.msg))).find(Boolean);
    const want = expected ? (expected[1] ?? expected[2]) : undefined;
    const relaxed = requireScopeRelaxed(model);
    const trap = relaxed.length
      ? ' The bundle shows oauth.require_scope=false: that toggle only changes scope defaulting and does not fix this; the token must be minted for this resource.'
      : '';
    yield {
      severity: severityFor(n),
      confidence: strength(n, 5, 0.4, 0.92),
      explanation: `${plural(n, 'request')} ${fmtSpan(logs.map((r) => r.ts))} ${n === 1 ? 'was' : 'were'} rejected by the MCP server because the token's aud does not contain ${want ? `its resource URI ${want}` : 'its resource URI'}: the client did not send resource= (or sent a different URI) when it asked AuthPlane for the token.${trap}`,
      evidence: [...sampleEnds(logs).map((r) => logEvidence(r)), ...exchanges.slice(0, 5).map(exchangeEvidence), ...relaxed],
      fix: want ? `Fix it on the client: request the token with resource=${want} on /oauth/authorize (RFC 8707), byte for byte (a trailing slash counts). AUTHPLANE_OAUTH_REQUIRE_SCOPE only affects scope defaulting and does not repair an audience mismatch.` : undefined,
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
