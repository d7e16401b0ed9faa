// AP0204: the JWKS lists no keys, so no token can be verified: the key store is misconfigured (checklist step 2).
import { documentEvidence, logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { goodDocs, jwksKeys } from '../support-a/docs.ts';
import { defineRule, type Evidence } from '../types.ts';

export default defineRule({
  id: 'AP0204', cause: 'jwks-empty', step: 2, severity: 'error',
  title: 'The JWKS publishes no signing keys',
  fix: 'Check signing.key_store (AUTHPLANE_SIGNING_KEY_STORE) and what backs it: the key directory signing.key_path for keyfile, the database and data-encryption key for postgres_key, the transit key for vault_transit; then reload with SIGHUP or restart.',
  docs: DOCS.keyRotation,
  needs: ['jwks'],
  *check(model) {
    const evidence: Evidence[] = [];
    for (const d of goodDocs(model, 'jwks')) {
      const keys = jwksKeys(d);
      if (!keys || keys.length > 0) continue;
      // Output piped through jq (`| jq '.keys | length'` → 0) is quoted as printed: the key set itself is not in the file.
      const jq = d.http?.jq;
      evidence.push(jq !== undefined ? documentEvidence(d, `jq '${jq}' → ${(d.http?.bodyText ?? '').trim()}`) : documentEvidence(d, 'keys: []', ['keys']));
    }
    const reloads = model.logs.where((r) => r.msg === 'JWKS cache reloaded' && Number(r.attrs.key_count) === 0);
    evidence.push(...reloads.slice(0, 5).map((r) => logEvidence(r)));
    if (evidence.length === 0) return;
    const store = model.config.get('signing.key_store');
    const path = model.config.get('signing.key_path');
    const where = store ? ` (signing.key_store=${store.value}${path ? `, signing.key_path=${path.value}` : ''})` : '';
    yield {
      confidence: 0.95,
      explanation: `AuthPlane publishes an empty JWKS${reloads.length ? ` and its JWKS cache reloaded with key_count=0` : ''}: the key store${where} holds no usable key, so every resource server rejects every token.`,
      evidence,
    };
  },
});
