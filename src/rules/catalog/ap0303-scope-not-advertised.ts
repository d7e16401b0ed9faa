// AP0303: a scope the MCP server requires or advertises is not in AuthPlane's scopes_supported (checklist step 3).
import { documentEvidence, logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { goodDocs } from '../support-a/docs.ts';
import { findLogs } from '../support-a/logs.ts';
import { defineRule, type Evidence } from '../types.ts';

// Required-scope wording per SDK (sdk-facts §3.1–3.4): Go, Python/TS, helpers, Rust.
const REQUIRED = [
  /required scope "([^"]+)"/,
  /missing required scope '([^']+)'/i,
  /Missing required scope: (\S+)/,
  /missing required scope \["?([^"\]]+)/,
];

export default defineRule({
  id: 'AP0303', cause: 'scopes-not-advertised', step: 3, severity: 'warning',
  title: 'A scope the MCP server uses is not advertised by AuthPlane',
  fix: 'Add the missing scopes to the resource in AuthPlane (`PATCH /admin/resources/{id}` with `scopes`), or change the MCP server to require only scopes the resource declares.',
  docs: DOCS.checklist,
  needs: ['as-metadata'],
  *check(model) {
    const meta = goodDocs(model, 'as-metadata').find((d) => Array.isArray((d.body as Record<string, unknown>).scopes_supported));
    if (!meta) return;
    const known = new Set(((meta.body as Record<string, unknown>).scopes_supported as unknown[]).filter((s): s is string => typeof s === 'string'));
    if (known.size === 0) return; // AP0301 covers an empty list
    const missing = new Map<string, Evidence>();
    for (const prm of goodDocs(model, 'prm')) {
      const scopes = (prm.body as Record<string, unknown>).scopes_supported;
      if (!Array.isArray(scopes)) continue;
      scopes.forEach((s, i) => {
        if (typeof s === 'string' && !known.has(s) && !missing.has(s)) missing.set(s, documentEvidence(prm, `PRM scopes_supported includes ${JSON.stringify(s)}`, ['scopes_supported', i]));
      });
    }
    const queries = REQUIRED.map((re) => ({ hint: 'scope', re, origins: ['sdk', 'mcp-server', 'other'] as const }));
    let fromSdk = 0;
    for (const r of findLogs(model, queries)) {
      for (const re of REQUIRED) {
        const s = re.exec(r.msg + ' ' + String(r.attrs.error ?? ''))?.[1];
        if (s && !known.has(s) && !missing.has(s)) {
          missing.set(s, logEvidence(r));
          fromSdk++;
        }
      }
    }
    if (missing.size === 0) return;
    const list = [...missing.keys()];
    yield {
      severity: fromSdk > 0 ? 'error' : 'warning',
      confidence: fromSdk > 0 ? 0.8 : 0.65,
      explanation: `The MCP server ${fromSdk > 0 ? 'requires' : 'advertises'} ${list.map((s) => JSON.stringify(s)).join(', ')}, but AuthPlane's scopes_supported is ${JSON.stringify([...known])}: clients cannot obtain ${list.length === 1 ? 'that scope' : 'those scopes'} (AuthPlane answers invalid_scope), so the tools needing ${list.length === 1 ? 'it' : 'them'} always fail with insufficient_scope.`,
      evidence: [documentEvidence(meta, `scopes_supported: ${JSON.stringify([...known])}`, ['scopes_supported']), ...missing.values()].slice(0, 12),
    };
  },
});
