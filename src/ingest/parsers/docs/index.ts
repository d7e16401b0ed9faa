// Registry of non-log formats: Prometheus/OpenMetrics, audit dumps, documents, JWTs.
import type { FileFormat } from '../../format.ts';
import { auditCsvFormat } from './audit/audit-csv.ts';
import { auditJsonFormat } from './audit/audit-json.ts';
import { auditNdjsonFormat } from './audit/audit-ndjson.ts';
import { auditPsqlFormat } from './audit/audit-psql.ts';
import { composeEnvFormat } from './documents/compose-env.ts';
import { configYamlFormat } from './documents/config-yaml.ts';
import { envFileFormat } from './documents/env-file.ts';
import { httpCaptureFormat } from './documents/http-format.ts';
import { jsonDocumentFormat } from './documents/json-doc.ts';
import { versionFormat } from './documents/version.ts';
import { metricsFormat } from './metrics/metrics-format.ts';
import { tokenFileFormat } from './tokens/token-file.ts';

/**
 * Metrics, audit, document and token formats, most specific first: ties go to the earlier entry,
 * and the generic JSON document format (0.5 on JSON it cannot name) comes last.
 */
export const docFormats: FileFormat[] = [
  httpCaptureFormat,
  versionFormat,
  tokenFileFormat,
  metricsFormat,
  auditNdjsonFormat,
  auditJsonFormat,
  auditCsvFormat,
  auditPsqlFormat,
  envFileFormat,
  composeEnvFormat,
  configYamlFormat,
  jsonDocumentFormat,
];
