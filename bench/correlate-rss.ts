// Streams synthetic log records (≈1 GB of slog JSON worth, 3 M lines by default) through the
// Correlator and prints peak RSS and time. Usage: node --expose-gc --import tsx bench/correlate-rss.ts [records]
// (env RETAIN=<n> sets the retain limit, NO_AUDIT=1 leaves out the `audit` lines).
import { Correlator, DEFAULT_RETAIN_LIMIT } from '../src/correlate/index.ts';
import type { LogRecord } from '../src/ingest/index.ts';

const total = Number(process.argv[2] ?? 3_000_000);
const start = Date.parse('2026-10-03T00:00:00Z');
let seed = 0x9e3779b9;
/** Cheap pseudo-random hex ids (crypto randomness would dominate the timing). */
const hex = (bytes: number): string => {
  let s = '';
  while (s.length < bytes * 2) {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    s += (seed >>> 0).toString(16).padStart(8, '0');
  }
  return s.slice(0, bytes * 2);
};
const paths = ['/oauth/token', '/oauth/authorize', '/oauth/introspect', '/.well-known/jwks.json', '/health'];

let peak = 0;
const sample = (): void => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
};

/** One request: a domain line, sometimes an audit line, then the access line (≈3 records). */
function* records(): Generator<LogRecord> {
  let line = 0;
  let n = 0;
  while (n < total) {
    const reqId = hex(16);
    const traceId = n % 5 === 0 ? hex(16) : undefined;
    const ts = start + n * 10;
    const pod = n % 2 ? 'pod/authserver-0/authserver' : 'pod/authserver-1/authserver';
    const file = `${pod}.log`;
    const base = { kind: 'log' as const, file, offset: line * 330, source: pod, origin: 'authserver' as const, format: 'slog-json', service: 'authserver' };
    const status = n % 50 === 0 ? 400 : n % 997 === 0 ? 500 : 200;
    yield { ...base, line: ++line, time: new Date(ts).toISOString(), ts, level: 'INFO', msg: 'tokens issued', requestId: reqId, traceId,
      component: 'token', attrs: { client_id: `client-${n % 300}`, user_id: `user-${n % 5000}`, family_id: hex(8), auth_session_id: hex(8), token_type: 'Bearer' } };
    n++;
    if (n % 3 === 0 && !process.env.NO_AUDIT) {
      yield { ...base, line: ++line, time: new Date(ts + 1).toISOString(), ts: ts + 1, level: 'INFO', msg: 'audit', component: 'audit',
        attrs: { action: 'token.issued', actor_id: `user-${n % 5000}`, client_id: `client-${n % 300}`, ip: '10.0.0.7', detail: `family=${hex(8)}` } };
      n++;
    }
    yield { ...base, line: ++line, time: new Date(ts + 2).toISOString(), ts: ts + 2, level: status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO',
      msg: 'http request', requestId: reqId, traceId, component: 'http',
      attrs: { method: 'POST', path: paths[n % paths.length], status, duration_ms: 12, bytes: 231, remote_addr: `10.0.${n % 200}.7:51234`, user_agent: 'node' } };
    n++;
    if (n % 10_000 < 3) sample();
  }
}

const c = new Correlator({ retainLimit: Number(process.env.RETAIN ?? DEFAULT_RETAIN_LIMIT) });
let count = 0;
let addMs = 0;
// Generate in batches and time only the correlator: building records here is not what is measured.
const batch: LogRecord[] = [];
const flush = (): void => {
  const t = performance.now();
  for (const r of batch) c.add(r);
  addMs += performance.now() - t;
  count += batch.length;
  batch.length = 0;
};
for (const r of records()) if (batch.push(r) === 256) flush();
flush();
sample();
const tAdd = performance.now();
const model = c.finish({ source: 'bench', sha256: '', files: [], problems: [], tokenVault: new Map() });
const failing = model.traces.list(100);
sample();
const tEnd = performance.now();
const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;
console.log(`records: ${count}`);
console.log(`retained: ${model.logs.records().length} (complete: ${model.logs.isComplete}), traces: ${model.traces.total}, audit rows: ${model.audit.rows().length}, failing listed: ${failing.length}`);
console.log(`add (correlator only): ${(addMs / 1000).toFixed(1)} s (${((addMs * 1000) / count).toFixed(2)} µs/record), finish: ${((tEnd - tAdd) / 1000).toFixed(1)} s`);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  gc();
  console.log(`live heap after GC (model still referenced: ${model.logs.total}): ${mb(process.memoryUsage().heapUsed)}`);
}
console.log(`peak RSS (sampled): ${mb(peak)}, max RSS (OS): ${mb(process.resourceUsage().maxRSS * 1024)}, heap used now: ${mb(process.memoryUsage().heapUsed)}`);
