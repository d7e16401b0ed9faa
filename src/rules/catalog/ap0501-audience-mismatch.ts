// AP0501: the MCP server rejects tokens because `aud` lacks its resource URI (reference RS1, checklist step 5).
import { DOCS } from '../docs.ts';
import type { Model } from '../../correlate/index.ts';
import type { LogRecord, TokenRecord } from '../../ingest/index.ts';
import { logEvidence, sampleEnds, tokenEvidence } from '../evidence.ts';
import { requireScopeRelaxed } from '../support-b/config.ts';
import { strength, severityFor } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtClock, fmtSpan, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { verifierExchanges, verifierLogs } from '../support-b/verifier.ts';
import { tokenAudiences } from '../token-check/index.ts';
import { defineRule, type Evidence } from '../types.ts';
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
    const clients = want ? wrongResources(model, want) : [];
    const who = clients.length
      ? ` The bundle names the client${clients.length > 1 ? 's' : ''}: ${clients.map((c) => `${c.client} sent ${c.sent.map((r) => (r ? `resource=${r}` : 'no resource')).join(' and ')} (${c.seen.join(', ')})`).join('; ')}.`
      : '';
    const ids = clients.map((c) => c.client).join(', ');
    const sent = [...new Set(clients.flatMap((c) => c.sent.map((r) => (r ? `resource=${r}` : 'no resource'))))].join(' or ');
    yield {
      severity: severityFor(n),
      confidence: strength(n, 5, 0.4, 0.92),
      explanation: `${plural(n, 'request')} ${fmtSpan(logs.map((r) => r.ts))} ${n === 1 ? 'was' : 'were'} rejected by the MCP server because the token's aud does not contain ${want ? `its resource URI ${want}` : 'its resource URI'}: the client did not send resource= (or sent a different URI) when it asked AuthPlane for the token.${who}${trap}`,
      evidence: [...sampleEnds(logs).map((r) => logEvidence(r)), ...exchanges.slice(0, 5).map(exchangeEvidence), ...relaxed, ...clients.flatMap((c) => c.evidence)],
      fix: want ? `Fix it on the client${clients.length ? ` ${ids}, which sent ${sent}` : ''}: request the token with resource=${want} on /oauth/authorize (RFC 8707), byte for byte (a trailing slash counts). AUTHPLANE_OAUTH_REQUIRE_SCOPE only affects scope defaulting and does not repair an audience mismatch.` : undefined,
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});

/** A client that asked AuthPlane for another resource than the MCP server's, with where the bundle shows it. */
interface WrongResource { client: string; sent: string[]; seen: string[]; evidence: Evidence[] }

/**
 * Clients that asked for a resource other than `want`: AuthPlane log lines carrying client_id and
 * resource (`scope absent from authorize request, using defaults`, …) and access tokens whose aud
 * lacks it ('' = a token with no aud: no resource sent).
 */
function wrongResources(model: Model, want: string): WrongResource[] {
  const byClient = new Map<string, { sent: Set<string>; lines: LogRecord[]; tokens: TokenRecord[] }>();
  const entry = (id: string) => byClient.get(id) ?? byClient.set(id, { sent: new Set(), lines: [], tokens: [] }).get(id)!;
  for (const r of model.logs.where((x) => x.origin === 'authserver' && typeof x.attrs.client_id === 'string' && typeof x.attrs.resource === 'string' && x.attrs.resource !== want)) {
    const e = entry(r.attrs.client_id as string);
    e.sent.add(r.attrs.resource as string);
    e.lines.push(r);
  }
  for (const t of model.tokens) {
    if (t.use !== 'access' || typeof t.claims.client_id !== 'string') continue;
    const aud = tokenAudiences(t.claims);
    if (aud.includes(want)) continue;
    const e = entry(t.claims.client_id);
    for (const a of aud.length ? aud : ['']) e.sent.add(a);
    e.tokens.push(t);
  }
  return [...byClient].map(([client, e]) => ({
    client, sent: [...e.sent],
    seen: [
      ...(e.lines.length ? [`${plural(lineCount(model, e.lines), 'AuthPlane log line')} from ${fmtClock(e.lines[0]!.ts)}`] : []),
      ...(e.tokens.length ? [`${plural(e.tokens.length, 'token')} in the bundle`] : []),
    ],
    evidence: [...e.lines.slice(0, 2).map((r) => logEvidence(r)), ...e.tokens.slice(0, 1).map((t) => tokenEvidence(t))],
  }));
}
