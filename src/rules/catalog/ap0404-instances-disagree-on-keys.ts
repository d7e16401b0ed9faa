// AP0404: several instances each keep their own signing key (keyfile store with more than one instance) (reference K8).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { keyGenerations } from '../support-a/kids.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0404', cause: 'kid-unknown', step: 4, severity: 'warning',
  title: 'Instances sign tokens with different keys',
  fix: 'The keyfile store is for a single instance: move to signing.key_store=postgres_key (with storage.driver=postgres and data_encryption) or vault_transit, so every instance signs with the same key.',
  docs: DOCS.keyRotation,
  needs: ['server-logs'],
  *check(model) {
    const store = model.config.get('signing.key_store')?.value;
    if (store && store !== 'keyfile') return;
    const gens = keyGenerations(model);
    const saved = model.logs.where((r) => r.origin === 'authserver' && r.msg === 'saved new signing key');
    // Rotations also log `saved new signing key`; only first-boot generations prove separate key stores.
    const sources = new Set(gens.map((r) => r.source));
    if (sources.size < 2) return;
    const kids = [...new Set(saved.filter((r) => sources.has(r.source)).map((r) => r.attrs.kid).filter((k): k is string => typeof k === 'string'))];
    yield {
      confidence: store === 'keyfile' ? 0.8 : 0.65,
      explanation: `${sources.size} AuthPlane instances (${[...sources].join(', ')}) each created their own signing key${kids.length > 1 ? ` (kids ${kids.join(', ')})` : ''} with the ${store ? 'keyfile' : 'default keyfile'} store: a token signed by one instance carries a kid the others' JWKS lacks, so resource servers fail intermittently depending on which instance served the JWKS.`,
      evidence: [...gens, ...saved].slice(0, 10).map((r) => logEvidence(r)),
    };
  },
});
