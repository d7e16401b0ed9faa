// One HTTP item of the collection: GET it, write the body (2xx) or the `curl -si` capture (anything
// else, or always when status and headers are the point), record it in the manifest, print progress.
import { renderCapture } from './curl-form.ts';
import { httpGet, type HttpResult } from './http-get.ts';
import { rfc3339, type ManifestItem } from './manifest.ts';
import type { Progress } from './progress.ts';
import type { Staging } from './staging.ts';

/** What every item needs: where to write, where to record, how long to wait. */
export interface ItemContext {
  staging: Staging;
  progress: Progress;
  items: ManifestItem[];
  timeoutMs: number;
}

export interface HttpItemSpec {
  name: string;
  url: string;
  /** Bundle path for a successful body, e.g. `public/health.json`. */
  file: string;
  /** `always`: write the capture even on success (the MCP 401 probe). Default: only on failure. */
  capture?: 'always' | 'on-failure';
  /** A non-2xx status that is the healthy answer here (401 from an MCP server asked without a token). */
  expectedStatus?: number;
  /** Admin key header, sent only to `credentialOrigin`. */
  auth?: { headers: Record<string, string>; origin: string };
  /** Request headers that are sent and shown in the capture. */
  headers?: Record<string, string>;
  /** Text put before a successful body (the `# scraped at …` line of a metrics scrape). */
  prefix?: (r: HttpResult) => string;
  maxBytes?: number;
  probeBytes?: number;
  /**
   * Whether to write anything for this result (default: always). A retried 429 page, the empty
   * page that ends the audit trail or a PRM candidate that 404s before another one answers are
   * recorded in the manifest only.
   */
  writeIf?: (r: HttpResult) => boolean;
  note?: (r: HttpResult) => string | undefined;
}

const DEFAULT_MAX = 16 << 20;

/** The file name of an item's capture: `exchanges/public-health.http`. */
export function capturePath(name: string): string {
  return `exchanges/${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.http`;
}

/** True when the result is a response in the 2xx range with no error. */
export function isSuccess(r: HttpResult): boolean {
  return r.error === null && r.status !== null && r.status >= 200 && r.status < 300;
}

/** Run one item; returns the result for callers that read the body (audit paging, PRM discovery). */
export async function fetchItem(ctx: ItemContext, spec: HttpItemSpec): Promise<HttpResult> {
  const r = await httpGet(spec.url, {
    timeoutMs: ctx.timeoutMs,
    headers: { ...spec.headers, ...spec.auth?.headers },
    credentialOrigin: spec.auth?.origin,
    maxBytes: spec.maxBytes ?? DEFAULT_MAX,
    probeBytes: spec.probeBytes,
  });
  const ok = isSuccess(r);
  let file: string | null = null;
  let bytes: number | undefined;
  if (spec.writeIf?.(r) ?? true) {
    const at = r.startedAt + r.durationMs;
    const written = ok && spec.capture !== 'always'
      ? await ctx.staging.write(spec.file, spec.prefix ? Buffer.concat([Buffer.from(spec.prefix(r)), r.body]) : r.body, at)
      : await writeCapture(ctx, spec, r);
    file = written.file;
    bytes = written.bytes;
  }
  const error = r.error ?? (r.offHostRedirect ? `redirect to another host not followed: ${r.offHostRedirect}` : null);
  const item: ManifestItem = {
    name: spec.name, url: spec.url, file, status: r.status, error,
    outcome: r.error ? 'failed' : ok || r.status === spec.expectedStatus ? 'ok' : 'http-error',
    started_at: rfc3339(r.startedAt), duration_ms: r.durationMs,
  };
  if (bytes !== undefined) item.bytes = bytes;
  if (r.isTruncated) item.truncated = true;
  const note = spec.note?.(r);
  if (note) item.note = note;
  ctx.items.push(item);
  const what = r.error ?? `${r.status}${r.offHostRedirect ? ` → ${r.offHostRedirect} (not followed)` : ''} ${r.durationMs}ms`;
  if (item.outcome === 'ok') ctx.progress.ok(spec.name, `${what}${note ? ` (${note})` : ''}`);
  else ctx.progress.fail(spec.name, `${what}${note ? ` (${note})` : ''}`);
  return r;
}

/** Write the `curl -si` capture of a result (also later, for a PRM candidate kept back at first). */
export function writeCapture(ctx: ItemContext, spec: Pick<HttpItemSpec, 'name' | 'auth' | 'headers'>, r: HttpResult): Promise<{ file: string; bytes: number }> {
  const text = renderCapture(r, { isAuthenticated: Boolean(spec.auth), headers: spec.headers });
  return ctx.staging.write(capturePath(spec.name), text, r.startedAt + r.durationMs);
}

/** Record an item that was not attempted, and say why. */
export function skipItem(ctx: ItemContext, name: string, url: string | null, reason: string): void {
  ctx.items.push({ name, url, file: null, status: null, error: reason, outcome: 'skipped', started_at: null, duration_ms: null });
  ctx.progress.skip(name, reason);
}
