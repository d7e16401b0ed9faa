// What each rule `need` means in terms of the Model, and what to collect when the bundle lacks it.
import type { Model } from '../correlate/index.ts';
import { isAuthplaneExchange } from './support-b/http.ts';
import type { Need } from './types.ts';

interface NeedSpec {
  present(model: Model): boolean;
  /** What to add to the bundle: a concrete command. */
  collect: string;
  /** Short noun for notes ("no JWKS in the bundle"). */
  label: string;
}

const has = (model: Model, ...kinds: Parameters<Model['documents']['ofKind']>[0][]) => kinds.some((k) => model.documents.ofKind(k).length > 0);

/**
 * Like `has`, but a captured fetch counts only when it succeeded: a refused or 404 discovery
 * fetch shows that discovery failed (a rule says so), not that the step could be checked.
 */
const hasServed = (model: Model, ...kinds: Parameters<Model['documents']['ofKind']>[0][]) => kinds.some((k) => model.documents.ofKind(k).some((d) => {
  if (d.docKind !== 'http-exchange') return true;
  const status = d.http?.status;
  return !d.http?.error && status != null && status >= 200 && status < 300 && d.body != null;
}));
const origins = (model: Model, ...o: string[]) => model.logs.sources().some((s) => o.includes(s.origin));

/** Every need with its check and its collection hint. */
export const NEEDS: Record<Need, NeedSpec> = {
  logs: {
    present: (m) => m.logs.total > 0,
    label: 'no logs',
    collect: 'add the AuthPlane logs: `kubectl logs -l app=authplane --timestamps --prefix`, `journalctl -u authserver -o json`, or `docker logs --timestamps authserver`',
  },
  'server-logs': {
    present: (m) => origins(m, 'authserver'),
    label: 'no AuthPlane server logs',
    collect: 'add the AuthPlane server logs: `kubectl logs -l app=authplane --timestamps --prefix`, `journalctl -u authserver -o json`, or `docker logs --timestamps authserver`',
  },
  'sdk-logs': {
    present: (m) => origins(m, 'sdk', 'mcp-server'),
    label: 'no MCP server logs',
    collect: "add the MCP server's logs (for Python, with the `authplane` loggers at DEBUG and a structured formatter, so verifier errors are visible)",
  },
  metrics: {
    present: (m) => m.metrics.snapshots().length > 0,
    label: 'no /metrics snapshot',
    collect: 'add `curl -s http://localhost:9001/metrics > metrics-1.prom` (the admin port)',
  },
  'metrics-2': {
    present: (m) => {
      const per = new Map<string, number>();
      for (const s of m.metrics.snapshots()) per.set(s.instance, (per.get(s.instance) ?? 0) + 1);
      return [...per.values()].some((n) => n >= 2);
    },
    label: 'fewer than two /metrics snapshots of one server',
    collect: 'add two `curl -s http://localhost:9001/metrics` snapshots a few minutes apart (metrics-1.prom, metrics-2.prom)',
  },
  audit: {
    present: (m) => m.audit.hasDump || m.audit.count() > 0,
    label: 'no audit trail',
    collect: "add `curl -s -H \"Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY\" 'http://localhost:9001/admin/audit?limit=1000' > audit.json`",
  },
  health: {
    present: (m) => has(m, 'health', 'ready', 'livez'),
    label: 'no /health response',
    collect: 'add `curl -si http://localhost:9000/health > health.txt`',
  },
  'as-metadata': {
    present: (m) => hasServed(m, 'as-metadata', 'openid-configuration'),
    label: 'no AS metadata (discovery)',
    collect: 'add `curl -si http://localhost:9000/.well-known/oauth-authorization-server > as-metadata.txt`',
  },
  jwks: {
    present: (m) => hasServed(m, 'jwks'),
    label: 'no JWKS',
    collect: 'add `curl -s http://localhost:9000/.well-known/jwks.json > jwks.json`',
  },
  prm: {
    present: (m) => hasServed(m, 'prm'),
    label: 'no Protected Resource Metadata',
    collect: 'add `curl -si https://<mcp-server>/.well-known/oauth-protected-resource/<resource path> > prm.txt`',
  },
  config: {
    present: (m) => m.config.present,
    label: 'no configuration',
    collect: 'add the redacted config.yaml and the environment (`env | grep ^AUTHPLANE_ > authplane.env`, secrets removed)',
  },
  tokens: {
    present: (m) => m.tokens.some((t) => t.use !== 'dpop-proof'),
    label: 'no access token',
    collect: 'add a failing access token as token.jwt (forensic never prints it; or check it alone with `forensic token token.jwt --bundle <bundle>`)',
  },
  'mcp-exchanges': {
    // A request to an MCP server that got an answer: a health check or a refused connection says
    // nothing about whether the SDK reads the token (step 6).
    present: (m) => m.documents.exchanges().some((d) => d.http?.status != null && !d.http.error && !isAuthplaneExchange(d)),
    label: 'no answered request to an MCP server',
    collect: 'add a request to the MCP server captured with `curl -si https://<mcp-server>/mcp` (status line, WWW-Authenticate header and body)',
  },
  exchanges: {
    present: (m) => m.documents.exchanges().length > 0,
    label: 'no captured HTTP exchange',
    collect: 'add the failing request captured with `curl -si` (status line, WWW-Authenticate header and body)',
  },
};

/** The needs of `needs` that the model does not satisfy. */
export function missingNeeds(model: Model, needs: readonly Need[], cache?: Map<Need, boolean>): Need[] {
  return needs.filter((n) => {
    let ok = cache?.get(n);
    if (ok === undefined) {
      ok = NEEDS[n].present(model);
      cache?.set(n, ok);
    }
    return !ok;
  });
}
