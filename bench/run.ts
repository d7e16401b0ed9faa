// `npm run bench`: generates realistic bundles (bench/gen.ts) and measures, in the same run, `gzip -dc`
// of each bundle (the floor) against `forensic analyze --format json` on it: wall time, ratio, MB/s,
// peak RSS, the causes found (which must equal those of a small bundle with the same planted
// failures), how time and memory grow with size, and how soon the TUI is interactive on the largest.
// Usage: npm run bench -- [--size MB]... [--runs N] [--dir DIR] [--no-tui] [--smoke]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBundle } from './gen.ts';
import { forensicRun, seconds } from './measure.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MB = 1e6;
/** Bump when gen.ts changes what it writes, so cached bundles are regenerated. */
const GEN_VERSION = 2;
const TARGET_RATIO = 1.5;
const TARGET_RSS_MB = 400;
const TARGET_RSS_GROWTH = 1.5;
const TARGET_TUI_MS = 1000;

interface Options { sizes: number[]; reference: number; runs: number; dir: string; isTui: boolean; isSmoke: boolean }

function parseArgs(argv: string[]): Options {
  const o: Options = { sizes: [], reference: 5, runs: 1, dir: join(tmpdir(), 'forensic-bench'), isTui: true, isSmoke: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--size') o.sizes.push(Number(value()));
    else if (a === '--runs') o.runs = Math.max(1, Number(value()));
    else if (a === '--dir') o.dir = value();
    else if (a === '--reference') o.reference = Number(value());
    else if (a === '--no-tui') o.isTui = false;
    else if (a === '--smoke') o.isSmoke = true;
    else if (/^\d+$/.test(a)) o.sizes.push(Number(a));
    else throw new Error(`unknown argument ${a} (usage: npm run bench -- [--size MB]... [--runs N] [--dir DIR] [--no-tui] [--smoke])`);
  }
  if (o.isSmoke && o.sizes.length === 0) o.sizes = [20];
  if (o.isSmoke) {
    o.reference = Math.min(o.reference, 2);
    o.dir = join(o.dir, `smoke-${process.pid}`); // a private directory, removed at the end
  }
  if (o.sizes.length === 0) o.sizes = [250, 1024];
  if (o.sizes.some((s) => !(s > 0))) throw new Error('sizes are positive numbers of MB');
  return o;
}

