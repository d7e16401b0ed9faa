// Registry of non-log formats: Prometheus/OpenMetrics, audit dumps, documents, JWTs.
import type { FileFormat } from '../../format.ts';
import { metricsFormat } from './metrics/metrics-format.ts';

/** Metrics, audit, document and token formats, most specific first. */
export const docFormats: FileFormat[] = [metricsFormat];
