// Groups samples of one scrape into families: histogram/summary parts and OpenMetrics `_total`/`_created` join their base.
import type { MetricFamily, MetricSample, MetricType } from '../../../types.ts';

/** Suffixes each declared type may add to its family name. */
const SUFFIXES: Partial<Record<MetricType, readonly string[]>> = {
  counter: ['_total', '_created'],
  histogram: ['_bucket', '_sum', '_count', '_created'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  summary: ['_sum', '_count', '_created'],
  info: ['_info'],
};
const ALL_SUFFIXES = ['_total', '_created', '_bucket', '_sum', '_count', '_gsum', '_gcount', '_info'];

const TYPES: Record<string, MetricType> = {
  counter: 'counter', gauge: 'gauge', histogram: 'histogram', summary: 'summary',
  gaugehistogram: 'gaugehistogram', info: 'info', stateset: 'stateset', unknown: 'unknown', untyped: 'unknown',
};

/** The MetricType of a `# TYPE` word, or null when the word is not a type. */
export function metricType(word: string): MetricType | null {
  return TYPES[word.toLowerCase()] ?? null;
}

/** Collects one snapshot's families in exposition order and spots duplicate samples. */
export class FamilyBuilder {
  private readonly families = new Map<string, MetricFamily>();
  private readonly declared = new Map<string, MetricType>();
  private readonly seen = new Set<string>();
  sampleCount = 0;

  /** Apply `# TYPE name type`. */
  declare(name: string, type: MetricType): void {
    this.declared.set(name, type);
    const fam = this.families.get(name);
    if (fam) fam.type = type;
    else this.families.set(name, { name, type, samples: [] });
  }

  /** Apply `# HELP name text`. */
  help(name: string, text: string): void {
    const fam = this.families.get(name);
    if (fam) fam.help = text;
    else this.families.set(name, { name, type: this.declared.get(name) ?? 'unknown', help: text, samples: [] });
  }

  /** Add a sample to its family. Returns false (and drops it) when the same series was already seen. */
  add(sample: MetricSample): boolean {
    const key = seriesKey(sample.name, sample.labels);
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.familyFor(sample.name).samples.push(sample);
    this.sampleCount++;
    return true;
  }

  /** Families in the order they first appeared. */
  result(): MetricFamily[] {
    return [...this.families.values()];
  }

  private familyFor(sampleName: string): MetricFamily {
    if (this.declared.has(sampleName)) return this.families.get(sampleName)!;
    for (const suffix of ALL_SUFFIXES) {
      if (!sampleName.endsWith(suffix)) continue;
      const base = sampleName.slice(0, -suffix.length);
      const type = this.declared.get(base);
      if (type && SUFFIXES[type]?.includes(suffix)) return this.families.get(base)!;
    }
    let fam = this.families.get(sampleName);
    if (!fam) {
      fam = { name: sampleName, type: 'unknown', samples: [] };
      this.families.set(sampleName, fam);
    }
    return fam;
  }
}

/** A stable key for one series: name plus labels in sorted order. */
export function seriesKey(name: string, labels: Record<string, string>): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return name;
  keys.sort();
  let key = name;
  for (const k of keys) key += `\u0000${k}\u0001${labels[k]}`;
  return key;
}
