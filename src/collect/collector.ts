// `forensic collect`: gathers what the ten-step checklist needs from a live deployment with
// read-only GETs (and, when asked, local logs), writes a manifest, and packs a redacted bundle.
import { rm } from 'node:fs/promises';
import { collectAudit, type AuditOptions } from './audit.ts';
import { collectAdminDocs, collectPublic, scrapeMetrics, type AdminAuth } from './authplane.ts';
import { isSuccess, skipItem, type ItemContext } from './http-item.ts';
import { collectLogCommand, dockerCommand, journalCommand, kubectlCommand, type RunOptions } from './log-commands.ts';
import { collectLogFiles } from './log-files.ts';
import { failureSummary, failures, rfc3339, tally, type Manifest, type ManifestItem } from './manifest.ts';
import { packPlain, packRedacted, type PackResult } from './pack.ts';
import { createProgress } from './progress.ts';
import { collectResource } from './resources.ts';
import { SecretScrubber } from './scrub.ts';
import { Staging } from './staging.ts';

export interface CollectOptions {
  /** forensic's version, for the manifest. */
  version: string;
  publicUrl: string;
  adminUrl: string;
  /** The admin API key, or null; it is sent to the admin origin only and never written anywhere. */
  adminKey: string | null;
  adminKeySource: 'env' | 'file' | 'none';
  resources: string[];
  intervalMs: number;
  /** Start of the audit and log window (epoch ms), and how the user said it (`24h`). */
  sinceMs: number;
  sinceLabel: string;
  timeoutMs: number;
  logs: string[];
  journalUnit?: string;
  kubectlSelector?: string;
  dockerContainers: string[];
  logCapBytes: number;
  isRedacted: boolean;
  output: string;
  /** Where progress lines go (stderr in the CLI). */
  write: (line: string) => void;
  isQuiet?: boolean;
  /** Tuning for tests: audit paging pauses and page size, log program paths and time limit. */
  audit?: Partial<Omit<AuditOptions, 'sinceMs'>>;
  bin?: RunOptions['bin'];
  commandTimeoutMs?: number;
}

export interface CollectResult {
  output: string;
  manifest: Manifest;
  pack: PackResult;
  /** Items tried and not got (failed, or an HTTP error not retried into success); the bundle holds the rest. */
  failed: ManifestItem[];
}

/** AuthPlane refuses an audit `since` further back than this (`admin.audit_max_lookback`). */
const MAX_LOOKBACK_MS = 720 * 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Collect everything asked for and write the bundle; failed items are recorded, never fatal, and
 * named on one closing line (printed even when quiet: the exit status depends on it).
 */
export async function collect(o: CollectOptions): Promise<CollectResult> {
  const scrub = new SecretScrubber([o.adminKey ?? undefined]);
  const progress = createProgress(o.write, scrub, o.isQuiet);
  const staging = await Staging.create(scrub);
  const items: ManifestItem[] = [];
  const ctx: ItemContext = { staging, progress, items, timeoutMs: o.timeoutMs };
  const collectedAt = Date.now();
  const auth: AdminAuth | null = o.adminKey ? { headers: { Authorization: `Bearer ${o.adminKey}` }, origin: new URL(o.adminUrl).origin } : null;
  try {
    // The first scrape goes first, so the interval before the second one is spent on everything else.
    const first = await scrapeMetrics(ctx, o.adminUrl, 1);
    const firstAt = Date.now();
    await collectPublic(ctx, o.publicUrl);
    await collectAdminDocs(ctx, o.adminUrl, auth);
    let auditSince = o.sinceMs;
    if (collectedAt - auditSince > MAX_LOOKBACK_MS) {
      auditSince = collectedAt - MAX_LOOKBACK_MS;
      progress.info(`  admin/audit: --since ${o.sinceLabel} is beyond AuthPlane's 720h maximum lookback; asking for the last 720h`);
    }
    await collectAudit(ctx, o.adminUrl, auth, {
      sinceMs: auditSince, pageSize: 1000, slowDownPauseMs: 2000, pagePauseMs: 100, maxRetries: 5, ...o.audit,
    });
    for (const r of o.resources) await collectResource(ctx, r);
    await collectLogFiles(ctx, o.logs, o.logCapBytes);
    const run: RunOptions = { capBytes: o.logCapBytes, timeoutMs: o.commandTimeoutMs ?? 120_000, bin: o.bin };
    if (o.journalUnit) await collectLogCommand(ctx, journalCommand(o.journalUnit, o.sinceMs), run);
    if (o.kubectlSelector) await collectLogCommand(ctx, kubectlCommand(o.kubectlSelector, o.sinceMs), run);
    for (const c of o.dockerContainers) await collectLogCommand(ctx, dockerCommand(c, o.sinceMs), run);

    if (isSuccess(first)) {
      const wait = firstAt + o.intervalMs - Date.now();
      if (wait > 0) {
        progress.info(`  waiting ${(wait / 1000).toFixed(wait < 10_000 ? 1 : 0)}s for the second /metrics scrape (--interval)`);
        await sleep(wait);
      }
      await scrapeMetrics(ctx, o.adminUrl, 2);
    } else {
      skipItem(ctx, 'admin/metrics-2', null, 'the first /metrics scrape failed');
    }

    const manifest: Manifest = {
      tool: 'forensic', version: o.version, collected_at: rfc3339(collectedAt), finished_at: rfc3339(Date.now()),
      redacted: o.isRedacted,
      targets: { public: o.publicUrl, admin: o.adminUrl, resources: o.resources },
      options: {
        interval_s: o.intervalMs / 1000, since: o.sinceLabel, timeout_s: o.timeoutMs / 1000,
        log_limit_bytes: o.logCapBytes, admin_key_source: o.adminKeySource,
      },
      items,
    };
    await staging.write('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, Date.now());
    let pack: PackResult;
    try {
      pack = o.isRedacted ? await packRedacted(staging.dir, o.output) : await packPlain(staging.dir, staging.files(), o.output);
    } catch (err) {
      await rm(o.output, { force: true });
      throw err;
    }
    const t = tally(items);
    progress.info(`wrote ${o.output}: ${pack.files} files; ${t.ok} items ok, ${t['http-error']} HTTP errors, ${t.failed} failed, ${t.skipped} skipped${o.isRedacted ? '' : ' (NOT redacted: a private copy, never attach it publicly)'}`);
    const failed = failures(items);
    if (failed.length > 0) o.write(`${scrub.text(failureSummary(failed, items.length))}\n`);
    return { output: o.output, manifest, pack, failed };
  } catch (err) {
    // Whatever stops the run is printed: it must not carry the key either.
    if (err instanceof Error) {
      err.message = scrub.text(err.message);
      if (err.stack) err.stack = scrub.text(err.stack);
    }
    throw err;
  } finally {
    await staging.dispose();
  }
}
