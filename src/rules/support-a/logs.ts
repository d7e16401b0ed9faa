// Log matching shared by the step 0–4 rules: the text a rule may search (msg plus error-ish
// attributes), and one pass over the retained records with a cheap substring pre-check.
import type { Model } from '../../correlate/index.ts';
import type { LogRecord, LogOrigin } from '../../ingest/index.ts';
import { logText as errorText } from '../support/log-text.ts';

export { errorText };
export { logsWithMsg } from '../support/log-text.ts';

export interface LogQuery {
  /** Lower-case substring that must appear (case-insensitive) before the regex runs: the cheap check. */
  hint: string;
  re: RegExp;
  origins?: readonly LogOrigin[];
}

/** Retained log records whose message or error attributes match any query. */
export function findLogs(model: Model, queries: readonly LogQuery[]): LogRecord[] {
  const out: LogRecord[] = [];
  for (const r of model.logs.records()) {
    let text: string | undefined;
    let lower: string | undefined;
    for (const qy of queries) {
      if (qy.origins && !qy.origins.includes(r.origin)) continue;
      text ??= errorText(r);
      lower ??= text.toLowerCase();
      if (!lower.includes(qy.hint)) continue;
      if (qy.re.test(text)) {
        out.push(r);
        break;
      }
    }
  }
  return out;
}

/** The first capture group of `re` over a record's error text, or undefined. */
export function capture(r: LogRecord, re: RegExp): string | undefined {
  return re.exec(errorText(r))?.[1];
}

/** Log sources (streams) of AuthPlane server logs. */
export function serverSources(model: Model): string[] {
  return model.logs.sources().filter((s) => s.origin === 'authserver').map((s) => s.source);
}
