// AP0717: machine clients are refused a client_credentials token (reference G4, G5, G6): a client created
// through dynamic registration or without scopes (invalid_scope), a client whose grant_types lack the grant
// (unauthorized_client), or the grant switched off (unsupported_grant_type "feature client_credentials is
// disabled"). The service logs nothing for a denial: it counts authplane_client_credentials_denied_total{reason}
// and writes a client_credentials.denied row; only the wire text tells the scope cases apart.
import type { DocumentRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { exchangeText, matchExchanges } from '../support-b/http.ts';
import { earliest, tally } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';

/** The denial reasons of G4/G5 (`recordDenied` in client_credentials.go); invalid_client, DPoP and resource refusals have their own causes. */
const REASONS = new Set(['unauthorized_client', 'invalid_scope']);

/** What the client is told, by case (client_credentials.go `scopeDenialError`, handlers.go), and the fix for each. */
const CASES = [
  { key: 'dcr', re: /this client was created through dynamic registration/, what: 'the client was created through dynamic registration, which only issues user-delegated clients', fix: 'create the machine client through the admin API (`POST /admin/clients` with grant_types ["client_credentials"] and its scope) and use that client id' },
  { key: 'no-scopes', re: /(?:the|this) client has no registered scopes/, what: 'the client has no registered scopes', fix: 'grant the client its scopes with `PATCH /admin/clients/{id}`' },
  { key: 'too-broad', re: /the requested scope exceeds the client's registered scopes/, what: "the request asks for more than the client's registered scopes", fix: "request only scopes the client is registered for, or widen them with `PATCH /admin/clients/{id}`" },
  { key: 'grant', re: /client is not authorized for this grant type/, what: "client_credentials is not among the client's grant_types", fix: "add client_credentials to the client's grant_types (`PATCH /admin/clients/{id}`, or register it again through `POST /admin/clients`)" },
  { key: 'disabled', re: /feature client_credentials is disabled/, what: 'the client_credentials grant is disabled on this server', fix: 'set client_credentials.enabled=true (AUTHPLANE_CLIENT_CREDENTIALS_ENABLED=true) and restart; before 0.2.0 it defaulted to off' },
] as const;

/** The generic answer for a reason seen only in rows and counters. */
const BY_REASON: Record<string, (typeof CASES)[number]['key'][]> = { invalid_scope: ['dcr', 'no-scopes', 'too-broad'], unauthorized_client: ['grant'] };

/** The wire texts above are client_credentials-only on a token response, except `grant`, which token exchange shares. */
function caseOf(d: DocumentRecord): (typeof CASES)[number] | undefined {
  const text = exchangeText(d);
  return CASES.find((c) => c.re.test(text));
}

export default defineRule({
  id: 'AP0717', cause: 'client-credentials-denied', step: 7, severity: 'error',
  title: 'Machine clients are refused client_credentials tokens',
  fix: 'Create machine-to-machine clients through the admin API (`POST /admin/clients` with grant_types ["client_credentials"] and a scope): clients from dynamic registration or CIMD are user-delegated and never get one. Grant missing scopes with `PATCH /admin/clients/{id}`, add client_credentials to grant_types for unauthorized_client, and set client_credentials.enabled=true when the grant is disabled.',
  docs: DOCS.errorCodes,
  needs: ['audit'],
  *check(model) {
    const rows = model.audit.where((a) => a.action === 'client_credentials.denied' && REASONS.has(a.detailKv.reason ?? ''));
    const metric = growth(model, 'authplane_client_credentials_denied_total', undefined, (l) => REASONS.has(l.reason ?? ''));
    const metricCount = metric.hasDelta ? metric.delta : 0;
    // Only 4xx token responses; `grant` alone could be a token exchange, so it counts only next to client_credentials evidence.
    const captured = matchExchanges(model, /./, (d) => (d.http?.status ?? 0) === 400 && /\/oauth\/token\b/.test(d.http?.url ?? d.http?.path ?? '/oauth/token'))
      .map((d) => ({ d, c: caseOf(d) })).filter((x): x is { d: DocumentRecord; c: (typeof CASES)[number] } => x.c !== undefined);
    const exchanges = captured.filter((x) => x.c.key !== 'grant' || rows.length > 0 || metricCount > 0);
    const n = Math.max(rows.length, metricCount, exchanges.length);
    if (n === 0) return;

    const reasons = tally([...rows.map((a) => a.detailKv.reason), ...metric.series.filter((s) => s.totalDelta > 0).map((s) => s.labels.reason)]).map(([r]) => r);
    const seenKeys = new Set<string>(exchanges.map((x) => x.c.key));
    // Without a capture the reason narrows the cases; with one, the capture says which.
    for (const r of reasons) if (!exchanges.some((x) => BY_REASON[r]?.includes(x.c.key))) for (const k of BY_REASON[r] ?? []) seenKeys.add(k);
    const cases = CASES.filter((c) => seenKeys.has(c.key));

    const parts: string[] = [];
    if (rows.length) {
      const tallied = tally(rows.map((a) => a.clientId));
      const clients = tallied.map(([c, k]) => (tallied.length > 1 ? `${c} (${k})` : c));
      parts.push(`${plural(rows.length, 'client_credentials request')} ${fmtSpan(rows.map((a) => a.ts))} refused (client_credentials.denied reason=${fmtList([...new Set(rows.map((a) => a.detailKv.reason!))])})${clients.length ? `, from client ${fmtList(clients)}` : ''}`);
    }
    if (metricCount) parts.push(`authplane_client_credentials_denied_total{reason=${reasons.filter((r) => REASONS.has(r)).map((r) => `"${r}"`).join('|')}} ${describeGrowth(metric)}`);
    // The registration row of a denied client says it came through DCR: the G4 case even without a capture.
    const denied = new Set(rows.map((a) => a.clientId).filter(Boolean));
    const registered = denied.size ? model.audit.where((a) => a.action === 'client.registered' && denied.has(a.clientId) && a.detailKv.source === 'dcr') : [];
    if (registered.length) parts.push(`${fmtList([...new Set(registered.map((a) => a.clientId))])} registered itself through dynamic registration ${fmtSpan(registered.map((a) => a.ts))} (client.registered source=dcr)`);
    const exact = cases.filter((c) => exchanges.some((x) => x.c.key === c.key));
    if (exchanges.length) parts.push(`${plural(exchanges.length, 'captured token response')} say${exchanges.length === 1 ? 's' : ''} ${fmtList(exact.map((c) => c.what))}`);
    const why = exact.length
      ? ''
      : ` AuthPlane does not log which case it is: ${fmtList(cases.map((c) => c.what), 4)}. One captured token response names it.`;
    // One refusal may be a client probing; a stream is a misregistered client. A disabled grant refuses every request, so one answer is enough to warn.
    const disabled = exchanges.some((x) => x.c.key === 'disabled');
    yield {
      severity: n >= 3 ? 'error' : n === 2 || disabled ? 'warning' : 'info',
      confidence: strength(n, 5, 0.35, 0.9),
      explanation: `${parts.join('; ')}.${why} The machine client gets no token, so every job or agent behind it fails.`,
      fix: cases.length ? `${cases.map((c) => c.fix).join('; ')}.`.replace(/^./, (ch) => ch.toUpperCase()) : undefined,
      evidence: [...registered.slice(0, 2).map(auditEvidence), ...sampleEnds(rows, 5, 3).map(auditEvidence), ...exchanges.slice(0, 3).map((x) => exchangeEvidence(x.d)), ...seriesEvidence(metric, 2).map(counterEvidence)],
      affected: n,
      since: earliest(rows),
    };
  },
});
