// AP0203: discovery or JWKS fetched from the wrong place: 404 at the admin port 9001 or a wrong URL (checklist step 2 trap).
import type { LogRecord } from '../../ingest/index.ts';
import { documentEvidence, logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { configuredIssuers, describeExchange, pathOf, portOf } from '../support-a/docs.ts';
import { findLogs } from '../support-a/logs.ts';
import { patternConfidence, plural } from '../support-a/text.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const DISCOVERY = /^\/\.well-known\/(oauth-authorization-server|openid-configuration|jwks\.json)\/?$/;
const SDK_404 = /(returned HTTP 404|HTTP 404 from|status(?: code)?:? 404|404 Not Found)/i;
const SDK_DISCOVERY = /metadata: discovery failed \(tried RFC 8414 and OIDC\)/;

export default defineRule({
  id: 'AP0203', cause: 'discovery-not-found', step: 2, severity: 'error',
  title: 'Discovery or JWKS was requested at the wrong address',
  fix: 'Fetch discovery and JWKS from the public port: `curl -s http://localhost:9000/.well-known/oauth-authorization-server` and `…/.well-known/jwks.json` (port 9001 is the admin API and has no discovery); point the SDK issuer at the public URL.',
  docs: DOCS.checklist,
  needs: ['as-metadata'],
  *check(model) {
    const evidence: Evidence[] = [];
    const reasons: string[] = [];
    let admin = 0;
    let strong = false;
    let requests = 0;
    for (const d of model.documents.exchanges()) {
      const path = pathOf(d) ?? '';
      if (!DISCOVERY.test(path) || d.http?.status !== 404) continue;
      const onAdmin = portOf(d) === 9001;
      if (onAdmin) admin++;
      strong = true;
      requests++;
      evidence.push(documentEvidence(d, describeExchange(d)));
      reasons.push(`${describeExchange(d)}${onAdmin ? ' (the admin port)' : ''}`);
    }
    // The admin server's own access log: discovery paths asked on :9001.
    const adminLines = model.logs.where((r) => r.msg === 'http request' && r.component === 'admin-http' && DISCOVERY.test(String(r.attrs.path ?? '')) && Number(r.attrs.status) === 404);
    if (adminLines.length > 0) {
      const asked = lineCount(model, adminLines);
      admin += asked;
      requests += asked;
      reasons.push(`${plural(asked, 'discovery request')} reached the admin server (port 9001) and got 404`);
      evidence.push(...adminLines.slice(0, 5).map((r) => logEvidence(r)));
    }
    const sdk: LogRecord[] = findLogs(model, [
      { hint: '404', re: SDK_404, origins: ['sdk', 'mcp-server'] },
      { hint: 'discovery failed', re: SDK_DISCOVERY, origins: ['sdk', 'mcp-server'] },
    ]).filter((r) => /well-known|jwks|metadata|discovery/i.test(r.msg + JSON.stringify(r.attrs)));
    const sdkFailures = lineCount(model, sdk);
    requests += sdkFailures;
    if (sdk.length > 0) {
      reasons.push(`the MCP server's SDK failed discovery ${plural(sdkFailures, 'time')}`);
      evidence.push(...sdk.slice(0, 5).map((r) => logEvidence(r)));
    }
    for (const c of configuredIssuers(model)) {
      if (/:9001(\/|$)/.test(c.value)) {
        admin++;
        strong = true;
        reasons.push(`the issuer itself points at the admin port: ${c.value} (${c.from})`);
        evidence.push({ kind: 'document', file: c.file, line: c.line, excerpt: `issuer ${c.value}` });
      }
    }
    if (reasons.length === 0) return;
    const count = evidence.length;
    yield {
      confidence: strong ? 0.9 : patternConfidence(count, 3, 0.4, 0.85),
      severity: strong || count >= 3 ? 'error' : 'warning',
      explanation: `${reasons.join('; ')}. ${admin > 0 ? 'Discovery lives on the public port 9000, not on the admin port 9001: a 404 there means the wrong port, not a broken server.' : 'A 404 on discovery means the URL is wrong (host, port or path prefix), not that AuthPlane is down.'}`,
      evidence: evidence.slice(0, 15),
      affected: requests || count,
    };
  },
});
