// Teach a redactor the identities and operator domains a bundle holds, before anything is rendered,
// so a user id named in free text (an explanation, a message) is pseudonymized like its field.
import type { Model } from '../../correlate/index.ts';
import type { Analysis } from '../../rules/index.ts';
import { classifyKey } from './keys.ts';
import type { Redactor } from './redactor.ts';

/** At most this many retained log records are read for identities (a report cites far fewer). */
const MAX_RECORDS = 200_000;

/** What each redactor has already been taught: renderers prime too, and must not redo the caller's work. */
const primed = new WeakMap<Redactor, { models: WeakSet<Model>; analyses: WeakSet<Analysis> }>();

/**
 * Remember every user/session id of the model's retained logs, audit rows, tokens and the findings'
 * audit evidence. Priming one redactor again with the same model or analysis does nothing.
 */
export function primeRedactor(r: Redactor, m: Model, a?: Analysis): void {
  let done = primed.get(r);
  if (!done) primed.set(r, (done = { models: new WeakSet(), analyses: new WeakSet() }));
  if (!done.models.has(m)) {
    done.models.add(m);
    primeModel(r, m);
  }
  if (a && !done.analyses.has(a)) {
    done.analyses.add(a);
    for (const f of a.findings) for (const e of f.evidence) if (e.audit) r.noteIdentities('audit', e.audit);
  }
}

function primeModel(r: Redactor, m: Model): void {
  primeSecretNames(r, m);
  const clients = new Set(m.audit.clientIds());
  let n = 0;
  for (const rec of m.logs.records()) {
    if (++n > MAX_RECORDS) break;
    r.noteIdentities('attrs', rec.attrs);
    const id = rec.attrs.client_id;
    if (typeof id === 'string' && id !== '') clients.add(id);
  }
  // Distinct actor ids and detail pairs only: building every audit row (382 k at 1 GB) was the
  // largest allocation of a report.
  // Only identity keys (user_id, session_id …) can teach the redactor anything.
  for (const [key, value] of m.audit.identities((k) => classifyKey(k).kind === 'identity')) r.noteIdentities(key, value);
  // A user.* row (user.disabled, user.force_logout …) names the affected user as its bare detail:
  // hand the redactor such rows whole, each distinct detail once, and let it decide.
  const userDetails = new Set<string>();
  m.audit.scan((a) => {
    if (a.detail === '' || !a.action.startsWith('user.') || userDetails.has(a.detail)) return;
    userDetails.add(a.detail);
    r.noteIdentities('audit', { action: a.action, actor_id: a.actorId, detail: a.detail });
  });
  for (const t of m.tokens) r.noteIdentities('claims', t.claims);
  // Last, so it also takes back what was noted above: a machine client is the actor of its own
  // audit rows, and stays a client there.
  r.noteClientIds(clients);
}

/**
 * `data_encryption.aes_master.key_env: ACME_DEK` names the variable that holds the key: that name is
 * the operator's choice, so only the config can say that its value is a secret.
 */
function primeSecretNames(r: Redactor, m: Model): void {
  // A session cookie renamed from `authserver_session` holds the same session.
  const cookie = m.config.get('session.cookie_name')?.value.trim();
  if (cookie && /^[A-Za-z_][\w.-]*$/.test(cookie)) r.noteSecretName(cookie, 'cookie');
  for (const { key, value } of m.config.all()) {
    if (!/(?:^|[._])(?:[a-z]+_)*env$/i.test(key)) continue;
    const c = classifyKey(key);
    if (c.kind !== 'neutral' || !c.suspect) continue;
    const name = /^(?:env:)?([A-Za-z_][A-Za-z0-9_]*)$/.exec(value.trim())?.[1];
    if (name) r.noteSecretName(name, c.suspect);
  }
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
