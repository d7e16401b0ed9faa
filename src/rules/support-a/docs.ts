// Document helpers shared by the step 0–4 rules: usable documents, exchanges, issuer, JWKS kids.
import type { Model } from '../../correlate/index.ts';
import type { DocumentKind, DocumentRecord } from '../../ingest/index.ts';

/** True when the document carries an HTTP status of 400 or more, or a connection error. */
export function isFailedFetch(d: DocumentRecord): boolean {
  return Boolean(d.http && (d.http.error || (d.http.status != null && d.http.status >= 400)));
}

/** Documents of a kind with a JSON object body that were not failed fetches. */
export function goodDocs(model: Model, kind: DocumentKind): DocumentRecord[] {
  return model.documents.ofKind(kind).filter((d) => !isFailedFetch(d) && isObject(d.body));
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The port an exchange went to: the recorded port, else the one in its URL. */
export function portOf(d: DocumentRecord): number | undefined {
  if (d.http?.port != null) return d.http.port;
  const m = d.http?.url ? /^[a-z]+:\/\/[^/:]+:(\d+)/i.exec(d.http.url) : null;
  return m ? Number(m[1]) : undefined;
}

/** The request path of an exchange: recorded, else taken from its URL. */
export function pathOf(d: DocumentRecord): string | undefined {
  if (d.http?.path) return d.http.path;
  const url = d.http?.url;
  if (!url) return undefined;
  const m = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(url);
  return m ? (m[1] ?? '/') : url.startsWith('/') ? url.split('?')[0] : undefined;
}

/** `GET http://host:9001/.well-known/jwks.json → 404` for an exchange. */
export function describeExchange(d: DocumentRecord): string {
  const h = d.http;
  if (!h) return d.file;
  const target = h.url ?? h.path ?? d.file;
  const outcome = h.error ? h.error : h.status != null ? `${h.status}${h.statusText ? ` ${h.statusText}` : ''}` : 'no response';
  return `${h.method ?? 'GET'} ${target} → ${outcome}`;
}

/** `server.issuer` as the config files intend it (env beats YAML), before the boot line overrides it in ConfigView. */
function intendedIssuer(model: Model): { value: string; from: string; file: string; line: number } | undefined {
  let found: { value: string; from: string; file: string; line: number } | undefined;
  const lineOf = (body: Record<string, unknown>, key: string, d: DocumentRecord) => {
    const lines = body.lines;
    return isObject(lines) && typeof lines[key] === 'number' ? (lines[key] as number) : d.line;
  };
  for (const d of model.documents.ofKind('config-yaml')) {
    if (!isObject(d.body)) continue;
    const cfg = isObject(d.body.config) && 'lines' in d.body ? d.body.config : d.body;
    const server = isObject(cfg.server) ? cfg.server : undefined;
    const v = server?.issuer ?? cfg['server.issuer'];
    if (typeof v === 'string' && v) {
      const line = lineOf(d.body, 'server.issuer', d);
      found = { value: v, from: `${d.file}:${line}`, file: d.file, line };
    }
  }
  for (const d of model.documents.ofKind('env')) {
    if (!isObject(d.body)) continue;
    const vars = isObject(d.body.vars) ? d.body.vars : d.body;
    const v = vars.AUTHPLANE_SERVER_ISSUER;
    if (typeof v === 'string' && v) {
      const line = lineOf(d.body, 'AUTHPLANE_SERVER_ISSUER', d);
      found = { value: v, from: `${d.file}:${line} (AUTHPLANE_SERVER_ISSUER)`, file: d.file, line };
    }
  }
  return found;
}

/** Issuers AuthPlane was configured with: the config files' value, the effective config value, and each boot's `issuer=`. */
export function configuredIssuers(model: Model): { value: string; from: string; file: string; line: number }[] {
  const out: { value: string; from: string; file: string; line: number }[] = [];
  const add = (c: { value: string; from: string; file: string; line: number } | undefined) => {
    if (c?.value && !out.some((o) => o.value === c.value)) out.push(c);
  };
  add(intendedIssuer(model));
  const cfg = model.config.get('server.issuer');
  if (cfg) add({ value: cfg.value, from: cfg.from, file: cfg.file, line: cfg.line });
  for (const b of model.boots) if (b.issuer) add({ value: b.issuer, from: `starting authserver (${b.file}:${b.line})`, file: b.file, line: b.line });
  return out;
}

/** The issuer the AS metadata documents advertise, with the document. */
export function advertisedIssuers(model: Model): { value: string; doc: DocumentRecord }[] {
  const out: { value: string; doc: DocumentRecord }[] = [];
  for (const kind of ['as-metadata', 'openid-configuration'] as const) {
    for (const d of goodDocs(model, kind)) {
      const iss = (d.body as Record<string, unknown>).issuer;
      if (typeof iss === 'string') out.push({ value: iss, doc: d });
    }
  }
  return out;
}

/** The keys array of a JWKS document, or null when the body has none. */
export function jwksKeys(d: DocumentRecord): Record<string, unknown>[] | null {
  if (!isObject(d.body)) return null;
  const keys = d.body.keys;
  return Array.isArray(keys) ? keys.filter(isObject) : null;
}

/** Every kid listed by the bundle's usable JWKS documents. */
export function jwksKids(model: Model): Set<string> {
  const kids = new Set<string>();
  for (const d of goodDocs(model, 'jwks')) for (const k of jwksKeys(d) ?? []) if (typeof k.kid === 'string') kids.add(k.kid);
  return kids;
}

/** Compare two issuer URLs the way verifiers do: byte for byte. Returns a hint when they differ only by a trailing slash. */
export function issuerDiff(a: string, b: string): 'same' | 'trailing-slash' | 'different' {
  if (a === b) return 'same';
  if (a.replace(/\/+$/, '') === b.replace(/\/+$/, '')) return 'trailing-slash';
  return 'different';
}

/** A response header of an exchange, by case-insensitive name. */
export function responseHeader(d: DocumentRecord, name: string): string | undefined {
  const h = d.http?.responseHeaders;
  if (!h) return undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(h)) if (k.toLowerCase() === want) return v;
  return undefined;
}
