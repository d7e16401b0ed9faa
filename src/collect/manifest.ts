// The bundle's manifest.json: what was collected, from where and when, by which forensic version,
// and what failed or was skipped and why. The document parsers read it as a `manifest` document.

/** How one item went. */
export type ItemOutcome = 'ok' | 'http-error' | 'failed' | 'skipped';

/** One manifest row: an HTTP GET, a log file or a log command. */
export interface ManifestItem {
  /** Stable item name, e.g. `public/health`, `admin/audit page 2`, `logs/journal authserver`. */
  name: string;
  /** The URL fetched, or null for a log file or command. */
  url: string | null;
  /** The log command run (program and arguments), when the item is one. */
  command?: string[];
  /** The host file read, for a log file. */
  path?: string;
  /** Path of the written file inside the bundle, or null when nothing was written. */
  file: string | null;
  /** HTTP status, or null without a response. */
  status: number | null;
  /** Why the item failed or was skipped, or null. */
  error: string | null;
  outcome: ItemOutcome;
  started_at: string | null;
  duration_ms: number | null;
  /** Bytes written for the item. */
  bytes?: number;
  /** The size cap cut the item (logs keep their newest part). */
  truncated?: boolean;
  note?: string;
  /** A later attempt stood in for this one (a 429 retried, another PRM location answered): not a failure. */
  superseded?: boolean;
}

export interface Manifest {
  tool: 'forensic';
  version: string;
  collected_at: string;
  finished_at: string;
  /** False for a `--no-redact` private copy. */
  redacted: boolean;
  targets: { public: string; admin: string; resources: string[] };
  options: {
    interval_s: number;
    since: string;
    timeout_s: number;
    log_limit_bytes: number;
    /** Where the admin key came from (never the key): `AUTHPLANE_ADMIN_API_KEY`, --admin-key-file, or none. */
    admin_key_source: 'env' | 'file' | 'none';
  };
  items: ManifestItem[];
}

/** An RFC 3339 time (milliseconds dropped) for manifest and scrape comments. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Counts of the manifest's outcomes, for the closing summary line. */
export function tally(items: ManifestItem[]): Record<ItemOutcome, number> {
  const t: Record<ItemOutcome, number> = { ok: 0, 'http-error': 0, failed: 0, skipped: 0 };
  for (const i of items) t[i.outcome]++;
  return t;
}

/** Items the collection tried and did not get: failed or answered with an HTTP error, and not retried into success. */
export function failures(items: ManifestItem[]): ManifestItem[] {
  return items.filter((i) => (i.outcome === 'failed' || i.outcome === 'http-error') && !i.superseded);
}

const SHOWN_FAILURES = 5;

/** One line naming what failed and why (`public/health (connection refused), admin/stats (HTTP 401)`). */
export function failureSummary(failed: ManifestItem[], total: number): string {
  const why = (i: ManifestItem): string => {
    const text = i.error ?? (i.status !== null ? `HTTP ${i.status}` : i.outcome);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  };
  const shown = failed.slice(0, SHOWN_FAILURES).map((i) => `${i.name} (${why(i)})`).join(', ');
  const more = failed.length > SHOWN_FAILURES ? `, and ${failed.length - SHOWN_FAILURES} more (see manifest.json)` : '';
  return `collected with failures: ${failed.length} of ${total} items failed: ${shown}${more}`;
}
