// DPoP rejection evidence shared by AP0702–AP0704: AS counter by reason, audit denials, SDK lines, exchanges.
import type { Model } from '../../correlate/index.ts';
import type { AuditRecord, DocumentRecord, LogRecord } from '../../ingest/index.ts';
import { growth, type Growth } from './metrics.ts';
import { isVerifierKind, verifierExchanges, verifierLogs, type VerifierKind } from './verifier.ts';
import { exchangeText, isAuthplaneExchange } from './http.ts';
import { lineCount } from '../support/line-count.ts';

export interface DpopSignals {
  metric: Growth;
  /** Count the metric contributes: its growth, or a single scrape's total. */
  metricCount: number;
  audit: AuditRecord[];
  sdk: LogRecord[];
  /** Log lines the SDK records stand for (more than `sdk.length` when they were sampled). */
  sdkCount: number;
  exchanges: DocumentRecord[];
  /** Best single count of rejections (the sources overlap, so the largest one, not the sum). */
  n: number;
}

const AUDIT_DENIALS = /^(token\.issue_denied|token\.refresh_denied|client_credentials\.denied|token\.exchange_denied|jwt_bearer\.denied)$/;

/** Gather the evidence of DPoP rejections of one kind. */
export function dpopSignals(model: Model, kind: VerifierKind, reasons: readonly string[], auditReason: RegExp): DpopSignals {
  const metric = growth(model, 'authplane_dpop_proofs_rejected_total', undefined, (l) => reasons.includes(l.reason ?? ''));
  const metricCount = metric.hasDelta ? metric.delta : metric.last;
  const audit = model.audit.where((a) => AUDIT_DENIALS.test(a.action) && auditReason.test(a.detail));
  const sdk = verifierLogs(model, kind);
  const sdkCount = lineCount(model, sdk);
  const asSide = model.documents.exchanges().filter((d) => isAuthplaneExchange(d) && (d.http?.status ?? 0) >= 400 && isVerifierKind(kind, exchangeText(d)));
  const exchanges = [...verifierExchanges(model, kind), ...asSide];
  const n = Math.max(metricCount, audit.length, sdkCount, exchanges.length);
  return { metric, metricCount, audit, sdk, sdkCount, exchanges, n };
}
