// AP0601: the MCP server serves requests but nothing verifies tokens (middleware missing or after the handlers).
import type { Model } from '../../correlate/index.ts';
import type { DocumentRecord, LogRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { exchangePath, headerValue, isAuthplaneExchange } from '../support-b/http.ts';
import { accessOf, logText, MCP_SIDE } from '../support-b/logs.ts';
import { VERIFIER_RE } from '../support-b/verifier.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

/** Lines that prove the SDK looked at a token: the host app's `verified`, SDK success/failure lines, any verifier error. */
const VERIFY_MSG = /^verified$|token validated successfully|token verified successfully|token verification failed|token_verification_failed|bearer auth|^verifier: |kid not found in jwks|not in jwks cache/i;
const ANY_REJECTION = new RegExp(Object.values(VERIFIER_RE).map((r) => r.source).join('|'), 'i');

function isServedRequest(r: LogRecord): boolean {
  const a = accessOf(r);
  if (a) return a.status < 400 && !a.path.startsWith('/.well-known/');
  return /tools\/call|tools\/list|^(handled|handling) (request|tool)/i.test(r.msg) || r.attrs.method === 'tools/call';
}

function isAuthRejection(r: LogRecord): boolean {
  const status = accessOf(r)?.status;
  return status === 401 || status === 403;
}

function unauthenticatedSuccesses(model: Model): DocumentRecord[] {
  return model.documents.exchanges().filter((d) => {
    const s = d.http?.status;
    const path = exchangePath(d) ?? '';
    return s != null && s < 300 && !isAuthplaneExchange(d) && !path.startsWith('/.well-known/')
      && !headerValue(d.http?.requestHeaders, 'authorization') && !headerValue(d.http?.requestHeaders, 'dpop');
  });
}

export default defineRule({
  id: 'AP0601', cause: 'sdk-not-wired', step: 6, severity: 'error',
  title: 'MCP server serves requests without verifying tokens',
  fix: "Wire the SDK into the request path before the tool handlers: Go `authplanehttp.New(res).Middleware()` / `adapter.AuthMiddleware(handler)`, Python `authplane_mcp_auth(...)` passed to FastMCP, TS `auth.bearerAuth` before the MCP route. Then an unauthenticated request must get 401 with WWW-Authenticate, and each verified request should log `msg=\"verified\"`.",
  docs: DOCS.sdkResourceServer,
  needs: ['sdk-logs'],
  *check(model) {
    const mcp = model.logs.where((r) => MCP_SIDE.includes(r.origin));
    const open = unauthenticatedSuccesses(model);
    if (mcp.length === 0 && open.length === 0) return;
    if (mcp.some((r) => VERIFY_MSG.test(r.msg) || isAuthRejection(r) || ANY_REJECTION.test(logText(r)))) return;
    const served = mcp.filter(isServedRequest);
    const answered = lineCount(model, served);
    if (answered < 5 && open.length === 0) return;
    const strong = open.length > 0 || answered >= 20;
    const parts = [];
    if (served.length) parts.push(`the MCP server answered ${plural(answered, 'request')} ${fmtSpan(served.map((r) => r.ts))} without a single verification line (no \`verified\`, no SDK rejection, no 401)`);
    if (open.length) parts.push(`${plural(open.length, 'captured request')} without any Authorization header got ${open[0]!.http!.status}`);
    yield {
      severity: strong ? 'error' : 'warning',
      confidence: open.length ? 0.9 : strong ? 0.75 : 0.5,
      explanation: `${parts.join('; and ')}. The SDK middleware is not in the request path, or runs after the tool handlers${open.length ? '' : ' (Go and Rust SDKs log nothing themselves: confirm with one request without a token, which must get 401)'}.`,
      evidence: [...open.slice(0, 5).map(exchangeEvidence), ...sampleEnds(served, 5, 3).map((r) => logEvidence(r))],
      affected: answered + open.length,
    };
  },
});
