// Live heap, array buffers and peak RSS after ingest, finish and the rules, on the compiled build (dist/,
// `npm run build`), as `forensic analyze` runs them. Usage: node --expose-gc bench/phase-dist.mjs bundle.tgz
import console from 'node:console';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { URL } from 'node:url';
const D = process.env.FORENSIC_DIST ?? new URL('../dist', import.meta.url).pathname;
const { Correlator } = await import(`${D}/correlate/index.js`);
const { ingest } = await import(`${D}/ingest/index.js`);
const { runEngine } = await import(`${D}/rules/index.js`);
const f = (b) => (b / 1e6).toFixed(0);
let peak = 0;
const timer = setInterval(() => { const r = process.memoryUsage.rss(); if (r > peak) peak = r; }, 20);
const mb = (label, t) => { const m = process.memoryUsage(); const h0 = m.heapUsed; globalThis.gc?.(); const g = process.memoryUsage(); console.log(label, Date.now() - t, 'ms', `rss ${f(m.rss)} heap ${f(h0)} (live ${f(g.heapUsed)}) ab ${f(m.arrayBuffers)} maxRSS ${f(process.resourceUsage().maxRSS * 1e3)}`); };
let t = Date.now();
const c = new Correlator({ retainLimit: 50_000 });
const result = await ingest(process.argv[2], (rec) => c.add(rec), {});
mb('ingest', t);
t = Date.now(); const model = c.finish(result); mb('finish', t);
t = Date.now(); const analysis = runEngine(model, { toolVersion: 'x', startedAt: t }); mb('rules', t);
clearInterval(timer);
void analysis;
