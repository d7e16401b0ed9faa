// `forensic tui`: open the Ink app; it shows reading progress, then the analysis.
import type { TimeBound } from '../../correlate/index.ts';
import { runPipeline } from '../pipeline.ts';

export async function tuiCommand(bundle: string, o: { since?: TimeBound; until?: TimeBound }): Promise<number> {
  const { openTui } = await import('../../tui/index.ts');
  await openTui({ title: bundle, load: (onProgress) => runPipeline(bundle, { since: o.since, until: o.until, progress: false, onProgress }) });
  return 0;
}
