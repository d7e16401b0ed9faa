// The audit trail from `GET /admin/audit`, paged with limit/offset until an empty page, pausing on
// 429 slow_down (authplane-facts.md §4.2: a bare array, no total, no cursor).
import { fetchItem, isSuccess, skipItem, type ItemContext } from './http-item.ts';
import type { HttpResult } from './http-get.ts';
import { joinUrl, NO_KEY, type AdminAuth } from './authplane.ts';

export interface AuditOptions {
  sinceMs: number;
  /** Rows per page (AuthPlane allows at most 1000). */
  pageSize: number;
  /** Pause after a 429 without Retry-After, and between pages. */
  slowDownPauseMs: number;
  pagePauseMs: number;
  /** Give up on a page after this many 429s in a row. */
  maxRetries: number;
}

/** AuthPlane refuses offsets above this (0.1.2+). */
const MAX_OFFSET = 100_000;
/** A Retry-After longer than this is not waited for in full. */
const MAX_PAUSE_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rows of an audit page: a bare array, or the `{"events":[…]}` envelope the docs describe; null otherwise. */
export function pageRows(r: HttpResult): number | null {
  try {
    const v: unknown = JSON.parse(r.body.toString('utf8'));
    if (Array.isArray(v)) return v.length;
    if (v && typeof v === 'object' && Array.isArray((v as { events?: unknown }).events)) return (v as { events: unknown[] }).events.length;
  } catch {
    // not JSON: reported below
  }
  return null;
}

function retryAfterMs(r: HttpResult, fallback: number): number {
  const v = r.headers.find(([k]) => k === 'retry-after')?.[1];
  const secs = v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) * 1000 : NaN;
  return Math.min(Number.isNaN(secs) ? fallback : secs, MAX_PAUSE_MS);
}

/** Page through the audit trail; returns the number of rows collected. */
export async function collectAudit(ctx: ItemContext, adminBase: string, auth: AdminAuth | null, o: AuditOptions): Promise<number> {
  const since = new Date(o.sinceMs).toISOString();
  if (!auth) {
    skipItem(ctx, 'admin/audit', joinUrl(adminBase, `/admin/audit?since=${since}`), NO_KEY);
    return 0;
  }
  let offset = 0;
  let rows = 0;
  for (let page = 0, retries = 0; ; ) {
    const url = joinUrl(adminBase, `/admin/audit?since=${encodeURIComponent(since)}&limit=${o.pageSize}&offset=${offset}`);
    const r = await fetchItem(ctx, {
      name: `admin/audit page ${page}`, url, file: `admin/audit-page-${String(page).padStart(3, '0')}.json`, auth, maxBytes: 64 << 20,
      // The 429 is the collector's own doing and the empty page only ends the trail: neither is evidence.
      writeIf: (res) => res.status !== 429 && !(isSuccess(res) && pageRows(res) === 0),
      note: (res) => {
        if (res.status === 429) return `slow_down: pausing ${retryAfterMs(res, o.slowDownPauseMs)}ms before retrying`;
        if (!isSuccess(res)) return undefined;
        const count = pageRows(res);
        return count === null ? 'not an audit page (expected a JSON array)' : count === 0 ? 'empty page: end of the trail' : `${count} rows`;
      },
    });
    if (r.status === 429 && retries < o.maxRetries) {
      retries++;
      ctx.items[ctx.items.length - 1]!.superseded = true; // the retry stands in for this page
      await sleep(retryAfterMs(r, o.slowDownPauseMs));
      continue;
    }
    const count = isSuccess(r) ? pageRows(r) : null;
    if (count === null || count === 0) break;
    rows += count;
    offset += count;
    page++;
    retries = 0;
    if (offset > MAX_OFFSET) {
      ctx.progress.info(`  admin/audit: stopped at offset ${offset} (AuthPlane refuses offsets above ${MAX_OFFSET}); narrow --since for the rest`);
      break;
    }
    if (o.pagePauseMs > 0) await sleep(o.pagePauseMs);
  }
  return rows;
}
