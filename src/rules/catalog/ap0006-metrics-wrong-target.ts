// AP0006: the /metrics snapshots hold no AuthPlane series: scraped from the public port, or the provider is `none` (reference S11).
import { documentEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { portOf, pathOf, describeExchange } from '../support-a/docs.ts';
import { defineRule, type Evidence } from '../types.ts';

const OURS = /^(authserver|authplane)_/;

export default defineRule({
  id: 'AP0006', cause: 'observability-gap', step: 0, severity: 'warning',
  title: 'Metrics were scraped from a target without AuthPlane metrics',
  fix: 'Scrape the admin port: `curl -s http://<host>:9001/metrics` (not :9000), and keep AUTHPLANE_METRICS_PROVIDER=prometheus (or both).',
  docs: DOCS.observability,
  needs: [],
  *check(model) {
    const evidence: Evidence[] = [];
    const reasons: string[] = [];
    const snaps = model.metrics.snapshots();
    if (snaps.length > 0 && !snaps.some((s) => s.families.some((f) => OURS.test(f.name)))) {
      reasons.push(`none of the ${snaps.length} /metrics snapshot(s) contains an authserver_* or authplane_* series`);
      for (const s of snaps.slice(0, 3)) evidence.push({ kind: 'metric', file: s.file, line: s.line, excerpt: `${s.families.length} metric families, none from AuthPlane (instance ${s.instance})` });
    }
    // A /metrics fetch from the public port answers 404: the exporter lives on :9001 only.
    for (const d of model.documents.exchanges()) {
      if (pathOf(d) === '/metrics' && portOf(d) === 9000 && (d.http?.status ?? 0) >= 400) {
        reasons.push(`/metrics was requested on the public port 9000 (${describeExchange(d)}; some AuthPlane guides show \`curl http://localhost:9000/metrics\`, which is misleading)`);
        evidence.push(documentEvidence(d, describeExchange(d)));
      }
    }
    const provider = model.config.get('observability.metrics.provider');
    if (provider?.value === 'none') {
      reasons.push(`observability.metrics.provider is "none" (${provider.from})`);
      evidence.push({ kind: 'document', file: provider.file, line: provider.line, excerpt: `observability.metrics.provider: none` });
    }
    if (reasons.length === 0) return;
    yield {
      confidence: 0.75,
      explanation: `AuthPlane metrics are missing from the bundle: ${reasons.join('; ')}. AuthPlane serves /metrics on the admin port 9001 only, so checklist step 7 cannot use them.`,
      evidence,
    };
  },
});
