// AP0304: the client sent no `scope` while oauth.require_scope=true, so authorize fails with invalid_scope (reference G1).
import type { Model } from '../../correlate/index.ts';
import { documentEvidence, logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { describeExchange, responseHeader } from '../support-a/docs.ts';
import { findLogs } from '../support-a/logs.ts';
import { earliest, patternConfidence, plural, traceIds } from '../support-a/text.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const NEEDLE = 'scope parameter is required';

/** Exchanges whose redirect Location or body says the scope parameter was required. */
function exchangeHits(model: Model): Evidence[] {
  const out: Evidence[] = [];
  for (const d of model.documents.exchanges()) {
    let text = responseHeader(d, 'location') ?? '';
    try {
      text = decodeURIComponent(text.replace(/\+/g, ' '));
    } catch {
      // a malformed escape: search the raw value
    }
    text += ` ${d.http?.bodyText ?? ''}`;
    if (text.includes(NEEDLE)) out.push(documentEvidence(d, `${describeExchange(d)}: invalid_scope, ${NEEDLE} (oauth.require_scope=true)`, { header: 'location' }));
  }
  return out;
}

export default defineRule({
  id: 'AP0304', cause: 'scope-required-missing', step: 3, severity: 'error',
  title: 'Clients omit the scope parameter while AuthPlane requires it',
  fix: 'Make the client send `scope` on /oauth/authorize (some MCP clients, e.g. Claude Code, omit it), or set AUTHPLANE_OAUTH_REQUIRE_SCOPE=false so AuthPlane substitutes the resource\'s registered scopes. This setting fixes only this error: it has no effect on audience (resource) mismatches.',
  docs: DOCS.mcpClients,
  needs: ['logs'],
  *check(model) {
    const logs = findLogs(model, [{ hint: NEEDLE, re: /scope parameter is required/ }]);
    const exch = exchangeHits(model);
    const n = lineCount(model, logs) + exch.length;
    if (n === 0) return;
    const clients = [...new Set(logs.map((r) => r.attrs.client_id).filter((c): c is string => typeof c === 'string'))];
    yield {
      severity: n >= 2 ? 'error' : 'warning',
      confidence: patternConfidence(n, 3, 0.5, 0.9),
      explanation: `${plural(n, 'authorize request')} ${n === 1 ? 'was' : 'were'} refused with invalid_scope "${NEEDLE} (oauth.require_scope=true)"${clients.length ? ` for client ${clients.join(', ')}` : ''}: the client did not send a scope and AuthPlane requires one by default.`,
      evidence: [...exch, ...logs.map((r) => logEvidence(r))].slice(0, 12),
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
