// An outage bundle: the main bench's bundle with 30% of AuthPlane's successful requests turned into
// 503s logged at ERROR, and `forensic analyze` on it: wall time, peak RSS and the causes, which must
// equal those of the 5 MB outage bundle. Before the per-line-kind cap (src/correlate/retention.ts)
// every failing line past the retain limit was kept whole, so memory grew with the outage.
// Usage: node --import tsx bench/outage.ts [MB...]   (default 250 and 1024 MB of logs)
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBundle } from './gen.ts';
import { benchAgainstSample } from './measure.ts';

const DIR = join(tmpdir(), 'forensic-bench');
const FAIL_SHARE = 0.3;

/** The outage bundle with `mb` MB of logs (cached by size). */
function outageBundle(mb: number): string {
  const out = join(DIR, `outage-${mb}mb.tgz`);
  if (existsSync(out)) return out;
  const work = join(DIR, `outage-${process.pid}`);
  mkdirSync(work, { recursive: true });
  renameSync(generateBundle(work, mb * 1e6, 1, FAIL_SHARE).path, out);
  rmSync(work, { recursive: true, force: true });
  return out;
}

const sizes = process.argv.slice(2).map(Number);
mkdirSync(DIR, { recursive: true });
benchAgainstSample({
  name: 'outage', dir: DIR, sample: outageBundle(5), unit: 'MB of logs, 30% failing',
  sizes: sizes.length > 0 ? sizes : [250, 1024], make: outageBundle,
});
