// `forensic analyze`: run the pipeline and print the checklist and findings (or one trace's timeline).
import type { TimeBound } from '../../correlate/index.ts';
import { createRedactor, renderInventory, renderJson, renderMarkdown, renderText, renderTimeline } from '../../report/index.ts';
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
  const { model, analysis } = await runPipeline(bundle, { since: o.since, until: o.until, progress: o.progress });
  const redactor = o.redact ? createRedactor({}) : undefined;
  const render = { color: o.color, redactor, width: process.stdout.columns ?? 100 };
  if (o.tui) {
    const { openTui, loaded } = await import('../../tui/index.ts');
    await openTui({ title: bundle, load: loaded(model, analysis) });
    return exitCodeFor(analysis, o.failOn);
  }
  let out: string;
  if (o.trace) {
    if (o.format === 'markdown') throw new ForensicError('usage', '--trace prints text or json, not markdown');
    if (!model.traces.find(o.trace)) throw new ForensicError('usage', `no trace or request with id ${o.trace} in this bundle (forensic analyze ${bundle} --format json lists the traces)`);
    out = renderTimeline(model, o.trace, { ...render, format: o.format });
  } else if (o.inventory) {
    out = o.format === 'json' ? JSON.stringify({ bundle: analysis.bundle }, null, 2) : renderInventory(analysis, render);
  } else if (o.format === 'json') {
    out = renderJson(analysis, render);
  } else if (o.format === 'markdown') {
    out = renderMarkdown(analysis, model, { ...render, redactor: redactor ?? undefined });
  } else {
    out = renderText(analysis, model, render);
  }
  process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  return exitCodeFor(analysis, o.failOn);
}