/** The bundle for `sizeMb` from the cache directory, generated when missing. */
function bundleFor(dir: string, sizeMb: number): { path: string; bytes: number; compressed: number; isCached: boolean } {
  const cached = join(dir, `v${GEN_VERSION}-${sizeMb}mb.tgz`);
  const meta = `${cached}.bytes`;
  if (existsSync(cached) && existsSync(meta)) {
    return { path: cached, bytes: Number(readFileSync(meta, 'utf8')), compressed: statSync(cached).size, isCached: true };
  }
  const work = join(dir, `gen-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const g = generateBundle(work, sizeMb * MB);
  execFileSync('mv', [g.path, cached]);
  execFileSync('sh', ['-c', 'printf %s "$1" > "$2"', 'sh', String(g.totalBytes), meta]);
  rmSync(work, { recursive: true, force: true });
  return { path: cached, bytes: g.totalBytes, compressed: statSync(cached).size, isCached: false };
}

/** `gzip -dc bundle > /dev/null`: the decompression floor. */
function gunzipTime(path: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync('gzip', ['-dc', path], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`gzip -dc failed on ${path}`);
  return seconds(t);
}

/** The TUI probe child: time to the first frame and to each view after the analysis. */
function tuiProbe(path: string): { firstFrameMs: number; slowestView: string; slowestMs: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'tui-probe.ts'), path], { encoding: 'utf8', maxBuffer: 16 * MB, cwd: ROOT });
  if (r.status !== 0) throw new Error(`TUI probe failed: ${r.stderr.slice(-2000)}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { firstFrameMs: number; views: Record<string, number> };
  const [slowestView, slowestMs] = Object.entries(j.views).sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];
  return { firstFrameMs: j.firstFrameMs, slowestView, slowestMs };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

interface SizeResult { sizeMb: number; gzip: number; forensic: number; rssMb: number; causes: string[] }

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  mkdirSync(o.dir, { recursive: true });
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`forensic bench — node ${process.version}, load average ${load}, ${o.runs} run(s) per size (medians), bundles in ${o.dir}`);

  const ref = bundleFor(o.dir, o.reference);
  const refRun = forensicRun(ref.path, join(o.dir, 'ref.json'));
  console.log(`reference ${o.reference} MB bundle: causes ${refRun.causes.join(', ') || '(none)'}`);

  const results: SizeResult[] = [];
  for (const size of o.sizes) {
    const b = bundleFor(o.dir, size);
    const gz: number[] = [];
    const fr: ReturnType<typeof forensicRun>[] = [];
    for (let i = 0; i < o.runs; i++) {
      gz.push(gunzipTime(b.path)); // interleaved, so both see the same machine load
      fr.push(forensicRun(b.path, join(o.dir, `out-${size}.json`)));
    }
    const r: SizeResult = { sizeMb: size, gzip: median(gz), forensic: median(fr.map((x) => x.seconds)), rssMb: median(fr.map((x) => x.rssMb)), causes: fr[0]!.causes };
    results.push(r);
    const same = r.causes.join(',') === refRun.causes.join(',');
    console.log(`\nbundle ${size} MB: ${f1(b.bytes / MB)} MB uncompressed, ${f1(b.compressed / MB)} MB .tgz${b.isCached ? ' (cached)' : ''}, ${fr[0]!.records} records`);
    console.log(`  gzip -dc        ${f2(r.gzip).padStart(7)} s  ${f1(b.bytes / MB / r.gzip).padStart(6)} MB/s`);
    console.log(`  forensic        ${f2(r.forensic).padStart(7)} s  ${f1(b.bytes / MB / r.forensic).padStart(6)} MB/s  peak RSS ${f1(r.rssMb)} MB`);
    console.log(`  ratio           ${f2(r.forensic / r.gzip)}× gzip -dc`);
    console.log(`  causes          ${r.causes.join(', ') || '(none)'}`);
    console.log(`  same findings as the reference bundle: ${same ? 'yes' : 'NO'}`);
  }

  const big = results.reduce((a, b) => (b.sizeMb > a.sizeMb ? b : a));
  const small = results.reduce((a, b) => (b.sizeMb < a.sizeMb ? b : a));
  let tui: ReturnType<typeof tuiProbe> | null = null;
  if (o.isTui) {
    tui = tuiProbe(bundleFor(o.dir, big.sizeMb).path);
    console.log(`\nTUI on ${big.sizeMb} MB: first frame ${tui.firstFrameMs.toFixed(0)} ms after the analysis; slowest view switch ${tui.slowestView} ${tui.slowestMs.toFixed(0)} ms`);
  }
  if (results.length > 1) {
    console.log(`\ngrowth ${small.sizeMb} MB → ${big.sizeMb} MB (×${f1(big.sizeMb / small.sizeMb)} input): time ×${f2(big.forensic / small.forensic)}, peak RSS ×${f2(big.rssMb / small.rssMb)}`);
  }
  console.log(`\ntargets (on the ${big.sizeMb} MB bundle):`);
  console.log(`  time ≤ ${TARGET_RATIO}× gzip -dc: ${f2(big.forensic / big.gzip)}× — ${met(big.forensic / big.gzip <= TARGET_RATIO)}`);
  console.log(`  peak RSS ≤ ${TARGET_RSS_MB} MB: ${f1(big.rssMb)} MB — ${met(big.rssMb <= TARGET_RSS_MB)}`);
  if (results.length > 1) console.log(`  RSS growth < ${TARGET_RSS_GROWTH}×: ×${f2(big.rssMb / small.rssMb)} — ${met(big.rssMb / small.rssMb < TARGET_RSS_GROWTH)}`);
  const allSame = results.every((r) => r.causes.join(',') === refRun.causes.join(','));
  console.log(`  same findings at every size: ${met(allSame)}`);
  if (tui) console.log(`  TUI interactive ≤ ${TARGET_TUI_MS} ms: ${tui.firstFrameMs.toFixed(0)} ms — ${met(tui.firstFrameMs <= TARGET_TUI_MS)}`);
  if (o.isSmoke) rmSync(o.dir, { recursive: true, force: true });
}

main();
