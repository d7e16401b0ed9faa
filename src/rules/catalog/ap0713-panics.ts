// AP0713: handlers panicked (`panic recovered`) and answered 500 (S10).
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { earliest, logsWithMsg, traceIds } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0713', cause: 'server-errors', step: 7, severity: 'error',
  title: 'AuthPlane handlers panicked',
  fix: 'This is an AuthPlane bug: file an issue at github.com/authplane/authserver/issues with the `panic recovered` line (panic, method, path), the version (`authserver version`) and the trace_id; `forensic report` writes a redacted report to attach.',
  docs: DOCS.checklist,
  needs: ['server-logs'],
  *check(model) {
    const panics = logsWithMsg(model, ['panic recovered']);
    if (panics.length === 0) return;
    const paths = [...new Set(panics.map((r) => `${String(r.attrs.method ?? '')} ${String(r.attrs.path ?? '?')}`.trim()))];
    const n = lineCount(model, panics);
    const first = panics.find((r) => r.attrs.panic != null)?.attrs.panic;
    yield {
      severity: n >= 3 ? 'error' : 'warning',
      confidence: strength(n, 3, 0.5, 0.9),
      explanation: `${plural(n, 'request')} ${fmtSpan(panics.map((r) => r.ts))} panicked in AuthPlane on ${fmtList(paths)}${first ? ` (${JSON.stringify(String(first).slice(0, 120))})` : ''} and got 500.`,
      evidence: sampleEnds(panics).map((r) => logEvidence(r)),
      affected: n,
      traces: traceIds(panics),
      since: earliest(panics),
    };
  },
});
