// Protected Resource Metadata facts: the resources (and their scopes) the bundle's MCP servers advertise.
import type { Model } from '../../correlate/index.ts';
import type { DocumentRecord, TokenRecord } from '../../ingest/index.ts';

export interface Advertised {
  resource: string;
  scopes: string[];
  doc: DocumentRecord;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every PRM document with a `resource` (failed fetches skipped). */
export function advertisedResources(model: Model): Advertised[] {
  const out: Advertised[] = [];
  for (const d of model.documents.ofKind('prm')) {
    if (d.http && (d.http.error || (d.http.status ?? 200) >= 400)) continue;
    if (!isRecord(d.body) || typeof d.body.resource !== 'string') continue;
    const scopes = Array.isArray(d.body.scopes_supported) ? d.body.scopes_supported.filter((s): s is string => typeof s === 'string') : [];
    out.push({ resource: d.body.resource, scopes, doc: d });
  }
  return out;
}

/** The issuer AuthPlane advertises (AS metadata `issuer`), else the configured `server.issuer`, or undefined. */
export function expectedIssuer(model: Model): { value: string; file: string; line: number } | undefined {
  for (const kind of ['as-metadata', 'openid-configuration'] as const) {
    for (const d of model.documents.ofKind(kind)) {
      if (isRecord(d.body) && typeof d.body.issuer === 'string' && !(d.http && (d.http.status ?? 200) >= 400)) return { value: d.body.issuer, file: d.file, line: d.line };
    }
  }
  const cfg = model.config.get('server.issuer');
  return cfg ? { value: cfg.value, file: cfg.file, line: cfg.line } : undefined;
}

/** Access tokens of the bundle (DPoP proofs and ID tokens excluded). */
export function accessTokens(model: Model): TokenRecord[] {
  return model.tokens.filter((t) => t.use === 'access' || (t.use === 'unknown' && /at\+jwt/i.test(String(t.header.typ ?? ''))));
}
