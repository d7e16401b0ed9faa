// AP0208: PRM `authorization_servers` is empty or does not name AuthPlane's issuer (checklist step 2).
import { documentEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { advertisedIssuers, configuredIssuers, goodDocs, issuerDiff } from '../support-a/docs.ts';
import { defineRule, type FindingDraft } from '../types.ts';

export default defineRule({
  id: 'AP0208', cause: 'prm-authorization-servers', step: 2, severity: 'error',
  title: 'Protected Resource Metadata does not point at AuthPlane',
  fix: "Pass the SDK AuthPlane's issuer exactly as discovery advertises it (`curl -s http://localhost:9000/.well-known/oauth-authorization-server | jq -r .issuer`); the SDK copies it into authorization_servers.",
  docs: DOCS.connectMcpServer,
  needs: ['prm'],
  // When AuthPlane itself advertises the wrong issuer, the PRM is right and AP0201 is the cause.
  consequenceOf: ['issuer-mismatch'],
  *check(model) {
    const issuers = [...new Set([...advertisedIssuers(model).map((a) => a.value), ...configuredIssuers(model).map((c) => c.value)])];
    // Copies of one PRM (a capture and discovery/…json) that say the same thing are one finding, citing each copy.
    const findings = new Map<string, FindingDraft>();
    for (const d of goodDocs(model, 'prm')) {
      const body = d.body as Record<string, unknown>;
      const servers = Array.isArray(body.authorization_servers) ? body.authorization_servers.filter((s): s is string => typeof s === 'string' && s !== '') : [];
      const resource = typeof body.resource === 'string' ? body.resource : '?';
      const cite = documentEvidence(d, `authorization_servers: ${JSON.stringify(servers.length ? servers : (body.authorization_servers ?? null))}`, ['authorization_servers']);
      const key = JSON.stringify([resource, servers]);
      const seen = findings.get(key);
      if (seen) {
        seen.evidence.push(cite);
        continue;
      }
      if (servers.length === 0) {
        findings.set(key, {
          confidence: 0.9,
          explanation: `The Protected Resource Metadata of ${resource} lists no authorization_servers: MCP clients cannot find AuthPlane, so the SDK was given an empty or wrong issuer.`,
          evidence: [cite],
        });
        continue;
      }
      if (issuers.length === 0) continue; // nothing to compare with
      const kinds = servers.flatMap((s) => issuers.map((i) => issuerDiff(s, i)));
      if (kinds.includes('same')) continue;
      const slash = kinds.includes('trailing-slash');
      findings.set(key, {
        confidence: slash ? 0.8 : 0.9,
        explanation: `The Protected Resource Metadata of ${resource} names ${JSON.stringify(servers)} as authorization server, but AuthPlane's issuer is ${JSON.stringify(issuers[0])}${slash ? ': they differ only by a trailing slash (older Python adapters added one through pydantic URLs; upgrade the adapter)' : ''}. MCP clients fetch discovery from the PRM value and then reject an issuer that does not match it.`,
        evidence: [cite],
      });
    }
    yield* findings.values();
  },
});
