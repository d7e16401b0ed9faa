// SDK hints shared by the step 0–4 rules: which AuthPlane SDK the MCP server seems to use, and how it serves PRM.
import type { Model } from '../../correlate/index.ts';

export type SdkLang = 'go' | 'python' | 'ts' | 'java';

const BY_FORMAT: Record<string, SdkLang> = { python: 'python', 'ts-console': 'ts', 'java-jul': 'java', 'go-log': 'go', 'slog-text': 'go', 'slog-json': 'go' };

/** SDK languages seen in the bundle's SDK / MCP-server log formats (empty when unknown). */
export function sdkLanguages(model: Model): SdkLang[] {
  const out = new Set<SdkLang>();
  for (const s of model.logs.sources()) {
    if (s.origin !== 'sdk' && s.origin !== 'mcp-server') continue;
    for (const f of s.formats) {
      const lang = BY_FORMAT[f];
      if (lang) out.add(lang);
    }
  }
  return [...out];
}

/** How each SDK serves Protected Resource Metadata (sdk-facts §4.1/4.2). */
export const PRM_MOUNT: Record<SdkLang, string> = {
  go: 'Go: `http.Handle(adapter.WellKnownPRMPath(), adapter.ProtectedResourceMetadataHandler())` (the http adapter: `PRMHandler()`)',
  python: 'Python: the authplane_mcp / authplane_fastmcp adapters let the MCP SDK serve it, so pass their settings to the server (`FastMCP(..., **authplane_mcp_auth(...))`, or `auth=authplane_auth(...)` for FastMCP)',
  ts: 'TypeScript: mount `protectedResourceMetadataHandler` at `protectedResourceMetadataPath` (@authplane/mcp, Express) or use the hono/nestjs/fastmcp integration',
  java: 'Java: register `PrmServlet` at `AuthplaneResource.prmPath()` (Spring: `authplane.resource-metadata-url`)',
};

/** The PRM mounting hint for the SDKs seen (all of them when unknown). */
export function prmHint(model: Model): string {
  const langs = sdkLanguages(model);
  const list = (langs.length ? langs : (['go', 'python', 'ts', 'java'] as SdkLang[])).map((l) => PRM_MOUNT[l]);
  return list.join('; ');
}
