// AP0502: a token in the bundle has an empty aud or one that names none of the advertised resources (RS1, G2).
import { DOCS } from '../docs.ts';
import { tokenEvidence } from '../evidence.ts';
import { documentEvidence } from '../evidence.ts';
import { fmtList, plural } from '../support-b/format.ts';
import { accessTokens, advertisedResources } from '../support-b/prm.ts';
import { tokenAudiences } from '../token-check/index.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'AP0502', cause: 'audience-mismatch', step: 5, severity: 'error',
  title: 'Access token in the bundle is not minted for the advertised resource',
  fix: 'Have the client send resource=<the PRM resource URI> on /oauth/authorize and /oauth/token (RFC 8707), byte for byte; an empty aud means the client omitted resource (e.g. anthropics/claude-code#10572). AUTHPLANE_OAUTH_REQUIRE_SCOPE does not affect audience.',
  docs: DOCS.debugging401s,
  needs: ['tokens'],
  *check(model) {
    const resources = advertisedResources(model);
    const names = resources.map((r) => r.resource);
    const empty = [];
    const wrong = [];
    for (const t of accessTokens(model)) {
      const auds = tokenAudiences(t.claims);
      if (auds.length === 0) empty.push(t);
      else if (names.length > 0 && !auds.some((a) => names.includes(a))) wrong.push(t);
    }
    const n = empty.length + wrong.length;
    if (n === 0) return;
    const slash = wrong.some((t) => tokenAudiences(t.claims).some((a) => names.some((r) => r.replace(/\/$/, '') === a.replace(/\/$/, ''))));
    const parts = [];
    if (empty.length) parts.push(`${plural(empty.length, 'access token')} with no aud at all: the client did not send resource=, so the MCP server cannot accept ${empty.length === 1 ? 'it' : 'them'}`);
    if (wrong.length) {
      const auds = [...new Set(wrong.flatMap((t) => tokenAudiences(t.claims)))];
      parts.push(`${plural(wrong.length, 'access token')} for ${fmtList(auds)} while the MCP server advertises ${fmtList(names)}${slash ? ' (only a trailing slash differs: audiences compare byte for byte)' : ''}`);
    }
    yield {
      severity: n >= 2 ? 'error' : 'warning',
      confidence: n >= 2 ? 0.8 : 0.6,
      explanation: `The bundle holds ${parts.join('; and ')}.`,
      evidence: [...[...empty, ...wrong].slice(0, 10).map((t) => tokenEvidence(t)), ...resources.slice(0, 2).map((r) => documentEvidence(r.doc, `PRM resource=${r.resource}`, ['resource']))],
      affected: n,
    };
  },
});
