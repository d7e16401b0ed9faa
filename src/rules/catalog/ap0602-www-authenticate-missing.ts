// AP0602: the MCP server's 401 lacks `resource_metadata` in WWW-Authenticate, so MCP clients loop (RS7).
import { DOCS } from '../docs.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { plural } from '../support-b/format.ts';
import { headerValue, isAuthplaneExchange } from '../support-b/http.ts';
import { defineRule } from '../types.ts';

// AuthPlane's own 401s (`Basic realm="authserver"`, `Bearer realm="admin"`) are not MCP-server challenges.
const AUTHPLANE_REALM = /realm="(authserver|admin)"/;

export default defineRule({
  id: 'AP0602', cause: 'www-authenticate-missing', step: 6, severity: 'error',
  title: 'MCP server 401 carries no resource_metadata',
  fix: 'Answer every 401 with `WWW-Authenticate: Bearer error="invalid_token", resource_metadata="<rs>/.well-known/oauth-protected-resource<path>"` (the SDK adapters do this: use their middleware instead of a hand-written 401) and serve the PRM at that URL.',
  docs: DOCS.debugging401s,
  needs: ['exchanges'],
  *check(model) {
    const bad = model.documents.exchanges().filter((d) => {
      if (d.http?.status !== 401 || isAuthplaneExchange(d)) return false;
      const www = headerValue(d.http.responseHeaders, 'www-authenticate') ?? '';
      return !AUTHPLANE_REALM.test(www) && !/resource_metadata\s*=/i.test(www);
    });
    if (bad.length === 0) return;
    const bare = bad.filter((d) => !headerValue(d.http?.responseHeaders, 'www-authenticate')).length;
    yield {
      severity: 'error',
      confidence: bad.length >= 2 ? 0.9 : 0.75,
      explanation: `${plural(bad.length, 'captured 401')} from the MCP server ${bad.length === 1 ? 'has' : 'have'} ${bare === bad.length ? 'no WWW-Authenticate header at all' : 'a WWW-Authenticate header without resource_metadata'}: MCP clients cannot discover the PRM and AuthPlane, so they retry without a token and loop on 401.`,
      evidence: bad.slice(0, 10).map(exchangeEvidence),
      affected: bad.length,
    };
  },
});
