// Mounts the Ink app in the terminal's alternate screen. Loaded only through index.ts, after the
// terminal checks, because importing Ink fixes its CI detection for the life of the process.
import { render } from 'ink';
import { createElement } from 'react';
import type { Model } from '../correlate/index.ts';
import { createRedactor, ownHostsOf, primeRedactor } from '../report/index.ts';
import type { Analysis } from '../rules/index.ts';
import { Loader } from './Loader.tsx';
import type { TuiInput } from './index.ts';

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';

/** Open the interactive UI; resolves when the user quits. The terminal is restored on every exit path. */
export async function mountTui(input: TuiInput): Promise<void> {
  const color = !process.env.NO_COLOR;
  let failure: unknown = null;
  let isLoading = true;
  const load: TuiInput['load'] = (onProgress) => {
    const loading = input.load(onProgress);
    loading.then(() => { isLoading = false; }, () => { isLoading = false; });
    return loading;
  };
  process.stdout.write(ALT_SCREEN_ON);
  const restore = () => process.stdout.write(ALT_SCREEN_OFF);
  process.once('exit', restore);
  try {
    const app = render(createElement(Loader, {
      load, color, title: input.title ?? 'bundle',
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
  // Quit while the bundle was still being read: the analysis cannot be cancelled and nobody is left
  // to see it, so end the process now rather than keep the shell waiting (the terminal is restored).
  if (isLoading) process.exit(0);
}
