// AP0504: tool calls rejected with 403 insufficient_scope: the token lacks the scope the handler requires (RS5).
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { strength, severityFor } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { earliest, traceIds } from '../support-b/logs.ts';
import { verifierExchanges, verifierLogs } from '../support-b/verifier.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

// `required scope "tools/add"`, `required scope 'tools/add'`, `Missing required scope: tools/add`, `scope="tools/add"`.
const REQUIRED = /required scopes? ["']([^"']+)["']|Missing required scope: (\S+)|scope="([^"]+)"/;

export default defineRule({
  id: 'AP0504', cause: 'insufficient-scope', step: 5, severity: 'error',
  title: 'Requests rejected for insufficient scope',
  fix: 'Request the scope the tool requires (scope=… on /oauth/authorize), make sure it is declared on the resource (`PATCH /admin/resources/{id}` scopes) and granted to the client (`authserver admin client update --scope …`), or relax the scope the tool handler requires.',
  docs: DOCS.debugging401s,
  needs: ['sdk-logs'],
  consequenceOf: ['scopes-not-advertised', 'scope-required-missing'],
  *check(model) {
    const logs = verifierLogs(model, 'scope');
    const exchanges = verifierExchanges(model, 'scope').filter((d) => d.http?.status === 403 || /insufficient_scope/.test(JSON.stringify(d.http?.responseHeaders ?? {})));
    const n = lineCount(model, logs) + exchanges.length;
    if (n === 0) return;
    const wanted = new Set<string>();
    for (const r of logs) {
      const m = REQUIRED.exec(String(r.attrs.error ?? r.msg));
      const s = m?.[1] ?? m?.[2] ?? m?.[3];
      if (s) wanted.add(s);
    }
    yield {
      severity: severityFor(n),
      confidence: strength(n, 5, 0.4, 0.9),
      explanation: `${plural(n, 'request')} ${fmtSpan(logs.map((r) => r.ts))} ${n === 1 ? 'was' : 'were'} refused with 403 insufficient_scope${wanted.size ? `: the tool requires ${fmtList([...wanted])}` : ''}. The token verified, but its scope claim lacks what the handler's require_scope() demands.`,
      evidence: [...sampleEnds(logs).map((r) => logEvidence(r)), ...exchanges.slice(0, 5).map(exchangeEvidence)],
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
