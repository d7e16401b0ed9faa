// How the benches time `forensic analyze`: wall time, the process's own peak RSS and the causes it found.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(fileURLToPath(new URL('../', import.meta.url)), 'bin', 'forensic.js');
const MB = 1e6;

// Peak RSS of the forensic process, written by the process itself when it exits (no /usr/bin/time
// needed): a data: URL module preloaded with --import. maxRSS is in KiB.
const RSS_PROBE = 'data:text/javascript,' + encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.FORENSIC_BENCH_RSS, String(process.resourceUsage().maxRSS)));");

/** Seconds since `start` (process.hrtime.bigint()). */
export function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** `forensic analyze --format json` on the bundle: wall time, peak RSS (MB) and the causes in order. `out` names a scratch file. */
export function forensicRun(path: string, out: string): { seconds: number; rssMb: number; causes: string[]; records: number } {
  const rssFile = `${out}.rss`;
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', RSS_PROBE, BIN, 'analyze', '--format', 'json', '--fail-on', 'never', path], {
    encoding: 'utf8', maxBuffer: 256 * MB, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORENSIC_BENCH_RSS: rssFile },
  });
  const secs = seconds(t);
  if (r.status !== 0) throw new Error(`forensic analyze failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const json = JSON.parse(r.stdout) as { findings: { cause: string }[]; stats: { records: number } };
  const rssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  return { seconds: secs, rssMb, causes: json.findings.map((f) => f.cause), records: json.stats.records };
}

/**
 * The side benches: `forensic analyze` on the base sample, then on a bundle grown from it for each
 * size given (`make(size)` returns its path); prints time, peak RSS and whether the causes are the
 * sample's (the growth is healthy traffic, so they must be).
 */
export function benchAgainstSample(o: { name: string; dir: string; sample: string; sizes: number[]; unit: string; make: (size: number) => string }): void {
  mkdirSync(o.dir, { recursive: true });
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`forensic ${o.name} bench — node ${process.version}, load average ${load}`);
  const ref = forensicRun(o.sample, join(o.dir, `${o.name}-ref.json`));
  for (const size of o.sizes) {
    const r = forensicRun(o.make(size), join(o.dir, `${o.name}-${size}.json`));
    const same = r.causes.join(',') === ref.causes.join(',');
    console.log(`${size} ${o.unit}: ${r.seconds.toFixed(2)} s, peak RSS ${r.rssMb.toFixed(1)} MB, causes = the sample's: ${same ? 'yes' : `NO (${r.causes.join(', ')})`}`);
  }
}

/**
 * `<dir>/<name>.tgz`: the sample bundle unpacked, changed by `edit` (given its `support-bundle`
 * folder) and packed again; made once, then taken from the cache.
 */
export function sampleVariant(o: { dir: string; sample: string; name: string; edit: (bundle: string) => void }): string {
  const out = join(o.dir, `${o.name}.tgz`);
  if (existsSync(out)) return out;
  const root = join(o.dir, `${o.name}-${process.pid}`);
  mkdirSync(root, { recursive: true });
  execFileSync('tar', ['xzf', o.sample, '-C', root]);
  o.edit(join(root, 'support-bundle'));
  execFileSync('tar', ['czf', out, '-C', root, 'support-bundle']);
  rmSync(root, { recursive: true, force: true });
  return out;
}
