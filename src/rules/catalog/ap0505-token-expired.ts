// AP0505: tokens used after exp (beyond the 30 s skew tolerance): the client does not refresh (RS4, T3).
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds, tokenEvidence } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { configEvidence, exchangeEvidence } from '../support-b/evidence.ts';
import { fmtDuration, fmtSpan, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { accessTokens } from '../support-b/prm.ts';
import { verifierExchanges, verifierLogs } from '../support-b/verifier.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const SKEW_S = 30;

export default defineRule({
  id: 'AP0505', cause: 'token-expired', step: 5, severity: 'error',
  title: 'Expired access tokens are still being presented',
  fix: 'Make the client refresh before exp (grant_type=refresh_token) or re-authorize; tokens live dcr.default_token_expiry (15m by default). If tokens look expired right after issuance, compare the clocks of AuthPlane and the MCP server (the SDK tolerance is 30 s).',
  docs: DOCS.debugging401s,
  needs: ['sdk-logs'],
  // AuthPlane down or unable to sign: clients cannot refresh, so their tokens run out.
  consequenceOf: ['clock-skew', 'db-unreachable', 'signer-unavailable', 'server-unreachable'],
  *check(model) {
    const logs = verifierLogs(model, 'expired');
    const exchanges = verifierExchanges(model, 'expired');
    // Only tokens the bundle saw being presented (exchange or log); a pasted file's mtime says nothing about use.
    const late = accessTokens(model).filter((t) => t.foundIn !== 'file' && t.capturedAt != null && typeof t.claims.exp === 'number'
      && t.capturedAt / 1000 > t.claims.exp + SKEW_S);
    const n = lineCount(model, logs) + exchanges.length + late.length;
    if (n === 0) return;
    const ttl = model.config.get('dcr.default_token_expiry');
    // When /oauth/token itself failed, the clients could not refresh: say so rather than blame them.
    let tokenEndpoint5xx = 0;
    for (const [status, count] of model.http.byPath.get('/oauth/token') ?? []) if (status >= 500) tokenEndpoint5xx += count;
    const why = tokenEndpoint5xx
      ? `: the clients could not refresh, because AuthPlane answered ${plural(tokenEndpoint5xx, '5xx')} on /oauth/token in the same bundle`
      : ': the client keeps using the token instead of refreshing it';
    const lateNote = late.length
      ? ` The bundle captured ${plural(late.length, 'token')} presented ${fmtDuration(Math.max(...late.map((t) => t.capturedAt! / 1000 - Number(t.claims.exp))))} after exp at most.`
      : '';
    yield {
      severity: n >= 5 ? 'error' : 'warning',
      confidence: strength(n, 5, 0.35, 0.85),
      explanation: `${plural(n, 'request')} ${fmtSpan(logs.map((r) => r.ts))} carried an access token past its exp (more than the ${SKEW_S} s tolerance)${why}.${lateNote}${ttl ? ` Token lifetime is configured as ${ttl.value}.` : ''}`,
      evidence: [...sampleEnds(logs).map((r) => logEvidence(r)), ...exchanges.slice(0, 5).map(exchangeEvidence), ...late.slice(0, 5).map((t) => tokenEvidence(t)), ...(ttl ? [configEvidence(ttl)] : [])],
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
