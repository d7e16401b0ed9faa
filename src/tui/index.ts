// Public surface of the TUI stage. Ink is imported only after the terminal checks below: it decides
// once, at import, whether it runs in CI (any CI or CONTINUOUS_INTEGRATION variable), and in CI it
// draws nothing until exit. A person at a real terminal inside a CI-flavoured shell (a dev container,
// a runner's debug session) must still see the app.
import type { Model } from '../correlate/index.ts';
import { ForensicError } from '../ingest/index.ts';
import type { Analysis } from '../rules/index.ts';
import type { LoadFn } from './Loader.tsx';

export type { LoadFn } from './Loader.tsx';

export interface TuiInput {
  /** Analyze the bundle, reporting progress (the app shows it while it waits). */
  load: LoadFn;
  /** Shown in the progress line. */
  title?: string;
}

/** Open the interactive UI; resolves when the user quits. The terminal is restored on every exit path. */
export async function openTui(input: TuiInput): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new ForensicError('usage', 'the TUI needs an interactive terminal; use forensic analyze for text or JSON output');
  }
  // Both ends are a terminal, so someone is watching: Ink's CI mode would leave the screen blank.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { mountTui } = await import('./open.ts');
  await mountTui(input);
}

/** Convenience for callers that already hold the analysis. */
export function loaded(model: Model, analysis: Analysis): LoadFn {
  return async () => ({ model, analysis });
}
