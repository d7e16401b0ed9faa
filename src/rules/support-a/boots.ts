// Boot helpers shared by the step 0–4 rules: boots per source in time order, and boots as evidence.
import type { BootEvent, Model } from '../../correlate/index.ts';
import type { Evidence } from '../types.ts';

/** A boot (`starting authserver`) as evidence. */
export function bootEvidence(b: BootEvent): Evidence {
  const parts = ['INFO "starting authserver"'];
  if (b.version) parts.push(`version=${b.version}`);
  if (b.issuer) parts.push(`issuer=${b.issuer}`);
  return { kind: 'log', file: b.file, line: b.line, time: b.ts != null ? new Date(b.ts).toISOString() : undefined, excerpt: `${parts.join(' ')} (source ${b.source})` };
}

/** Boots grouped by source, each list in time order (boots without time keep their order). */
export function bootsBySource(model: Model): Map<string, BootEvent[]> {
  const out = new Map<string, BootEvent[]>();
  for (const b of model.boots) out.set(b.source, [...(out.get(b.source) ?? []), b]);
  for (const list of out.values()) list.sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  return out;
}
