// Evidence builders the shared evidence.ts lacks: captured exchanges and config values.
import type { ConfigValue } from '../../correlate/index.ts';
import type { DocumentRecord } from '../../ingest/index.ts';
import { documentEvidence } from '../evidence.ts';
import type { Evidence } from '../types.ts';
import { exchangeExcerpt } from './http.ts';

/** A captured HTTP exchange as evidence: request line, status, WWW-Authenticate. */
export function exchangeEvidence(d: DocumentRecord): Evidence {
  return documentEvidence(d, exchangeExcerpt(d));
}

/** A config value as evidence (`oauth.require_scope=false from authplane.env:3`). */
export function configEvidence(c: ConfigValue): Evidence {
  return { kind: 'document', file: c.file, line: c.line, excerpt: `${c.key}=${c.value} (from ${c.from})` };
}
