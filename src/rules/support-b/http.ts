// Captured HTTP exchanges for the step 5–10 rules: header lookup, searchable text, excerpts.
import type { Model } from '../../correlate/index.ts';
import type { DocumentRecord } from '../../ingest/index.ts';

/** A header value by case-insensitive name. */
export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** Status, WWW-Authenticate and body of an exchange as one searchable string. */
export function exchangeText(d: DocumentRecord): string {
  const h = d.http;
  if (!h) return '';
  const body = d.body && typeof d.body === 'object' ? JSON.stringify(d.body) : '';
  return [String(h.status ?? ''), headerValue(h.responseHeaders, 'www-authenticate') ?? '', h.bodyText ?? '', body].join('\n');
}

/** `GET https://mcp.example.com/mcp → 401; WWW-Authenticate: …` */
export function exchangeExcerpt(d: DocumentRecord): string {
  const h = d.http;
  if (!h) return d.file;
  const target = h.url ?? h.path ?? d.file;
  const outcome = h.error ?? (h.status != null ? String(h.status) : 'no response');
  const www = headerValue(h.responseHeaders, 'www-authenticate');
  const body = (h.bodyText ?? '').replace(/\s+/g, ' ').slice(0, 160);
  return `${h.method ?? 'GET'} ${target} → ${outcome}${www ? `; WWW-Authenticate: ${www}` : ''}${!www && body ? `; ${body}` : ''}`;
}

/** Exchanges whose text matches `re` (and optionally a predicate). */
export function matchExchanges(model: Model, re: RegExp, pred: (d: DocumentRecord) => boolean = () => true): DocumentRecord[] {
  return model.documents.exchanges().filter((d) => pred(d) && re.test(exchangeText(d)));
}

/** The request path of an exchange: recorded, else from its URL. */
export function exchangePath(d: DocumentRecord): string | undefined {
  if (d.http?.path) return d.http.path;
  const url = d.http?.url;
  if (!url) return undefined;
  const m = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(url);
  return m ? (m[1] ?? '/') : url.startsWith('/') ? url.split('?')[0] : undefined;
}

/** Request paths served by AuthPlane (public and admin), not by an MCP server. */
export const AS_PATHS = /^\/(oauth\/|admin\b|login\b|consent\b|connect\/|health\b|ready\b|livez\b|metrics\b|\.well-known\/(oauth-authorization-server|openid-configuration|jwks\.json))/;

/** True for an exchange with AuthPlane itself (OAuth, admin, login, discovery), false for an MCP server call. */
export function isAuthplaneExchange(d: DocumentRecord): boolean {
  const path = exchangePath(d) ?? '';
  if (AS_PATHS.test(path)) return true;
  const port = d.http?.port ?? Number(/^[a-z]+:\/\/[^/:]+:(\d+)/i.exec(d.http?.url ?? '')?.[1] ?? NaN);
  return port === 9000 || port === 9001;
}
