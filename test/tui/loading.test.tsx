import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import { Loader, type LoadFn } from '../../src/tui/Loader.tsx';
import { ENTER, renderSized } from './drive.tsx';

// The cascade sample: AP0401 (signing-key-regenerated) is the first finding.
let sample: PipelineResult;
beforeAll(async () => {
  sample = await runPipeline('samples/signing-key-regenerated.tgz', { progress: false });
}, 60_000);

/** The loader on a bundle that finishes reading only when the test says so. */
function loading(opts: { exitOnCtrlC?: boolean } = {}) {
  let finish: () => void = () => undefined;
  const load: LoadFn = () => new Promise((resolve) => { finish = () => resolve({ model: sample.model, analysis: sample.analysis }); });
  const app = renderSized(<Loader load={load} color={false} onError={() => undefined} title="bundle.tgz" />, { columns: 100, rows: 24 }, opts);
  const frame = () => app.lastFrame() ?? '';
  let exited = false;
  void app.waitUntilExit().then(() => { exited = true; });
  return { app, frame, finish: () => finish(), hasExited: () => exited };
}

describe('keys typed while the bundle loads', () => {
  it('are kept and handled in order once the app is on screen', async () => {
    const { app, frame, finish } = loading();
    await expect.poll(frame).toContain('reading bundle.tgz');
    // Findings, then open the first: typed before anything but the progress line was drawn.
    app.stdin.write('2');
    app.stdin.write(ENTER);
    expect(frame()).toContain('reading bundle.tgz');
    finish();
    await vi.waitFor(() => expect(frame()).toMatch(/^AP0401 · signing-key-regenerated · /m), { timeout: 5000 });
    expect(frame()).toContain('[2 Findings]');
    app.unmount();
  });

  it('q quits at once, without waiting for the bundle', async () => {
    const { app, frame, hasExited } = loading();
    await expect.poll(frame).toContain('reading bundle.tgz');
    app.stdin.write('q');
    await expect.poll(hasExited).toBe(true);
  });

  it('ctrl-c quits at once, as it does once the app is open', async () => {
    const { app, frame, hasExited } = loading({ exitOnCtrlC: true });
    await expect.poll(frame).toContain('reading bundle.tgz');
    app.stdin.write('\x03');
    await expect.poll(hasExited).toBe(true);
  });
});
