// AuthPlane's own endpoints: health, readiness, liveness, discovery and JWKS on the public port; the
// /metrics scrapes and the status documents on the admin port (authplane-facts.md §5, §7.1).
import { fetchItem, skipItem, type HttpItemSpec, type ItemContext } from './http-item.ts';
import type { HttpResult } from './http-get.ts';

/** The public-port documents, in checklist order (step 1 health, then step 2–3 discovery). */
export const PUBLIC_ITEMS: readonly { name: string; path: string; file: string }[] = [
  { name: 'public/health', path: '/health', file: 'public/health.json' },
  { name: 'public/ready', path: '/ready', file: 'public/ready.json' },
  { name: 'public/livez', path: '/livez', file: 'public/livez.json' },
  { name: 'public/oauth-authorization-server', path: '/.well-known/oauth-authorization-server', file: 'public/oauth-authorization-server.json' },
  { name: 'public/openid-configuration', path: '/.well-known/openid-configuration', file: 'public/openid-configuration.json' },
  { name: 'public/jwks', path: '/.well-known/jwks.json', file: 'public/jwks.json' },
];

/** The admin documents that need the admin key. */
export const ADMIN_ITEMS: readonly { name: string; path: string; file: string }[] = [
  { name: 'admin/system-status', path: '/admin/system/status', file: 'admin/system-status.json' },
  { name: 'admin/system-config', path: '/admin/system/config', file: 'admin/system-config.json' },
  { name: 'admin/stats', path: '/admin/stats', file: 'admin/stats.json' },
];

/** The admin key as a request header, sent to the admin origin only. */
export interface AdminAuth {
  headers: Record<string, string>;
  origin: string;
}

/** `base` + `path`, keeping a path prefix of the base (AuthPlane behind `https://host/auth`). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

/** GET every public document. */
export async function collectPublic(ctx: ItemContext, publicBase: string): Promise<void> {
  for (const it of PUBLIC_ITEMS) await fetchItem(ctx, { name: it.name, url: joinUrl(publicBase, it.path), file: it.file });
}

/** GET the admin status documents, or record them as skipped without a key. */
export async function collectAdminDocs(ctx: ItemContext, adminBase: string, auth: AdminAuth | null): Promise<void> {
  for (const it of ADMIN_ITEMS) {
    const url = joinUrl(adminBase, it.path);
    if (!auth) skipItem(ctx, it.name, url, NO_KEY);
    else await fetchItem(ctx, { name: it.name, url, file: it.file, auth });
  }
}

/** Why admin documents are skipped without a key. */
export const NO_KEY = 'no admin key (set AUTHPLANE_ADMIN_API_KEY or pass --admin-key-file)';

/** One `/metrics` scrape (no key needed: the route sits before the admin auth middleware). */
export function scrapeMetrics(ctx: ItemContext, adminBase: string, n: 1 | 2): Promise<HttpResult> {
  const spec: HttpItemSpec = {
    name: `admin/metrics-${n}`,
    url: joinUrl(adminBase, '/metrics'),
    file: `admin/metrics-${n}.prom`,
    maxBytes: 64 << 20,
    // The scrape time in the content: the metrics parser reads it, and deltas become rates.
    prefix: (r) => `# scraped at ${new Date(r.startedAt).toISOString()}\n`,
  };
  return fetchItem(ctx, spec);
}
