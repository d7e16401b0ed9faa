// A support bundle with a long series of /metrics scrapes (a day at one scrape a minute is 1 440), and
// `forensic analyze` on it: wall time, peak RSS and the causes, which must equal the base sample's
// (the scrapes added repeat the sample's first one, a minute apart, before the sample's own).
// Usage: node --import tsx bench/many-scrapes.ts [scrapes...]   (default 1800: ~115 MB of exposition text)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_SAMPLE } from './gen.ts';
import { benchAgainstSample, sampleVariant } from './measure.ts';

const SAMPLE = fileURLToPath(new URL(`../samples/${BASE_SAMPLE}.tgz`, import.meta.url));
const DIR = join(tmpdir(), 'forensic-bench');
const FIRST_SCRAPE = Date.parse('2026-10-01T00:00:00Z');

/** `metrics-YYYYMMDDTHHMMSSZ.prom` for a time, as the collector names scrapes. */
const scrapeName = (ms: number): string => `metrics-${new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.prom`;

/** The sample bundle with `scrapes` more snapshots in metrics/ (cached by count). */
function bundleWithScrapes(scrapes: number): string {
  return sampleVariant({
    dir: DIR, sample: SAMPLE, name: `many-scrapes-${scrapes}`,
    edit: (bundle) => {
      const dir = join(bundle, 'metrics');
      const first = readdirSync(dir).filter((f) => f.endsWith('.prom')).sort()[0]!;
      const text = readFileSync(join(dir, first), 'utf8');
      for (let i = 0; i < scrapes; i++) writeFileSync(join(dir, scrapeName(FIRST_SCRAPE + i * 60_000)), text);
    },
  });
}

const sizes = process.argv.slice(2).map(Number);
benchAgainstSample({
  name: 'many-scrapes', dir: DIR, sample: SAMPLE, unit: 'scrapes',
  sizes: sizes.length > 0 ? sizes : [1800], make: bundleWithScrapes,
});
