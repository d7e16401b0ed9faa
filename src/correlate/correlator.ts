// Placeholder: the streaming correlator lands here.
import type { BundleRecord, IngestResult } from '../ingest/index.ts';
import type { Model } from './model.ts';

/** A --since/--until bound: an absolute time, or a duration before the newest record of the bundle. */
export type TimeBound = { at: number } | { beforeEndMs: number };

export interface CorrelateOptions {
  /** Only records inside this window count (filters --since/--until); relative bounds resolve at finish(). */
  since?: TimeBound;
  until?: TimeBound;
  /** How many log records to retain in full before switching to notable-only retention. */
  retainLimit?: number;
}

/** Consumes records one at a time (as ingest streams them) and builds the Model at the end. */
export class Correlator {
  constructor(readonly opts: CorrelateOptions = {}) {}
  add(_rec: BundleRecord): void {
    throw new Error('Correlator is not implemented yet');
  }
  finish(_ingest: Pick<IngestResult, 'source' | 'sha256' | 'files' | 'problems' | 'tokenVault'>): Model {
    throw new Error('Correlator is not implemented yet');
  }
}

/** Build a model from an in-memory record list (tests, small inputs). */
export function buildModel(records: BundleRecord[], opts: CorrelateOptions = {}): Model {
  const c = new Correlator(opts);
  for (const r of records) c.add(r);
  return c.finish({ source: 'test', sha256: '', files: [], problems: [], tokenVault: new Map() });
}
