// AP0005: the trace exporter failed at boot, so trace_id is missing from logs and audit rows (reference S12).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0005', cause: 'observability-gap', step: 0, severity: 'warning',
  title: 'Tracing setup failed and requests carry no trace id',
  fix: 'Fix the OTLP endpoint (AUTHPLANE_TRACING_ENDPOINT, AUTHPLANE_TRACING_INSECURE) named in the `error` of `failed to setup tracing, using noop`, keep AUTHPLANE_TRACING_ENABLED=true, and restart.',
  docs: DOCS.observability,
  needs: ['server-logs'],
  *check(model) {
    const lines = model.logs.withMessage('failed to setup tracing, using noop');
    if (lines.length === 0) return;
    const err = lines[0]!.attrs.error;
    yield {
      confidence: 0.85,
      explanation: `Tracing was enabled but the exporter failed${typeof err === 'string' ? ` (${err})` : ''}, so AuthPlane uses a no-op tracer: log lines and audit rows carry no trace_id and a failing request can only be followed by request_id.`,
      evidence: lines.slice(0, 5).map((r) => logEvidence(r)),
      since: lines[0]!.ts,
    };
  },
});
