// Public surface of the correlate stage: turn the record stream into the Model.
export type * from './model.ts';
export { Correlator, buildModel, type CorrelateOptions, type TimeBound } from './correlator.ts';
