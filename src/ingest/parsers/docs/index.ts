// Registry of non-log formats: Prometheus/OpenMetrics, audit dumps, documents, JWTs.
import type { FileFormat } from '../../format.ts';
import { auditCsvFormat } from './audit/audit-csv.ts';
import { auditJsonFormat } from './audit/audit-json.ts';
import { auditNdjsonFormat } from './audit/audit-ndjson.ts';
import { auditPsqlFormat } from './audit/audit-psql.ts';
import { metricsFormat } from './metrics/metrics-format.ts';

/** Metrics, audit, document and token formats, most specific first. */
export const docFormats: FileFormat[] = [
  metricsFormat,
  auditNdjsonFormat,
  auditJsonFormat,
  auditCsvFormat,
  auditPsqlFormat,
];
