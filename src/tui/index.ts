// Public surface of the TUI stage: open the Ink app in the terminal's alternate screen.
import { render } from 'ink';
import { createElement } from 'react';
import type { Model } from '../correlate/index.ts';
import { ForensicError } from '../ingest/index.ts';
import { createRedactor, ownHostsOf, primeRedactor } from '../report/index.ts';
import type { Analysis } from '../rules/index.ts';
import { Loader, type LoadFn } from './Loader.tsx';

export { App, type AppProps } from './App.tsx';
export type { LoadFn } from './Loader.tsx';

export interface TuiInput {
  /** Analyze the bundle, reporting progress (the app shows it while it waits). */
  load: LoadFn;
  /** Shown in the progress line. */
  title?: string;
}

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';

/** Open the interactive UI; resolves when the user quits. The terminal is restored on every exit path. */
export async function openTui(input: TuiInput): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new ForensicError('usage', 'the TUI needs an interactive terminal; use forensic analyze for text or JSON output');
  }
  const color = !process.env.NO_COLOR;
  let failure: unknown = null;
  process.stdout.write(ALT_SCREEN_ON);
  const restore = () => process.stdout.write(ALT_SCREEN_OFF);
  process.once('exit', restore);
  try {
    const app = render(createElement(Loader, {
      load: input.load, color, title: input.title ?? 'bundle',
      makeRedactor: (model: Model, analysis: Analysis) => {
        const r = createRedactor({ ownDomains: ownHostsOf(model) });
        primeRedactor(r, model, analysis);
        return r;
      },
      onError: (e: unknown) => { failure = e; },
    }), { exitOnCtrlC: true, patchConsole: true });
    await app.waitUntilExit();
  } finally {
    process.removeListener('exit', restore);
    restore();
  }
  if (failure) throw failure;
}

/** Convenience for callers that already hold the analysis. */
export function loaded(model: Model, analysis: Analysis): LoadFn {
  return async () => ({ model, analysis });
}
