// AP0302: authorize requests denied because the resource has an empty scope catalogue (reference G3).
import { logEvidence, sampleEnds } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { earliest, patternConfidence, plural, timeSpan, traceIds } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0302', cause: 'scopes-not-advertised', step: 3, severity: 'error',
  title: 'Authorize requests are denied because the resource declares no scopes',
  fix: 'Declare the scopes on the resource: `PATCH /admin/resources/{id}` with `"scopes": ["tools/read", …]` (check with `authserver admin resource list`).',
  docs: DOCS.errorCodes,
  needs: ['server-logs'],
  *check(model) {
    const hits = model.logs.withMessage('no scopes registered for resource, denying request');
    if (hits.length === 0) return;
    const resources = [...new Set(hits.map((r) => r.attrs.resource).filter((v): v is string => typeof v === 'string'))];
    const n = lineCount(model, hits);
    yield {
      severity: n >= 2 ? 'error' : 'warning',
      confidence: patternConfidence(n, 3, 0.45, 0.9),
      explanation: `AuthPlane denied ${plural(n, 'authorize request')} ${timeSpan(hits)} because the resource${resources.length ? ` ${resources.map((r) => JSON.stringify(r)).join(', ')}` : ''} has no scopes registered.`,
      fix: resources.length ? `Add scopes to ${resources.join(', ')}: \`PATCH /admin/resources/{id}\` with \`"scopes": [...]\` (find the id with \`authserver admin resource list\`).` : undefined,
      evidence: sampleEnds(hits).map((r) => logEvidence(r)),
      affected: n,
      traces: traceIds(hits),
      since: earliest(hits),
    };
  },
});
