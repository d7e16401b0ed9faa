// Teach a redactor the identities and operator domains a bundle holds, before anything is rendered,
// so a user id named in free text (an explanation, a message) is pseudonymized like its field.
import type { Model } from '../../correlate/index.ts';
import type { Analysis } from '../../rules/index.ts';
import type { Redactor } from './redactor.ts';

/** At most this many retained log records are read for identities (a report cites far fewer). */
const MAX_RECORDS = 200_000;

/** Remember every user/session id of the model's retained logs, audit rows, tokens and the findings' audit evidence. */
export function primeRedactor(r: Redactor, m: Model, a?: Analysis): void {
  let n = 0;
  for (const rec of m.logs.records()) {
    if (++n > MAX_RECORDS) break;
    r.noteIdentities('attrs', rec.attrs);
  }
  for (const row of m.audit.rows()) {
    r.noteIdentities('actor_id', row.actorId);
    r.noteIdentities('detail', row.detailKv);
  }
  for (const t of m.tokens) r.noteIdentities('claims', t.claims);
  for (const f of a?.findings ?? []) for (const e of f.evidence) if (e.audit) r.noteIdentities('audit', e.audit);
}

/** The hosts that name the operator's own domains: issuer, configured URLs, discovery, PRM, tokens. */
export function ownHostsOf(m: Model): string[] {
  const hosts = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && /^https?:\/\//i.test(v)) hosts.add(v);
    else if (Array.isArray(v)) v.forEach(add);
  };
  for (const key of ['server.issuer', 'connect.redirect_base_url', 'server.allowed_origins']) {
    const v = m.config.get(key)?.value;
    if (v) v.split(',').forEach((x) => add(x.trim()));
  }
  for (const b of m.boots) add(b.issuer);
  for (const d of m.documents.all()) {
    const body = d.body as Record<string, unknown> | null;
    if (body && typeof body === 'object') {
      add(body.issuer);
      add(body.resource);
      add(body.authorization_servers);
    }
    add(d.http?.url);
  }
  for (const t of m.tokens) {
    add(t.claims.iss);
    add(t.claims.aud);
  }
  return [...hosts];
}
