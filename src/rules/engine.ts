// Placeholder: the engine (run rules, rank, group consequences, checklist roll-up) lands here.
import type { Model } from '../correlate/index.ts';
import type { Analysis, Rule } from './types.ts';

export interface EngineOptions {
  /** Rules to run (default: the whole catalog). */
  rules?: Rule[];
  toolVersion?: string;
  /** Wall time spent before the engine (ingest + correlate), for stats.elapsed_ms. */
  startedAt?: number;
}

/** Run the catalog over the model and produce the contract's analysis. Never throws for a crashing rule. */
export function runEngine(_model: Model, _opts: EngineOptions = {}): Analysis {
  throw new Error('rules engine is not implemented yet');
}
