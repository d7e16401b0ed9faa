// Benchmark: ingest() over a large generated slog JSON log, plain and as a .tgz, reporting wall time,
// MB/s, records and peak RSS (memory must stay flat however big the input), next to `gzip -dc`.
// Run: npx tsx bench/ingest-rss.ts [sizeMB]   (default 1024; files go to os.tmpdir() and are deleted)
// BENCH_FORMATS=noop measures the reader alone (lines split, not parsed); =trivial uses JSON.parse per line.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allFormats, ingest, type FileFormat, type LogRecord } from '../src/ingest/index.ts';

const MB = 1e6;

/** A trivial line format, used only when no real log format is registered yet. */
const trivialFormat: FileFormat = {
  id: 'bench-json-lines', kind: 'log', mode: 'lines',
  sniff: (head) => (head.text.startsWith('{') ? 0.5 : 0),
  openLines: (ctx) => ({
    line(text, line, offset) {
      const raw = JSON.parse(text) as { msg: string; time: string };
      const rec: LogRecord = { kind: 'log', file: ctx.path, line, offset, time: raw.time, ts: Date.parse(raw.time), level: 'INFO',
        msg: raw.msg, source: ctx.path, origin: 'authserver', format: 'bench', attrs: {} };
      ctx.emit(rec);
    },
    end() {},
  }),
};

/** Lines split and counted, nothing parsed: the reader's own cost (BENCH_FORMATS=noop). */
const noopFormat: FileFormat = {
  id: 'bench-noop', kind: 'log', mode: 'lines',
  sniff: () => 0.5,
  openLines: () => ({ line() {}, end() {} }),
};

/** Formats to measure: the registered ones (default), `trivial` (JSON.parse per line) or `noop`. */
function benchFormats(): { label: string; formats?: FileFormat[] } {
  const want = process.env.BENCH_FORMATS;
  if (want === 'noop') return { label: 'noop', formats: [noopFormat] };
  if (want === 'trivial' || allFormats().length === 0) return { label: 'trivial', formats: [trivialFormat] };
  return { label: 'registered' };
}

/** Child mode: ingest one file with a counting sink and print one JSON line of results. */
async function child(file: string): Promise<void> {
  const { label, formats } = benchFormats();
  let records = 0;
  const started = process.hrtime.bigint();
  const result = await ingest(file, () => { records++; }, formats ? { formats } : {});
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const unpacked = result.files.filter((f) => f.kind !== 'archive').reduce((n, f) => n + f.bytes, 0);
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ seconds, records, unpacked, rssMiB, formats: label, problems: result.problems.length }));
}

/** Lines shaped like authplane-facts §1.4: access lines, token events, some warnings and errors. */
function generate(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  const base = Date.parse('2026-10-03T09:00:00Z');
  let written = 0;
  let i = 0;
  while (written < bytes) {
    let batch = '';
    for (let k = 0; k < 5000; k++, i++) {
      const time = new Date(base + i * 3).toISOString();
      const rid = (i * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(4);
      const status = i % 50 === 0 ? 401 : i % 333 === 0 ? 500 : 200;
      const level = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO';
      batch += i % 7 === 0
        ? `{"time":"${time}","level":"INFO","msg":"token issued","service":"authserver","component":"token","request_id":"${rid}","client_id":"mcp-client-${i % 40}","grant_type":"authorization_code"}\n`
        : `{"time":"${time}","level":"${level}","msg":"http request","service":"authserver","component":"http","request_id":"${rid}","method":"POST","path":"/oauth/token","status":${status},"duration_ms":${i % 97},"bytes":231,"remote_addr":"10.0.${i % 256}.7:51234","user_agent":"node","request_id":"${rid}"}\n`;
    }
    written += writeSync(fd, batch);
  }
  closeSync(fd);
}

function runChild(file: string): { seconds: number; records: number; unpacked: number; rssMiB: number; formats: string; problems: number } {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

function wall(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function main(): Promise<void> {
  const sizeMB = Number(process.argv[2] ?? 1024);
  const dir = mkdtempSync(join(tmpdir(), 'forensic-bench-'));
  try {
    const log = join(dir, 'authserver.log');
    const tgz = join(dir, 'bundle.tgz');
    console.log(`generating ${sizeMB} MB of slog JSON in ${dir} …`);
    generate(log, sizeMB * MB);
    const logBytes = statSync(log).size;
    execFileSync('tar', ['-I', 'gzip -1', '-cf', tgz, '-C', dir, 'authserver.log']);
    const tgzBytes = statSync(tgz).size;
    const gunzipSeconds = wall(() => execFileSync('sh', ['-c', `gzip -dc '${tgz}' > /dev/null`]));
    console.log(`input: ${(logBytes / MB).toFixed(0)} MB log, ${(tgzBytes / MB).toFixed(0)} MB tgz`);
    console.log(`gzip -dc bundle.tgz > /dev/null: ${gunzipSeconds.toFixed(2)} s (${(logBytes / MB / gunzipSeconds).toFixed(0)} MB/s)`);
    for (const [label, file] of [['plain .log', log], ['.tgz', tgz]] as const) {
      const r = runChild(file);
      console.log(`ingest ${label.padEnd(10)}: ${r.seconds.toFixed(2)} s, ${(r.unpacked / MB / r.seconds).toFixed(0)} MB/s, `
        + `${r.records} records, peak RSS ${r.rssMiB.toFixed(0)} MiB (${r.formats} formats, ${r.problems} problems)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!);
else await main();
