// Each MCP server given with --resource: one unauthenticated GET to record its 401 and
// WWW-Authenticate, then its Protected Resource Metadata (RFC 9728) from the advertised URL, the
// path-qualified well-known URL, or the root one, whichever answers first.
import { fetchItem, isSuccess, writeCapture, type ItemContext } from './http-item.ts';
import type { HttpResult } from './http-get.ts';
import { slug } from './staging.ts';

const RESOURCE_METADATA = /resource_metadata\s*=\s*"?([^",\s]+)/i;
const PRM_PATH = '/.well-known/oauth-protected-resource';
// What an MCP client sends on its first, token-less request.
const MCP_ACCEPT = { Accept: 'application/json, text/event-stream' };

/** Where the PRM may live, best first: the URL the 401 advertises (same host only), then RFC 9728's two places. */
export function prmCandidates(resource: string, advertised: string | null): { url: string; isAdvertised: boolean }[] {
  const u = new URL(resource);
  const path = u.pathname.replace(/\/+$/, '');
  const out: { url: string; isAdvertised: boolean }[] = [];
  if (advertised) {
    try {
      const a = new URL(advertised, resource);
      if (a.hostname === u.hostname && /^https?:$/.test(a.protocol)) out.push({ url: a.toString(), isAdvertised: true });
    } catch {
      // a malformed advertisement is visible in the recorded 401
    }
  }
  for (const url of [`${u.origin}${PRM_PATH}${path}`, `${u.origin}${PRM_PATH}`]) {
    if (!out.some((c) => c.url === url)) out.push({ url, isAdvertised: false });
  }
  return out;
}

function advertisedIn(r: HttpResult): string | null {
  const www = r.headers.filter(([k]) => k === 'www-authenticate').map(([, v]) => v).join(', ');
  return RESOURCE_METADATA.exec(www)?.[1] ?? null;
}

/** Probe one MCP server and fetch its PRM. */
export async function collectResource(ctx: ItemContext, resource: string): Promise<void> {
  const u = new URL(resource);
  const base = `resource/${slug(`${u.host}${u.pathname}`)}`;
  const probe = await fetchItem(ctx, {
    name: `${base}/unauthenticated`, url: resource, file: '', capture: 'always', expectedStatus: 401, headers: MCP_ACCEPT,
    // An SSE stream would never end: the status line and headers are what matter.
    probeBytes: 64 << 10,
    note: (r) => {
      if (r.status === 401) return advertisedIn(r) ? 'WWW-Authenticate names resource_metadata' : 'no resource_metadata in WWW-Authenticate';
      return r.status !== null && r.status < 300 ? 'answered without a token' : undefined;
    },
  });
  const candidates = prmCandidates(resource, advertisedIn(probe));
  const misses: { name: string; r: HttpResult; index: number }[] = [];
  const tried: number[] = [];
  for (const [i, { url, isAdvertised }] of candidates.entries()) {
    const name = `${base}/prm${i === 0 ? '' : `-${i + 1}`}`;
    // The advertised URL failing is a finding even when another place answers: clients follow the advertisement.
    const r = await fetchItem(ctx, { name, url, file: `${base}/prm.json`, writeIf: isAdvertised ? undefined : isSuccess });
    if (isSuccess(r)) {
      // The PRM was collected: the places that missed are evidence, not a failure of the collection.
      for (const t of tried) ctx.items[t]!.superseded = true;
      return;
    }
    tried.push(ctx.items.length - 1);
    if (!isAdvertised) misses.push({ name, r, index: ctx.items.length - 1 });
  }
  // None answered: keep each failed fetch as a capture, since a PRM 404 is itself a finding (prm-missing).
  for (const m of misses) {
    const written = await writeCapture(ctx, { name: m.name }, m.r);
    const item = ctx.items[m.index];
    if (item) Object.assign(item, { file: written.file, bytes: written.bytes });
  }
}
