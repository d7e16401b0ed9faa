// Drives the TUI like a person in the tests: keys in, the frame's text out.
import { render } from 'ink-testing-library';
import { expect, vi } from 'vitest';
import type { Model } from '../../src/correlate/index.ts';
import type { Analysis } from '../../src/rules/index.ts';
import { App, type AppProps } from '../../src/tui/App.tsx';

export const ENTER = '\r';
export const ESC = '\x1b';
export const LEFT = '\x1b[D';
/** What terminals send for the Backspace key (DEL); Ctrl-H sends `\b`. */
export const BACKSPACE = '\x7f';
export const CTRL_U = '\x15';

/**
 * Render the app and drive it: `press(key, seen)` types one key, then waits until the screen shows
 * `seen` (a string or pattern), so the next key reaches the view now on screen. `size` sets the
 * terminal (ink-testing-library's is 100 columns, rows unknown so the app assumes 24); `props`
 * are more App props.
 */
export function drive(model: Model, analysis: Analysis, opts: { size?: { columns: number; rows: number }; props?: Partial<AppProps> } = {}) {
  const { size, props } = opts;
  const app = render(<App model={model} analysis={analysis} color={false} {...props} />);
  if (size) {
    // A terminal resize, as Ink and the app see one: new dimensions, then a 'resize' event.
    Object.defineProperty(app.stdout, 'columns', { value: size.columns, configurable: true });
    Object.defineProperty(app.stdout, 'rows', { value: size.rows, configurable: true });
    app.stdout.emit('resize');
  }
  const frame = () => app.lastFrame() ?? '';
  const press = async (k: string, seen: string | RegExp) => {
    app.stdin.write(k);
    await vi.waitFor(() => expect(frame()).toMatch(seen), { timeout: 5000 });
  };
  /** Type text into an open prompt, one key at a time, each seen before the next. */
  const type = async (text: string) => {
    for (let i = 0; i < text.length; i++) await press(text[i]!, `${text.slice(0, i + 1)}▏`);
  };
  return { app, frame, press, type };
}
