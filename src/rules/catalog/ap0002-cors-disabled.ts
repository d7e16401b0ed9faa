// AP0002: CORS disabled (server.allowed_origins empty): browser-based MCP clients fail preflight (reference L9).
import { logEvidence } from '../evidence.ts';
import { DOCS } from '../docs.ts';
import { plural, timeSpan } from '../support-a/text.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

export default defineRule({
  id: 'AP0002', cause: 'cors-disabled', step: 0, severity: 'warning',
  title: 'CORS is disabled so browser MCP clients fail preflight',
  fix: 'Set AUTHPLANE_SERVER_ALLOWED_ORIGINS (server.allowed_origins) to the origins of your browser-based MCP clients, e.g. `https://inspector.example.com`, and restart.',
  docs: DOCS.envVars,
  needs: ['server-logs'],
  *check(model) {
    const warned = model.logs.withMessage(/^CORS is disabled/);
    if (warned.length === 0) return;
    // Preflights that reached AuthPlane and were refused show the setting actually hurts someone.
    const preflights = model.logs.where((r) => r.msg === 'http request' && r.attrs.method === 'OPTIONS' && Number(r.attrs.status) >= 400);
    if (preflights.length === 0) {
      yield {
        severity: 'info', confidence: 0.4,
        explanation: 'AuthPlane runs with CORS disabled (server.allowed_origins is empty). Command-line and desktop MCP clients are unaffected, but browser-based clients such as MCP Inspector will fail the CORS preflight.',
        evidence: [logEvidence(warned[0]!)],
        since: warned[0]!.ts,
      };
      return;
    }
    const refused = lineCount(model, preflights);
    yield {
      confidence: refused >= 3 ? 0.85 : 0.6,
      explanation: `CORS is disabled (server.allowed_origins is empty) and ${plural(refused, 'browser preflight (OPTIONS) request')} ${timeSpan(preflights)} were refused: browser-based MCP clients cannot complete the OAuth flow.`,
      evidence: [logEvidence(warned[0]!), ...preflights.slice(0, 10).map((r) => logEvidence(r))],
      affected: refused,
      since: preflights[0]!.ts,
    };
  },
});
