// A JWKS copy served from a CDN or proxy cache that lacks a kid another copy in the bundle lists:
// after a rotation, verifiers behind that cache keep getting the old key set, forced refresh or not.
import type { Model } from '../../correlate/index.ts';
import type { DocumentRecord } from '../../ingest/index.ts';
import { goodDocs, jwksKeys, responseHeader } from './docs.ts';

/** Response headers a CDN or proxy sets when it answered from its cache. */
const HIT_HEADERS = ['cf-cache-status', 'x-cache', 'x-cache-status', 'x-proxy-cache'];
const HIT = /\bHIT\b/i;

export interface StaleJwks {
  /** The failing kid the cached copy lacks. */
  kid: string;
  /** The cached copy, and the kids it lists. */
  stale: DocumentRecord;
  staleKids: string[];
  /** A copy that lists the kid (AuthPlane's own, e.g. discovery/jwks.json). */
  fresh: DocumentRecord;
  /** The cache headers the stale copy came with, as `Name: value`, in the order found. */
  headers: { name: string; text: string }[];
  /** Seconds a shared cache keeps the copy (`s-maxage`, else `max-age`), or null. */
  maxAge: number | null;
  /** Epoch ms when the cache stops serving this copy (capture time − Age + max-age), or null. */
  expiresAt: number | null;
}

const kidsOf = (d: DocumentRecord) => (jwksKeys(d) ?? []).map((k) => k.kid).filter((k): k is string => typeof k === 'string');

/** Seconds from a Cache-Control value: `s-maxage` (what shared caches obey) before `max-age`. */
function maxAgeOf(cacheControl: string | undefined): number | null {
  if (!cacheControl || /\b(no-store|no-cache|private)\b/i.test(cacheControl)) return null;
  const m = /\bs-maxage=(\d+)/i.exec(cacheControl) ?? /\bmax-age=(\d+)/i.exec(cacheControl);
  return m ? Number(m[1]) : null;
}

/** The cache headers of a captured copy when it was answered from a cache (a HIT, or a positive Age), else []. */
function cacheHeaders(d: DocumentRecord): { name: string; text: string }[] {
  const hit = HIT_HEADERS.find((h) => HIT.test(responseHeader(d, h) ?? ''));
  const age = Number(responseHeader(d, 'age'));
  if (!hit && !(age > 0)) return [];
  return ['cache-control', 'age', ...(hit ? [hit] : [])]
    .filter((h) => responseHeader(d, h) !== undefined)
    .map((h) => ({ name: h, text: `${headerName(h)}: ${responseHeader(d, h)!}` }));
}

/** `cf-cache-status` → `Cf-Cache-Status`, the way curl prints most servers' headers. */
function headerName(h: string): string {
  return h.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** The first failing kid that a cached JWKS copy lacks while another copy lists it, or undefined. */
export function staleJwksCopy(model: Model, failingKids: readonly string[]): StaleJwks | undefined {
  const docs = goodDocs(model, 'jwks');
  for (const kid of failingKids) {
    const fresh = docs.find((d) => kidsOf(d).includes(kid));
    if (!fresh) continue;
    for (const stale of docs) {
      if (kidsOf(stale).includes(kid)) continue;
      const headers = cacheHeaders(stale);
      if (headers.length === 0) continue;
      const maxAge = maxAgeOf(responseHeader(stale, 'cache-control'));
      const age = Number(responseHeader(stale, 'age'));
      const expiresAt = maxAge != null && stale.capturedAt != null ? stale.capturedAt - (age > 0 ? age * 1000 : 0) + maxAge * 1000 : null;
      return { kid, stale, staleKids: kidsOf(stale), fresh, headers, maxAge, expiresAt };
    }
  }
  return undefined;
}

/** `1 h`, `5 min`, `90 s`. */
export function ttlText(seconds: number): string {
  if (seconds >= 3600 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
