// AP0003: instances of one deployment run different AuthPlane versions (reference C5).
import { bootEvidence } from '../support-a/boots.ts';
import { DOCS } from '../docs.ts';
import { defineRule, type Evidence } from '../types.ts';

/** `v0.2.2` and `0.2.2` are the same release. */
function norm(v: string): string {
  return v.trim().replace(/^v(?=\d)/, '');
}

export default defineRule({
  id: 'AP0003', cause: 'version-skew', step: 0, severity: 'warning',
  title: 'Instances run different AuthPlane versions',
  fix: 'Finish the rollout so every instance runs the same version; run `authserver migrate` once as a pre-flight before upgrading the rest (schema migrations lock tables while they run).',
  docs: DOCS.systemd,
  needs: ['server-logs'],
  *check(model) {
    // The version each source runs now: its latest boot, else the last version reported for it.
    const current = new Map<string, { version: string; ev: Evidence }>();
    for (const v of model.bundle.versions) {
      current.set(v.source, { version: norm(v.version), ev: { kind: 'document', file: v.file, line: v.line, excerpt: `${v.source}: version ${v.version}` } });
    }
    const boots = [...model.boots].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
    for (const b of boots) {
      if (!b.version) continue;
      current.set(b.source, { version: norm(b.version), ev: bootEvidence(b) });
    }
    const byVersion = new Map<string, string[]>();
    for (const [source, { version }] of current) {
      if (version === 'dev' || version === '') continue;
      byVersion.set(version, [...(byVersion.get(version) ?? []), source]);
    }
    if (byVersion.size < 2) return;
    const parts = [...byVersion].map(([v, sources]) => `${v} on ${sources.join(', ')}`);
    yield {
      confidence: 0.8,
      explanation: `The bundle shows ${byVersion.size} AuthPlane versions running side by side: ${parts.join('; ')}. Mixed versions answer the same client differently (defaults and validations changed between releases), which makes failures intermittent.`,
      evidence: [...current.values()].map((c) => c.ev).slice(0, 10),
    };
  },
});
