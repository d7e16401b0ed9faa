// AP0601: the MCP server serves requests but nothing verifies tokens (middleware missing or after the handlers).
import type { Model } from '../../correlate/index.ts';
import type { DocumentRecord, LogRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtSpan, plural } from '../support-b/format.ts';
import { exchangePath, headerValue, isAuthplaneExchange } from '../support-b/http.ts';
import { accessOf, MCP_SIDE } from '../support-b/logs.ts';
import { verifierLogs, VERIFIER_RE, type VerifierKind } from '../support-b/verifier.ts';
import { defineRule } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

/** Lines that prove the SDK looked at a token: the host app's `verified`, SDK success/failure lines, any verifier error. */
const VERIFY_MSG = /^verified$|token validated successfully|token verified successfully|token verification failed|token_verification_failed|bearer auth|^verifier: |kid not found in jwks|not in jwks cache/i;
const KINDS = Object.keys(VERIFIER_RE) as VerifierKind[];

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
    // Any sign that something verifies tokens. A rejection counts only as the verifier matching sees it
    // (SDK signature or a 401/403), not a tool's upstream `insufficient_scope`.
    if (mcp.some((r) => VERIFY_MSG.test(r.msg) || isAuthRejection(r)) || KINDS.some((k) => verifierLogs(model, k).length > 0)) return;
    const served = mcp.filter(isServedRequest);
    const answered = lineCount(model, served);
    if (answered < 5 && open.length === 0) return;
    const evidence = [...open.slice(0, 5).map(exchangeEvidence), ...sampleEnds(served, 5, 3).map((r) => logEvidence(r))];
    const quiet = `The MCP server answered ${plural(answered, 'request')} ${fmtSpan(served.map((r) => r.ts))} without a single verification line (no \`verified\`, no SDK rejection, no 401)`;
    if (open.length === 0) {
      // Silence is what a healthy server looks like: the Go, Rust and C# core SDKs log nothing, TS never
      // logs a success and Python only at DEBUG (sdk-facts §1.1–1.4). Only a request without a token
      // that got through shows the middleware is missing.
      yield {
        severity: 'info',
        confidence: answered >= 20 ? 0.3 : 0.2,
        explanation: `${quiet}. Most AuthPlane SDKs log nothing when a token verifies (Go, Rust and C# core never log, TS never logs a success, Python only at DEBUG), so this alone does not show that the SDK is missing: send one request without a token, which must get 401 with WWW-Authenticate, and add that capture to the bundle.`,
        evidence,
        affected: answered,
      };
      return;
    }
    const parts = [];
    if (served.length) parts.push(quiet);
    parts.push(`${plural(open.length, 'captured request')} without any Authorization header got ${open[0]!.http!.status}`);
    yield {
      severity: 'error',
      confidence: 0.9,
      explanation: `${parts.join('; and ')}. The SDK middleware is not in the request path, or runs after the tool handlers.`,
      evidence,
      affected: answered + open.length,
    };
  },
});
