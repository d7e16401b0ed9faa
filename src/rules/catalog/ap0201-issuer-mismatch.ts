// AP0201: the discovery document's `issuer` differs from the issuer AuthPlane was configured with (checklist step 2).
import { documentEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { advertisedIssuers, configuredIssuers, issuerDiff } from '../support-a/docs.ts';
import { misspeltEnv } from '../support-a/misspelt-env.ts';
import { defineRule, type Evidence } from '../types.ts';

const DEFAULT_ISSUER = 'http://localhost:9000';

export default defineRule({
  id: 'AP0201', cause: 'issuer-mismatch', step: 2, severity: 'error',
  title: 'Discovery advertises a different issuer than the one configured',
  fix: 'Set AUTHPLANE_SERVER_ISSUER to the exact public URL clients and resource servers use (scheme, host, port, no trailing slash), make sure the running process receives it, and restart.',
  docs: DOCS.checklist,
  needs: ['as-metadata'],
  *check(model) {
    const configured = configuredIssuers(model);
    if (configured.length === 0) return;
    for (const adv of advertisedIssuers(model)) {
      const differing = configured.filter((c) => issuerDiff(c.value, adv.value) !== 'same');
      if (differing.length === 0) continue;
      const c = differing[0]!;
      const kind = issuerDiff(c.value, adv.value);
      let why: string;
      // A misspelt name (AUTHPLANE_SERVER_ISSUR in a compose file) is ignored: that is why the default won.
      const typo = adv.value === DEFAULT_ISSUER ? misspeltEnv(model, 'AUTHPLANE_SERVER_ISSUER').find((t) => t.value !== DEFAULT_ISSUER) : undefined;
      if (typo) {
        why = `${DEFAULT_ISSUER} is AuthPlane's default: ${typo.file}:${typo.line} sets ${typo.written}, a misspelling of AUTHPLANE_SERVER_ISSUER, which AuthPlane does not read`;
      } else if (adv.value === DEFAULT_ISSUER && c.value !== DEFAULT_ISSUER) {
        why = `${DEFAULT_ISSUER} is AuthPlane's default: the running server never received AUTHPLANE_SERVER_ISSUER (env var not passed to the process, or set on another instance)`;
      } else if (kind === 'trailing-slash') {
        why = 'they differ only by a trailing slash, and verifiers compare issuers byte for byte';
      } else {
        why = 'the discovery document was served by a server started with another issuer';
      }
      const evidence: Evidence[] = [
        documentEvidence(adv.doc, `issuer: ${JSON.stringify(adv.value)}`, ['issuer']),
        { kind: 'document', file: c.file, line: c.line, excerpt: `issuer configured as ${JSON.stringify(c.value)} (${c.from})` },
      ];
      if (typo) evidence.splice(1, 0, { kind: 'document', file: typo.file, line: typo.line, excerpt: `${typo.written}: ${typo.value} (misspelt: AuthPlane reads AUTHPLANE_SERVER_ISSUER)` });
      yield {
        // The localhost default against a real configured URL is unmistakable: the root of every iss failure downstream.
        confidence: why.startsWith(DEFAULT_ISSUER) ? 0.95 : kind === 'trailing-slash' ? 0.85 : 0.9,
        ...(typo ? { fix: `Rename ${typo.written} to AUTHPLANE_SERVER_ISSUER in ${typo.file}:${typo.line} and recreate the container so AuthPlane starts with issuer ${typo.value}.` } : {}),
        explanation: `Discovery (${adv.doc.file}) advertises issuer ${JSON.stringify(adv.value)} but AuthPlane is configured with ${JSON.stringify(c.value)} (${c.from}): ${why}. Every token carries the advertised value as iss, so resource servers configured with the other one reject them all.`,
        evidence,
      };
      return;
    }
  },
});
