// AP1007: operator tooling gets 401 from the admin API (reference AD2, AD3): the server has no admin.api_key
// ("admin API key not configured"), or the caller sent no key or a wrong one ("missing API key" / "invalid
// API key"). The admin middleware logs nothing itself; a bundle shows the answers in captures (forensic
// collect writes one per failed item, /admin/audit included), the collect manifest's 401 items, and the
// admin server's access lines.
import type { DocumentRecord } from '../../ingest/index.ts';
import { DOCS } from '../docs.ts';
import { documentEvidence, logEvidence, sampleEnds } from '../evidence.ts';
import { exchangeEvidence } from '../support-b/evidence.ts';
import { fmtList, fmtSpan, plural } from '../support-b/format.ts';
import { exchangePath, exchangeText } from '../support-b/http.ts';
import { accessOf, earliest, logsWithMsg, traceIds } from '../support-b/logs.ts';
import { defineRule, type Evidence } from '../types.ts';
import { lineCount } from '../support/line-count.ts';

const ADMIN_PATH = /^\/admin(\/|$)/;
/** The three error_description values of api/admin/middleware.go, and what each means. */
const REASONS = [
  { text: 'admin API key not configured', what: 'the server has no admin API key, so it refuses every admin call', fix: 'set AUTHPLANE_ADMIN_API_KEY on the server (`openssl rand -hex 32`) and restart; it is only optional on a localhost issuer' },
  { text: 'missing API key', what: 'the caller sent no `Authorization: Bearer` admin key', fix: 'send `Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY` (for `forensic collect`: export AUTHPLANE_ADMIN_API_KEY or pass --admin-key-file)' },
  { text: 'invalid API key', what: "the key sent is not the server's (a typo, or an old key after rotation)", fix: 'use the admin key the server runs with now (the current AUTHPLANE_ADMIN_API_KEY)' },
] as const;
const UNAUTHORIZED = /"error"\s*:\s*"unauthorized"/;

interface ManifestItem { name?: unknown; url?: unknown; status?: unknown }

/** 401 items of a forensic collect manifest that asked the admin API. */
function manifestRefusals(d: DocumentRecord): string[] {
  const items = (d.body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  return (items as ManifestItem[]).filter((i) => i.status === 401 && typeof i.name === 'string' && i.name.startsWith('admin/')).map((i) => i.name as string);
}

export default defineRule({
  id: 'AP1007', cause: 'admin-key-rejected', step: 10, severity: 'warning',
  title: 'Admin API calls are refused with 401: the admin key is missing or wrong',
  fix: 'If the answer is "admin API key not configured", set AUTHPLANE_ADMIN_API_KEY on the server and restart. Otherwise send the current key as `Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY` (for `forensic collect`, export it or pass --admin-key-file) and collect again: without it the bundle has no audit trail.',
  docs: DOCS.auditForensics,
  needs: ['exchanges'],
  *check(model) {
    const exchanges = model.documents.exchanges().filter((d) => d.http?.status === 401 && ADMIN_PATH.test(exchangePath(d) ?? '') && UNAUTHORIZED.test(exchangeText(d)));
    const manifests = model.documents.ofKind('manifest').map((d) => ({ d, items: manifestRefusals(d) })).filter((m) => m.items.length > 0);
    const access = logsWithMsg(model, ['http request']).filter((r) => {
      const a = r.origin === 'authserver' ? accessOf(r) : null;
      return a != null && a.status === 401 && ADMIN_PATH.test(a.path);
    });
    const served = lineCount(model, access);
    const collected = new Set(manifests.flatMap((m) => m.items));
    const n = Math.max(exchanges.length, collected.size, served);
    if (n === 0) return;

    const texts = exchanges.map(exchangeText);
    const reasons = REASONS.filter((r) => texts.some((t) => t.includes(r.text)));
    const parts: string[] = [];
    if (collected.size) parts.push(`forensic collect got 401 for ${fmtList([...collected].sort(), 4)}${[...collected].some((i) => i.startsWith('admin/audit')) ? ', so this bundle has no audit trail from the API' : ''}`);
    if (exchanges.length) parts.push(`${plural(exchanges.length, 'captured admin response')} 401 ${reasons.length ? fmtList(reasons.map((r) => `"${r.text}"`)) : '"unauthorized"'}`);
    if (served) {
      const paths = [...new Set(access.map((r) => accessOf(r)!.path.split('?')[0]!))].sort();
      parts.push(`the admin server answered ${plural(served, 'request')} ${fmtSpan(access.map((r) => r.ts))} with 401 (${fmtList(paths, 4)})`);
    }
    const evidence: Evidence[] = [
      ...exchanges.slice(0, 3).map(exchangeEvidence),
      ...manifests.slice(0, 1).map((m) => documentEvidence(m.d, `manifest: ${fmtList(m.items, 4)} answered 401`)),
      ...sampleEnds(access, 3, 2).map((r) => logEvidence(r)),
    ];
    yield {
      // Operator tooling, not end users, is locked out: a warning, unless it is a single stray call.
      severity: n >= 2 || collected.size > 0 ? 'warning' : 'info',
      confidence: reasons.length || collected.size ? 0.9 : n >= 3 ? 0.7 : 0.5,
      explanation: `${parts.join('; ')}. ${reasons.length ? `The admin API says ${fmtList(reasons.map((r) => r.what))}.` : 'The admin API refuses calls without the right `Authorization: Bearer` admin key.'} Admin calls (audit queries, client and resource changes) fail until the key matches.`,
      fix: reasons.length ? `${reasons.map((r) => r.fix).join('; ')}.`.replace(/^./, (ch) => ch.toUpperCase()) : undefined,
      evidence,
      affected: n,
      traces: traceIds(access),
      since: earliest(access),
    };
  },
});
