// Runs the stages in order (ingest → correlate → rules) with a progress line on stderr.
import { basename } from 'node:path';
import { Correlator, type Model, type TimeBound } from '../correlate/index.ts';
import { ForensicError, ingest, type IngestProgress, type IngestResult } from '../ingest/index.ts';
import { runEngine, type Analysis } from '../rules/index.ts';
import { collectGarbage } from './collect-garbage.ts';
import { VERSION } from './version.ts';

/**
 * Log records the correlator keeps whole before it keeps only notable lines and those of failing
 * requests (every line stays in its compact index). The correlator's own default (300 000) held
 * ~900 MB on a 250 MB bundle; 50 000 gives the same findings on the bench bundles (npm run bench)
 * and on every sample, whose logs are far smaller.
 */
const RETAIN_LIMIT = 50_000;

export interface PipelineOptions {
  since?: TimeBound;
  until?: TimeBound;
  /** Show a progress line on stderr (only when stderr is a terminal). */
  progress: boolean;
  /** Called with progress updates (the TUI shows its own). */
  onProgress?: (p: IngestProgress) => void;
  /** Only the inventory is wanted: a broken archive with nothing checkable is still worth listing. */
  isInventory?: boolean;
}

export interface PipelineResult {
  ingest: IngestResult;
  model: Model;
  analysis: Analysis;
}

/** Read, correlate and analyze one bundle. Throws ForensicError for unusable input. */
export async function runPipeline(input: string, opts: PipelineOptions): Promise<PipelineResult> {
  const startedAt = Date.now();
  const progress = opts.progress && process.stderr.isTTY ? progressLine(input) : undefined;
  const correlator = new Correlator({ since: opts.since, until: opts.until, retainLimit: RETAIN_LIMIT, settle: collectGarbage });
  let result: IngestResult;
  try {
    result = await ingest(input, (rec) => correlator.add(rec), {
      onProgress: (p) => {
        progress?.update(p);
        opts.onProgress?.(p);
      },
    });
  } finally {
    progress?.clear();
  }
  collectGarbage();
  const model = correlator.finish(result);
  collectGarbage();
  const analysis = runEngine(model, { toolVersion: VERSION, startedAt });
  collectGarbage();
  if (!opts.isInventory) refuseBrokenAndBlank(input, analysis);
  return { ingest: result, model, analysis };
}

/**
 * An archive that breaks off before anything a checklist step could use is unusable input
 * (exit 3), not a healthy bundle: its "no findings" would only mean "nothing was read".
 */
function refuseBrokenAndBlank(input: string, a: Analysis): void {
  const cut = a.bundle.problems.find((p) => p.endsInput);
  if (!cut || a.findings.length > 0 || a.checklist.some((c) => c.status !== 'unknown')) return;
  // An archive inside the directory given is named; the input itself already is.
  const where = cut.path === basename(input) ? '' : `${cut.path}: `;
  throw new ForensicError('input-unusable', `too little of ${input} could be read to check anything: ${where}${cut.problem}`);
}

/** A single self-overwriting stderr line, updated at most ten times a second. */
function progressLine(input: string) {
  let last = 0;
  let shown = false;
  const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;
  return {
    update(p: IngestProgress) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const of = p.bytesTotal ? ` / ${mb(p.bytesTotal)}` : '';
      const text = `reading ${input}: ${mb(p.bytesRead)}${of}, ${p.filesDone} files`;
      process.stderr.write(`\r\x1b[K${text.slice(0, (process.stderr.columns ?? 80) - 1)}`);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
