// Time (wall and CPU), live heap and peak RSS of each phase after ingest + correlate: the rules
// engine, the text render with its redactor, and the TUI's Audit and Traces views' data.
// Usage: node --expose-gc --import tsx bench/rules-phase.ts bundle.tgz
import { Correlator, type Model } from '../src/correlate/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { redactorFor, renderText } from '../src/report/index.ts';
import { runEngine } from '../src/rules/index.ts';

const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
let wall = 0;
let cpu = process.cpuUsage();
/** Print one phase: wall ms, CPU ms, live heap after a full GC, and peak RSS so far. */
function phase(name: string): void {
  const c = process.cpuUsage(cpu);
  const w = Date.now() - wall;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const peak = process.resourceUsage().maxRSS * 1e3;
  console.log(`${name.padEnd(22)} wall ${String(w).padStart(6)} ms  cpu ${String(Math.round((c.user + c.system) / 1e3)).padStart(6)} ms  heap ${mb(heap).padStart(7)}  peak RSS ${mb(peak).padStart(7)}`);
  wall = Date.now();
  cpu = process.cpuUsage();
}

// The views' modules load ink and react: import them before the clock starts.
const audit = await import('../src/tui/views/AuditView.tsx') as { storyList?: (m: Model) => unknown[] };
const tracesView = await import('../src/tui/views/TracesView.tsx') as { TRACE_PAGE?: number };
wall = Date.now();
cpu = process.cpuUsage();
const c = new Correlator({ retainLimit: 50_000 });
const result = await ingest(process.argv[2]!, (rec) => c.add(rec), {});
const model = c.finish(result);
phase('ingest + correlate');
const analysis = runEngine(model, { toolVersion: 'bench', startedAt: Date.now() });
phase('rules');
const plain = renderText(analysis, model, { color: false, width: 100 });
const redactor = await redactorFor(model, analysis, plain, { ownHosts: false });
const out = renderText(analysis, model, { color: false, width: 100, redactor });
phase('redact + render text');
// What each view computes when it opens; a tree from before the views' helpers existed (for a
// before/after run) falls back to what those views did: every story, every trace.
const listed = audit.storyList ? audit.storyList(model).length : model.audit.stories().length;
phase('TUI audit view data');
const traces = model.traces.list(tracesView.TRACE_PAGE).length;
phase('TUI traces view data');
console.log(`findings ${analysis.findings.map((f) => f.cause).join(',')}; output ${out.length} chars; ${listed} stories; traces listed ${traces}`);
