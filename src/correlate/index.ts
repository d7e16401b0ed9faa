// Public surface of the correlate stage: turn the record stream into the Model.
export type * from './model.ts';
export { Correlator, buildModel, DEFAULT_RETAIN_LIMIT, type CorrelateOptions, type TimeBound } from './correlator.ts';
export { parseAuditDetail } from './audit-detail.ts';
export { envToYamlKey } from './env-map.ts';
export { histogramQuantile, type Bucket } from './quantile.ts';
export { normaliseLabels } from './metrics.ts';
export { OAUTH_CODES, accessStatus, sdkVerdict } from './log-facts.ts';
export { LEVELS, LEVEL_CODE } from './levels.ts';
