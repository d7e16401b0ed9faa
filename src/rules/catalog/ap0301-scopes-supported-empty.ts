// AP0301: AS metadata advertises no scopes: no resource registered, or none declares scopes (checklist step 3).
import { documentEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { goodDocs } from '../support-a/docs.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0301', cause: 'scopes-not-advertised', step: 3, severity: 'error',
  title: 'AuthPlane metadata advertises no scopes',
  fix: 'Register the MCP server as a resource with its scopes, or add the scopes to the existing one: `authserver admin resource list`, then `PATCH /admin/resources/{id}` with `scopes`.',
  docs: DOCS.checklist,
  needs: ['as-metadata'],
  *check(model) {
    for (const kind of ['as-metadata', 'openid-configuration'] as const) {
      for (const d of goodDocs(model, kind)) {
        const body = d.body as Record<string, unknown>;
        if (typeof body.issuer !== 'string') continue;
        const scopes = body.scopes_supported;
        if (Array.isArray(scopes) && scopes.length > 0) continue;
        yield {
          confidence: 0.85,
          explanation: `The AuthPlane metadata (${d.file}) ${Array.isArray(scopes) ? 'has an empty scopes_supported' : 'has no scopes_supported'}: no resource is registered, or none declares scopes. MCP clients cannot request a usable scope, and authorize requests for those resources are denied.`,
          evidence: [documentEvidence(d, `scopes_supported: ${JSON.stringify(scopes ?? null)}`, ['scopes_supported'])],
        };
        return;
      }
    }
  },
});
