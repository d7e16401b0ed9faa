// `forensic report`: the redacted Markdown report, to a file or stdout.
import { writeFileSync } from 'node:fs';
import type { TimeBound } from '../../correlate/index.ts';
import { redactorFor, renderMarkdown } from '../../report/index.ts';
import { outputFile } from '../output-path.ts';
import { runPipeline } from '../pipeline.ts';

export interface ReportOptions {
  output?: string;
  since?: TimeBound;
  until?: TimeBound;
  progress: boolean;
}

export async function reportCommand(bundle: string, o: ReportOptions): Promise<number> {
  if (o.output) outputFile('-o', o.output);
  const { model, analysis } = await runPipeline(bundle, { since: o.since, until: o.until, progress: o.progress });
  const redactor = await redactorFor(model, analysis, renderMarkdown(analysis, model, { color: false }));
  const md = renderMarkdown(analysis, model, { color: false, redactor });
  if (o.output) {
    writeFileSync(o.output, md);
    process.stderr.write(`wrote ${o.output} (${md.length} bytes)\n`);
  } else {
    process.stdout.write(md);
  }
  return 0;
}
