// Public surface of the TUI stage: placeholder until the Ink app lands.
import type { Model } from '../correlate/index.ts';
import type { Analysis } from '../rules/index.ts';

export interface TuiInput { model: Model; analysis: Analysis }

/** Open the interactive UI over a finished analysis; resolves when the user quits. */
export async function openTui(_input: TuiInput): Promise<void> {
  throw new Error('the TUI is not implemented yet');
}
