// `forensic tui`: run the pipeline, then open the Ink app.
import type { TimeBound } from '../../correlate/index.ts';
import { runPipeline } from '../pipeline.ts';

export async function tuiCommand(bundle: string, o: { since?: TimeBound; until?: TimeBound }): Promise<number> {
  const { model, analysis } = await runPipeline(bundle, { since: o.since, until: o.until, progress: true });
  const { openTui } = await import('../../tui/index.ts');
  await openTui({ model, analysis });
  return 0;
}
