// AP0403: after a key rotation the JWKS lists a single key, so tokens signed before the rotation fail (reference K3).
import { documentEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { goodDocs, jwksKeys } from '../support-a/docs.ts';
import { rotationsTo, rotationTimes } from '../support-a/kids.ts';
import { hhmm } from '../support-a/text.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0403', cause: 'kid-unknown', step: 4, severity: 'warning',
  title: 'The JWKS dropped the previous key right after a rotation',
  fix: 'Confirm `/.well-known/jwks.json` lists both the current and the previous key after a rotation (the previous key must stay until the last token it signed expires, 15 minutes by default); keep `rotated-<timestamp>.pem` in signing.key_path.',
  docs: DOCS.keyRotation,
  needs: ['jwks'],
  *check(model) {
    const rotations = rotationTimes(model);
    if (rotations.length === 0) return;
    const last = rotations[rotations.length - 1]!;
    // The key the last rotation switched to, when the bundle names it.
    const newKid = rotationsTo(model).filter((r) => r.ts >= last - 1000).pop()?.kid;
    for (const d of goodDocs(model, 'jwks')) {
      const keys = jwksKeys(d);
      if (!keys || keys.length !== 1) continue;
      // Only a JWKS captured after the rotation says something about it.
      if (d.capturedAt != null && d.capturedAt < last) continue;
      // A single key that is not the new one is an out-of-date copy (a cache), not a dropped previous key: AP0402 says so.
      if (newKid !== undefined && keys[0]!.kid !== newKid) continue;
      yield {
        confidence: d.capturedAt != null ? 0.65 : 0.45,
        explanation: `The signing key was rotated at ${hhmm(last)}, yet the JWKS (${d.file}) lists a single key (${String(keys[0]!.kid ?? '?')}): tokens signed with the previous key before the rotation are rejected until they expire.`,
        evidence: [documentEvidence(d, `keys: [${String(keys[0]!.kid ?? '?')}]`, ['keys'])],
      };
      return;
    }
  },
});
