// AP0207: the MCP server's Protected Resource Metadata answers 404: the SDK's PRM handler is not mounted (checklist step 2).
import { documentEvidence, logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { describeExchange, pathOf, responseHeader } from '../support-a/docs.ts';
import { prmHint } from '../support-a/sdk.ts';
import { plural } from '../support-a/text.ts';
import { lineCount } from '../support/line-count.ts';
import { defineRule, type Evidence } from '../types.ts';

const PRM_PATH = /^\/\.well-known\/oauth-protected-resource(\/.*)?$/;
const RESOURCE_METADATA = /resource_metadata="?([^",\s]+)/;

export default defineRule({
  id: 'AP0207', cause: 'prm-missing', step: 2, severity: 'error',
  title: 'The MCP server does not serve its Protected Resource Metadata',
  fix: "Mount the SDK's PRM handler at `/.well-known/oauth-protected-resource` + the resource path (e.g. `/.well-known/oauth-protected-resource/mcp` for `https://host/mcp`), then check with `curl -s https://<mcp-server>/.well-known/oauth-protected-resource/<path>`.",
  docs: DOCS.connectMcpServer,
  needs: ['prm'],
  *check(model) {
    const evidence: Evidence[] = [];
    const urls: string[] = [];
    for (const d of model.documents.exchanges()) {
      const path = pathOf(d) ?? '';
      if (!PRM_PATH.test(path) || d.http?.status !== 404) continue;
      evidence.push(documentEvidence(d, describeExchange(d)));
      urls.push(d.http?.url ?? path);
    }
    const lines = model.logs.where((r) => r.origin !== 'authserver' && PRM_PATH.test(String(r.attrs.path ?? '')) && Number(r.attrs.status) === 404);
    evidence.push(...lines.slice(0, 5).map((r) => logEvidence(r)));
    if (evidence.length === 0) return;
    // Every 404 counts, not only the lines shown as evidence.
    const fetches = urls.length + lineCount(model, lines);
    // A 401 that advertises this very URL in resource_metadata proves the server points clients at a missing document.
    const advertised = model.documents.exchanges().map((d) => RESOURCE_METADATA.exec(responseHeader(d, 'www-authenticate') ?? '')?.[1]).filter((u): u is string => Boolean(u));
    const selfReferenced = advertised.some((u) => urls.includes(u));
    const rootOnly = urls.length > 0 && urls.every((u) => /oauth-protected-resource\/?$/.test(u));
    const notes: string[] = [];
    if (selfReferenced) notes.push("the MCP server's own 401 responses advertise this URL in resource_metadata, so clients follow it and stop");
    if (rootOnly) notes.push('SDKs serve PRM at the path-qualified URL (`/.well-known/oauth-protected-resource/<resource path>`), so also try that one before concluding');
    yield {
      confidence: selfReferenced ? 0.95 : rootOnly ? 0.7 : 0.85,
      explanation: `${plural(fetches, 'fetch', 'fetches')} of the Protected Resource Metadata got 404${notes.length ? `; ${notes.join('; ')}` : ''}. Without PRM, MCP clients cannot discover which authorization server to use and never obtain a token.`,
      fix: `Mount the PRM handler: ${prmHint(model)}. Check with \`curl -s https://<mcp-server>/.well-known/oauth-protected-resource/<path>\`.`,
      evidence,
      affected: fetches,
    };
  },
});
