// `forensic analyze`: run the pipeline and print the checklist and findings (or one trace's timeline).
import type { TimeBound } from '../../correlate/index.ts';
import { redactorFor, renderInventory, renderJson, renderMarkdown, renderText, renderTimeline, type RenderOptions } from '../../report/index.ts';
import type { Analysis, Severity } from '../../rules/index.ts';
import { ForensicError } from '../../ingest/index.ts';
import { runPipeline } from '../pipeline.ts';

export interface AnalyzeOptions {
  format: 'text' | 'json' | 'markdown';
  since?: TimeBound;
  until?: TimeBound;
  trace?: string;
  failOn: Severity | 'never';
  inventory: boolean;
  redact: boolean;
  color: boolean;
  progress: boolean;
  tui: boolean;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Exit code per contract.md: 1 when a finding is at or above --fail-on, else 0. */
export function exitCodeFor(analysis: Analysis, failOn: Severity | 'never'): number {
  if (failOn === 'never') return 0;
  return analysis.findings.some((f) => RANK[f.severity] >= RANK[failOn]) ? 1 : 0;
}

export async function analyzeCommand(bundle: string, o: AnalyzeOptions): Promise<number> {
  const { model, analysis } = await runPipeline(bundle, { since: o.since, until: o.until, progress: o.progress, isInventory: o.inventory });
  if (o.tui) {
    const { openTui, loaded } = await import('../../tui/index.ts');
    await openTui({ title: bundle, load: loaded(model, analysis) });
    return exitCodeFor(analysis, o.failOn);
  }
  if (o.trace && o.format === 'markdown') throw new ForensicError('usage', '--trace prints text or json, not markdown');
  if (o.trace && !model.traces.find(o.trace)) throw new ForensicError('usage', `no trace or request with id ${o.trace} in this bundle (forensic analyze ${bundle} --format json lists the traces)`);
  const render = (r: RenderOptions): string => {
    if (o.trace) return renderTimeline(model, o.trace, { ...r, format: o.format === 'json' ? 'json' : 'text' });
    if (o.inventory) return o.format === 'json' ? JSON.stringify({ bundle: analysis.bundle }, null, 2) : renderInventory(analysis, r);
    if (o.format === 'json') return renderJson(analysis, r);
    if (o.format === 'markdown') return renderMarkdown(analysis, model, r);
    return renderText(analysis, model, r);
  };
  // A pipe has no width: $COLUMNS when set, else 100 columns, and a trace (read to see one request
  // whole) is not cut to a width at all.
  const width = process.stdout.columns ?? (Number(process.env.COLUMNS) || (o.trace ? undefined : 100));
  const plain: RenderOptions = { color: o.color, width };
  let out = render(plain);
  // Excerpts are redacted unless --no-redact (contract.md); the redactor first reads the unredacted
  // text. The operator's own hostnames stay readable in text and JSON: that output is for their own
  // terminal or scripts, and a fix must name the real resource URI. Markdown is the issue text meant
  // for pasting, which says its identities are pseudonymized: it is redacted as `forensic report` is.
  const keepHosts = o.format !== 'markdown';
  if (o.redact) out = render({ ...plain, redactor: await redactorFor(model, analysis, out, keepHosts ? { ownHosts: false } : {}) });
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  return exitCodeFor(analysis, o.failOn);
}
