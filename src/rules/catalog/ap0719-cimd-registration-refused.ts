// AP0719: MCP clients that identify themselves with a client metadata document URL (CIMD) are refused at
// /oauth/authorize (reference G12): the DCR policy or a disabled grant blocks the auto-registration, or the
// document cannot be fetched or is invalid. Each refusal is one WARN line (`cimd auto-registration blocked …`
// in the CIMD service, `cimd auto-registration failed` in authorize) naming the client_id URL.
import type { LogRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { logEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { attr, earliest, logsWithMsg, traceIds } from '../support-b/logs.ts';
import { defineRule } from '../types.ts';
import { lineCount, lineTally } from '../support/line-count.ts';

/** The env var that turns each optional grant on (`grantTypeEnvVars` in internal/domain/client), for the disabled-grant case. */
const GRANT_KEYS: Record<string, string> = {
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'AUTHPLANE_XAA_ENABLED=true',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'AUTHPLANE_TOKEN_EXCHANGE_ENABLED=true',
  client_credentials: 'AUTHPLANE_CLIENT_CREDENTIALS_ENABLED=true',
};

/** The grant_types attribute: a JSON array, or slog text's `[a b]`. */
function grantsOf(r: LogRecord): string[] {
  const v = r.attrs.grant_types;
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' ? v.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean) : [];
}

const FAILED = 'cimd auto-registration failed';

/** Each log message of the CIMD refusal (cimd.go, authorize.go), what it means and its fix. */
const CASES: { msg: string; what: (rs: LogRecord[]) => string; fix: (rs: LogRecord[]) => string }[] = [
  {
    msg: 'cimd auto-registration blocked by DCR admin_only mode',
    what: () => 'dcr.mode is admin_only, which blocks CIMD auto-registration too',
    fix: () => 'pre-register the clients you trust with `POST /admin/clients`, or change the mode (`authserver admin dcr set --mode …`)',
  },
  {
    msg: 'cimd auto-registration blocked by disabled grant',
    what: (rs) => {
      const off = [...new Set(rs.flatMap(grantsOf))].filter((g) => GRANT_KEYS[g]);
      return `the client's metadata document lists a grant this server has disabled${off.length ? ` (${fmtList(off)})` : ''}, and AuthPlane refuses the whole client rather than registering it with the grants it supports`;
    },
    fix: (rs) => {
      const keys = [...new Set(rs.flatMap(grantsOf).map((g) => GRANT_KEYS[g]).filter((k): k is string => k !== undefined))];
      return `enable the grant the document asks for${keys.length ? ` (${fmtList(keys)})` : ''}, or have the client publish a document without it`;
    },
  },
  {
    msg: 'cimd auto-registration blocked by DCR approved_redirects',
    what: (rs) => {
      const uris = [...new Set(rs.map((r) => attr(r, 'rejected_uri')).filter((u): u is string => u !== undefined))];
      return `dcr.mode is approved_redirects and the document's redirect_uri${uris.length ? ` ${fmtList(uris)}` : ''} is not on the approved list`;
    },
    fix: () => 'add the redirect URI to the DCR approved redirects (exact match), or pre-register the client with `POST /admin/clients`',
  },
  {
    msg: 'cimd auto-registration blocked: disabled by config provider',
    what: () => 'CIMD is disabled in the configuration',
    fix: () => 'set cimd.enabled=true (AUTHPLANE_CIMD_ENABLED=true)',
  },
  {
    msg: 'cimd auto-registration blocked by unknown DCR mode',
    what: (rs) => `the DCR mode${attr(rs[0]!, 'mode') ? ` "${attr(rs[0]!, 'mode')}"` : ''} is not one AuthPlane knows, so it fails closed`,
    fix: () => 'set a valid mode: `authserver admin dcr set --mode open|approved_redirects|admin_only`',
  },
  {
    msg: FAILED,
    what: (rs) => {
      const err = attr(rs[0]!, 'error');
      return `AuthPlane could not fetch or accept the client metadata document${err ? ` (${JSON.stringify(err.slice(0, 160))})` : ''}`;
    },
    fix: () => 'serve the client metadata document over HTTPS from a public address (cimd.require_https, cimd.allow_private_addresses=false), answering within cimd.fetch_timeout (10 s) with JSON holding client_id, redirect_uris and client_name; since 0.2.0 a client_id URL must have a path, not only an origin',
  },
];

export default defineRule({
  id: 'AP0719', cause: 'cimd-registration-refused', step: 7, severity: 'error',
  title: 'MCP clients using a client metadata document (CIMD) are refused',
  fix: 'Read the reason in the `cimd auto-registration …` line: with dcr.mode admin_only or approved_redirects, pre-register the client (`POST /admin/clients`) or adjust the DCR policy; with a disabled grant, enable the grant the document lists (jwt-bearer needs AUTHPLANE_XAA_ENABLED=true); when the fetch failed, serve the document over HTTPS from a public address within 10 s with client_id, redirect_uris and client_name.',
  docs: DOCS.errorCodes,
  needs: ['server-logs'],
  *check(model) {
    const logs = logsWithMsg(model, CASES.map((c) => c.msg)).filter((r) => r.origin === 'authserver');
    if (logs.length === 0) return;
    // authorize logs `cimd auto-registration failed` for every refusal, after the CIMD service's own
    // `blocked …` line with the reason: pair them by request so one refusal counts once.
    const failed = logs.filter((r) => r.msg === FAILED);
    const blocked = logs.filter((r) => r.msg !== FAILED);
    const blockedIds = new Set(blocked.map((r) => r.requestId).filter(Boolean));
    const failedIds = new Set(failed.map((r) => r.requestId).filter(Boolean));
    const unpairedBlocked = blocked.filter((r) => !r.requestId || !failedIds.has(r.requestId));
    const unpairedFailed = failed.filter((r) => (r.requestId ? !blockedIds.has(r.requestId) : blocked.length === 0));
    const refusals = [...failed, ...unpairedBlocked.filter((r) => r.requestId)];
    const n = Math.max(lineCount(model, refusals), lineCount(model, blocked));
    const present = CASES.map((c) => ({ c, rs: c.msg === FAILED ? unpairedFailed : blocked.filter((r) => r.msg === c.msg) })).filter((x) => x.rs.length > 0);
    const clients = lineTally(model, failed.length ? refusals : blocked, (r) => attr(r, 'client_id'));
    // A policy may refuse unknown clients on purpose; the same client refused again and again is one that cannot connect.
    const repeated = clients.some(([, k]) => k >= 3);
    yield {
      severity: repeated ? 'error' : n >= 2 ? 'warning' : 'info',
      confidence: strength(n, 5, 0.45, 0.9),
      explanation: `${plural(n, 'authorization request')} ${fmtSpan(logs.map((r) => r.ts))} from a CIMD client${clients.length ? ` (${fmtList(clients.map(([c, k]) => `${c} ×${k}`))})` : ''} ${n === 1 ? 'was' : 'were'} refused before the client was registered: ${present.map((x) => x.c.what(x.rs)).join('; ')}. The authorization fails before any login, so the MCP client cannot connect.`,
      fix: `${present.map((x) => x.c.fix(x.rs)).join('; ')}.`.replace(/^./, (ch) => ch.toUpperCase()),
      evidence: sampleEnds(logs, 6, 3).map((r) => logEvidence(r)),
      affected: n,
      traces: traceIds(logs),
      since: earliest(logs),
    };
  },
});
