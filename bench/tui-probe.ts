// Bench child: analyzes a bundle, then measures how soon the TUI is interactive on it: the first frame
// after the analysis ends, and each view switch (keys 1–6) until that view's frame shows.
// Prints one JSON line. Run: node --import tsx bench/tui-probe.ts <bundle>
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { runPipeline } from '../src/cli/pipeline.ts';
import { App } from '../src/tui/App.tsx';

const VIEWS = ['Checklist', 'Findings', 'Traces', 'Logs', 'Metrics', 'Audit'];
const TIMEOUT_MS = 60_000;

/** Resolves with the ms until `frame()` contains `text`, polling each event-loop turn. */
async function until(frame: () => string | undefined, text: string, started: number): Promise<number> {
  for (;;) {
    if (frame()?.includes(text)) return performance.now() - started;
    if (performance.now() - started > TIMEOUT_MS) throw new Error(`TUI never showed ${text}`);
    await new Promise((r) => setImmediate(r));
  }
}

async function main(bundle: string): Promise<void> {
  const { model, analysis } = await runPipeline(bundle, { progress: false });
  const started = performance.now();
  const app = render(createElement(App, { model, analysis, color: false }));
  const firstFrameMs = await until(app.lastFrame, '[1 Checklist]', started);
  const views: Record<string, number> = {};
  for (let i = 1; i < VIEWS.length; i++) {
    const t = performance.now();
    app.stdin.write(String(i + 1));
    views[VIEWS[i]!] = await until(app.lastFrame, `[${i + 1} ${VIEWS[i]}]`, t);
  }
  app.unmount();
  console.log(JSON.stringify({ firstFrameMs, views, interactiveMs: performance.now() - started }));
}

await main(process.argv[2]!);
