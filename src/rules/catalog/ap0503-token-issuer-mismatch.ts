// AP0503: tokens rejected for their issuer, or tokens whose iss is not AuthPlane's advertised issuer (RS2, RS8).
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds, tokenEvidence } from '../evidence.ts';
import { strength, severityFor } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { accessTokens, expectedIssuer } from '../support-b/prm.ts';
import { verifierExchanges, verifierLogs } from '../support-b/verifier.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const GOT = /expected ["']([^"']+)["'], got ["']([^"']+)["']/;

export default defineRule({
  id: 'AP0503', cause: 'token-issuer-mismatch', step: 5, severity: 'error',
  title: 'Token issuer differs from the issuer the resource server expects',
  fix: "Configure the SDK's issuer with AuthPlane's issuer exactly as `/.well-known/oauth-authorization-server` prints it (AUTHPLANE_SERVER_ISSUER), byte for byte: scheme, host, port and trailing slash. In Docker, http://authserver:9000 and http://localhost:9000 are different issuers.",
  docs: DOCS.debugging401s,
  needs: ['sdk-logs'],
  consequenceOf: ['issuer-mismatch'],
  *check(model) {
    const logs = verifierLogs(model, 'issuer');
    const exchanges = verifierExchanges(model, 'issuer');
    const issuer = expectedIssuer(model);
    const tokens = issuer ? accessTokens(model).filter((t) => typeof t.claims.iss === 'string' && t.claims.iss !== issuer.value) : [];
    const logged = lineCount(model, logs);
    const n = logged + exchanges.length + tokens.length;
    if (n === 0) return;
    const pair = logs.map((r) => GOT.exec(String(r.attrs.error ?? r.msg))).find(Boolean);
    const why = pair
      ? `the MCP server expects iss ${pair[1]} but the tokens carry ${pair[2]}`
      : tokens.length && issuer
        ? `token iss ${fmtList([...new Set(tokens.map((t) => String(t.claims.iss)))])} differs from AuthPlane's issuer ${issuer.value}`
        : issuer
          ? `the token's iss is not the issuer the SDK was configured with (AuthPlane's issuer is ${issuer.value}, from ${issuer.file})`
          : "the token's iss is not the issuer the SDK was configured with";
    const rejected = logged + exchanges.length;
    yield {
      severity: rejected ? severityFor(rejected) : 'warning',
      confidence: rejected ? strength(rejected, 5, 0.4, 0.9) : 0.55,
      explanation: `${rejected ? `${plural(rejected, 'request')} ${fmtSpan(logs.map((r) => r.ts))} ${rejected === 1 ? 'was' : 'were'} rejected for the issuer: ` : ''}${why}. Issuers compare byte for byte, so every token fails until the two agree.`,
      evidence: [...sampleEnds(logs).map((r) => logEvidence(r)), ...exchanges.slice(0, 5).map(exchangeEvidence), ...tokens.slice(0, 5).map((t) => tokenEvidence(t)),
        ...(issuer && tokens.length ? [{ kind: 'document' as const, file: issuer.file, line: issuer.line, excerpt: `issuer=${issuer.value}` }] : [])],
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
