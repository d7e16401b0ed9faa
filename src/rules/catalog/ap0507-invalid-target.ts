// AP0507: /oauth/token refuses the `resource` a client sends with 400 invalid_target (reference G11, ErrInvalidTarget).
// Since 0.2.0 the token endpoint enforces RFC 8707: a resource that is not registered, or not the one the
// code or refresh family was authorized for, is refused instead of silently ignored. AuthPlane logs no domain
// line for it: a bundle shows the denial rows (reason = the wire error code), the client_credentials denial
// counter and, in a capture, the wire text that names the URI the client sent.
import type { AuditRecord, DocumentRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { auditEvidence, counterEvidence, sampleEnds } from '../evidence.ts';
import { strength } from '../support-b/confidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { exchangeText, matchExchanges } from '../support-b/http.ts';
import { advertisedResources } from '../support-b/prm.ts';
import { earliest, tally } from '../support-b/logs.ts';
import { describeGrowth, growth, seriesEvidence } from '../support-b/metrics.ts';
import { defineRule } from '../types.ts';

/** Denial rows whose reason is the token endpoint's refusal of the resource (reference §4.3; `token.go`, `client_credentials.go`). */
const ACTIONS = ['token.issue_denied', 'token.refresh_denied', 'client_credentials.denied'];
/** `invalid_target` (0.2.2); `invalid_resource` is 0.2.1's client_credentials label for the same unknown resource. */
const REASONS = new Set(['invalid_target', 'invalid_resource']);
/** ErrInvalidTarget's wire text, and 0.2.1's client_credentials wording (`invalid_scope: unknown resource "…"`). */
const WIRE = /the requested resource target is unavailable|unknown resource \\?"/;
/** The URI in the wire text: `resource "X" is not a registered resource` / `… was not authorized by this grant` / `unknown resource "X"`. */
const SENT = /resource \\?"([^"\\]+)\\?" (?:is not a registered resource|was not authorized by this grant)|unknown resource \\?"([^"\\]+)\\?"/g;

/** The resource URIs the refusals name, most frequent first. */
function sentResources(exchanges: readonly DocumentRecord[]): string[] {
  const uris: string[] = [];
  for (const d of exchanges) {
    const seen = new Set<string>();
    for (const m of exchangeText(d).matchAll(SENT)) seen.add((m[1] ?? m[2])!);
    uris.push(...seen);
  }
  return tally(uris).map(([u]) => u);
}

/** The advertised URI a sent one differs from only by case or a trailing slash, with what differs. */
function nearMiss(sent: string, known: readonly string[]): { sent: string; hit: string; what: string } | undefined {
  const strip = (u: string) => u.replace(/\/+$/, '').toLowerCase();
  const hit = known.find((k) => k !== sent && strip(k) === strip(sent));
  if (!hit) return undefined;
  return { sent, hit, what: hit.replace(/\/+$/, '') !== sent.replace(/\/+$/, '') ? 'case' : 'a trailing slash' };
}

export default defineRule({
  id: 'AP0507', cause: 'invalid-target', step: 5, severity: 'error',
  title: 'Token requests refused with invalid_target: the resource is not registered',
  fix: 'Send resource= with the exact URI of a registered resource, byte for byte (a trailing slash is a different resource), and for a code or refresh token the same resource the authorization was made for. Compare with `authserver admin resource list`; register a missing MCP server with `POST /admin/resources`. Since AuthPlane 0.2.0 the token endpoint enforces this instead of ignoring the parameter.',
  docs: DOCS.errorCodes,
  needs: ['audit'],
  *check(model) {
    const rows = model.audit.where((a) => ACTIONS.includes(a.action) && REASONS.has(a.detailKv.reason ?? ''));
    const metric = growth(model, 'authplane_client_credentials_denied_total', undefined, (l) => REASONS.has(l.reason ?? ''));
    const metricCount = metric.hasDelta ? metric.delta : 0;
    const exchanges = matchExchanges(model, WIRE, (d) => (d.http?.status ?? 0) === 400);
    const n = Math.max(rows.length, metricCount, exchanges.length);
    if (n === 0) return;

    const parts: string[] = [];
    if (rows.length) {
      const byAction = tally(rows.map((a: AuditRecord) => a.action)).map(([a, k]) => `${k} ${a}`);
      const clients = tally(rows.map((a) => a.clientId)).map(([c]) => c);
      parts.push(`${plural(rows.length, 'token request')} ${fmtSpan(rows.map((a) => a.ts))} refused for their resource (${fmtList(byAction)} with reason=${[...new Set(rows.map((a) => a.detailKv.reason))].join('/')})${clients.length ? `, from client ${fmtList(clients)}` : ''}`);
    }
    if (metricCount) {
      const labels = [...new Set(metric.series.filter((s) => s.totalDelta > 0).map((s) => `"${s.labels.reason}"`))].join('|');
      parts.push(`authplane_client_credentials_denied_total{reason=${labels}} ${describeGrowth(metric)}`);
    }
    const sent = sentResources(exchanges);
    if (exchanges.length) parts.push(`${plural(exchanges.length, 'captured 400 response')} refusing the resource${sent.length ? ` ${fmtList(sent)}` : ''}`);
    const known = [...new Set(advertisedResources(model).map((a) => a.resource))];
    const misses = sent.map((u) => nearMiss(u, known)).filter((m) => m !== undefined);
    // Name the URI to send only when the bundle shows it: a near miss of a resource an MCP server advertises.
    const fix = misses.length
      ? `Send resource=${misses[0]!.hit} exactly (the client sent ${fmtList(misses.map((m) => m.sent))}); a trailing slash or a different case is a different resource. Check with \`authserver admin resource list\`.`
      : sent.length ? `Correct the client to send the URI of a registered resource, or register ${fmtList(sent)} with \`POST /admin/resources\`; compare with \`authserver admin resource list\`.` : undefined;
    yield {
      // One refusal is a typo someone retried; a stream of them is a client configured with the wrong URI.
      severity: n >= 3 ? 'error' : n === 2 ? 'warning' : 'info',
      confidence: strength(n, 5, 0.4, 0.9),
      explanation: `${parts.join('; ')}. Since AuthPlane 0.2.0 /oauth/token checks the resource parameter: a URI that is not a registered resource, or not the one the code or refresh token was issued for, gets 400 invalid_target instead of a token.${misses.map((m) => ` ${m.sent} differs from ${m.hit}, the resource the MCP server's metadata (PRM) advertises, only by ${m.what}.`).join('')}`,
      fix,
      evidence: [...sampleEnds(rows, 5, 3).map(auditEvidence), ...exchanges.slice(0, 3).map(exchangeEvidence), ...seriesEvidence(metric, 2).map(counterEvidence)],
      affected: n,
      since: earliest(rows),
    };
  },
});
