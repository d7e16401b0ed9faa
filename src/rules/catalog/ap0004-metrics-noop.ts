// AP0004: the metrics exporter failed at boot, so /metrics is empty (reference S11).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0004', cause: 'observability-gap', step: 0, severity: 'warning',
  title: 'Metrics setup failed and AuthPlane exports no metrics',
  fix: 'Read the `error` of `failed to setup metrics, using noop` and fix the exporter settings (observability.metrics.provider, AUTHPLANE_METRICS_OTEL_ENDPOINT); then scrape `http://<host>:9001/metrics`.',
  docs: DOCS.observability,
  needs: ['server-logs'],
  *check(model) {
    const lines = model.logs.withMessage('failed to setup metrics, using noop');
    if (lines.length === 0) return;
    const err = lines[0]!.attrs.error;
    yield {
      confidence: 0.9,
      explanation: `AuthPlane could not set up its metrics exporter${typeof err === 'string' ? ` (${err})` : ''} and fell back to a no-op: /metrics stays empty, so alerts never fire and checklist step 7 cannot be checked.`,
      evidence: lines.slice(0, 5).map((r) => logEvidence(r)),
      since: lines[0]!.ts,
    };
  },
});
