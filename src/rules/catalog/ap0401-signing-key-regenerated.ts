// AP0401: a signing key was generated again on a boot that is not the first: the key path is not persisted (reference K4).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { bootEvidence, bootsBySource } from '../support-a/boots.ts';
import { kidMisses } from '../support-a/kids.ts';
import { hhmm, plural } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0401', cause: 'signing-key-regenerated', step: 4, severity: 'error',
  title: 'A restart generated a new signing key and invalidated every issued token',
  fix: 'Persist the key directory: mount a named volume at signing.key_path (default `data/keys`, e.g. `-v authplane-keys:/app/data/keys`), or move to signing.key_store=postgres_key or vault_transit; restore `data/keys` from backup if you have it. Users must sign in again once.',
  docs: DOCS.keyRotation,
  needs: ['server-logs'],
  *check(model) {
    const bySource = bootsBySource(model);
    const firstSeen = new Map(model.logs.sources().map((s) => [s.source, s.first]));
    const misses = kidMisses(model);
    const path = model.config.get('signing.key_path')?.value ?? 'data/keys';
    for (const gen of model.logs.where((r) => r.origin === 'authserver' && r.msg.startsWith('no signing key found, generating'))) {
      const boots = bySource.get(gen.source) ?? [];
      // The boot this generation belongs to: the last boot at or before it.
      const idx = gen.ts == null ? -1 : boots.reduce((best, b, i) => (b.ts != null && b.ts <= gen.ts! ? i : best), -1);
      const boot = idx >= 0 ? boots[idx] : undefined;
      const earlierBoot = idx > 0 ? boots[idx - 1] : undefined;
      const first = firstSeen.get(gen.source);
      // Not the first boot: an earlier boot of this source, or this source logged well before this boot.
      const ranBefore = earlierBoot !== undefined || (boot?.ts != null && first != null && first < boot.ts - 1000);
      if (!ranBefore) continue;
      const after = gen.ts == null ? [] : misses.filter((m) => m.record.ts != null && m.record.ts >= gen.ts!);
      const failedSince = lineCount(model, after.map((m) => m.record));
      const evidence = [
        ...(earlierBoot ? [bootEvidence(earlierBoot)] : []),
        ...(boot ? [bootEvidence(boot)] : []),
        logEvidence(gen),
        ...after.slice(0, 5).map((m) => logEvidence(m.record)),
      ];
      yield {
        confidence: after.length > 0 ? 0.95 : 0.85,
        explanation: `${gen.source} restarted${earlierBoot ? ` (previous boot at ${hhmm(earlierBoot.ts)})` : ''} and at ${hhmm(gen.ts)} logged "no signing key found, generating": the key directory (${path}) did not survive the restart, so AuthPlane signs with a brand-new key and every token issued before is signed by a key no JWKS lists any more${failedSince ? `. Since then ${plural(failedSince, 'request')} failed with an unknown kid` : ''}.`,
        evidence,
        affected: failedSince || undefined,
        traces: after.map((m) => m.record.traceId ?? (m.record.requestId ? `req:${m.record.requestId}` : '')).filter(Boolean),
        since: gen.ts,
      };
    }
  },
});
