// Ingest + correlate only (the hot path), with CPU time and memory sampled every 100 ms: peak RSS,
// and heap used/total, external and array buffers at that peak. Modes (argv[3]): `full` (default,
// into the Correlator), `count` (ingest with a counting sink), `noop` (reader alone: a format that
// splits lines and parses nothing). Usage: node [--flags] --import tsx bench/ingest-phase.ts bundle.tgz [mode]
import { Correlator } from '../src/correlate/index.ts';
import type { FileFormat } from '../src/ingest/index.ts';
import { ingest } from '../src/ingest/index.ts';

const mode = process.argv[3] ?? 'full';
const noop: FileFormat = { id: 'bench-noop', kind: 'log', mode: 'lines', sniff: () => 0.5, openLines: () => ({ line() {}, end() {} }) };
const MB = 1e6;
let peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
const timer = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) peak = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers };
}, 100);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const c = new Correlator({ retainLimit: 50_000 });
let n = 0;
const sink = mode === 'full' ? (r: Parameters<Correlator['add']>[0]) => { n++; c.add(r); } : () => { n++; };
const result = await ingest(process.argv[2]!, sink, mode === 'noop' ? { formats: [noop] } : {});
const tIngest = performance.now() - t0;
const maxRssIngest = process.resourceUsage().maxRSS * 1000;
if (mode === 'full') c.finish(result);
clearInterval(timer);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const f = (b: number): string => `${(b / MB).toFixed(0)}`;
console.log(`${mode}: ${n} records, ingest ${(tIngest / 1000).toFixed(2)} s, total ${(wall / 1000).toFixed(2)} s, `
  + `maxRSS after ingest ${f(maxRssIngest)} MB, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}), maxRSS ${f(process.resourceUsage().maxRSS * 1000)} MB; `
  + `at the sampled peak: rss ${f(peak.rss)} heapUsed ${f(peak.heapUsed)} heapTotal ${f(peak.heapTotal)} external ${f(peak.external)} arrayBuffers ${f(peak.arrayBuffers)} MB`);
