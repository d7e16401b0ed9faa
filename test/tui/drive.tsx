// Drives the TUI like a person in the tests: keys in, the frame's text out.
import { render } from 'ink-testing-library';
import { EventEmitter } from 'node:events';
import { render as renderInk } from 'ink';
import type { ReactElement } from 'react';
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

/** A terminal of a given size for Ink (ink-testing-library's is always 100 columns with unknown rows). */
class SizedStdout extends EventEmitter {
  readonly frames: string[] = [];
  constructor(readonly columns: number, readonly rows: number) { super(); }
  write = (frame: string) => { this.frames.push(frame); };
  lastFrame = () => this.frames.at(-1);
}

/** Keys typed into the app, as ink-testing-library's stdin delivers them. */
class KeyStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => { this.data = data; this.emit('readable'); this.emit('data', data); };
  read = () => { const d = this.data; this.data = null; return d; };
  setEncoding() { /* text already */ }
  setRawMode() { /* no terminal */ }
  resume() { /* always flowing */ }
  pause() { /* always flowing */ }
  ref() { /* nothing to keep alive */ }
  unref() { /* nothing to keep alive */ }
}

/**
 * Render like ink-testing-library does, on a terminal of `size`, so the app starts at that size.
 * `exitOnCtrlC` as `forensic tui` sets it (off by default, as in ink-testing-library).
 */
export function renderSized(tree: ReactElement, size: { columns: number; rows: number }, { exitOnCtrlC = false } = {}) {
  const stdout = new SizedStdout(size.columns, size.rows);
  const stdin = new KeyStdin();
  const instance = renderInk(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream, stderr: new SizedStdout(size.columns, size.rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC, patchConsole: false,
  });
  return { ...instance, stdout, stdin, frames: stdout.frames, lastFrame: stdout.lastFrame };
}

/**
 * Render the app and drive it: `press(key, seen)` types one key, then waits until the screen shows
 * `seen` (a string or pattern), so the next key reaches the view now on screen. `size` sets the
 * terminal (ink-testing-library's is 100 columns, rows unknown so the app assumes 24); `props` are
 * more App props.
 */
export function drive(model: Model, analysis: Analysis, opts: { size?: { columns: number; rows: number }; props?: Partial<AppProps> } = {}) {
  const { size, props } = opts;
  const tree = <App model={model} analysis={analysis} color={false} {...props} />;
  const app = size ? renderSized(tree, size) : render(tree);
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
