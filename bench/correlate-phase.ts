// Live heap and RSS after each phase (ingest, correlate finish, listing every trace, audit rows,
// rules, audit stories) on one bundle, to see which phase holds the memory. Usage: node --expose-gc --import tsx bench/correlate-phase.ts bundle.tgz
import { Correlator } from '../src/correlate/index.ts';
import { ingest } from '../src/ingest/index.ts';
import { runEngine } from '../src/rules/index.ts';
/** Heap after a full GC, and RSS. */
const mb = (): string => { globalThis.gc?.(); const m = process.memoryUsage(); return `heap ${(m.heapUsed / 1e6).toFixed(0)} MB rss ${(m.rss / 1e6).toFixed(0)} MB, peak so far ${(process.resourceUsage().maxRSS / 1e3).toFixed(0)} MB`; };
let t = Date.now();
const c = new Correlator({ retainLimit: 50_000 });
const result = await ingest(process.argv[2]!, (rec) => c.add(rec), {});
console.log('ingest', Date.now() - t, mb());
t = Date.now(); const model = c.finish(result); console.log('finish', Date.now() - t, mb());
t = Date.now(); const listed = model.traces.list().length; console.log('traces.list()', listed, Date.now() - t, mb());
t = Date.now(); model.audit.rows(); console.log('rows', Date.now() - t, mb());
t = Date.now(); const analysis = runEngine(model, { toolVersion: 'x', startedAt: t }); console.log('rules', Date.now() - t, mb());
t = Date.now(); model.audit.stories(); console.log('stories', Date.now() - t, mb());
void analysis;
