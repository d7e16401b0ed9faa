// Log matching shared by the step 0–4 rules: the text a rule may search (msg plus error-ish
// attributes), and one pass over the retained records with a cheap substring pre-check.
import type { Model } from '../../correlate/index.ts';
import type { LogRecord, LogOrigin } from '../../ingest/index.ts';
import { logsWhereText } from '../support/log-index.ts';
import { logText as errorText } from '../support/log-text.ts';

export { errorText };
export { logsWithMsg } from '../support/log-index.ts';

export interface LogQuery {
  /** Lower-case substring that must appear (case-insensitive) before the regex runs: the cheap check. */
  hint: string;
  re: RegExp;
  origins?: readonly LogOrigin[];
}

/** Retained log records whose message or error attributes match any query. */
export function findLogs(model: Model, queries: readonly LogQuery[]): LogRecord[] {
  // Each distinct text is tested once; a record is kept when a query that matched its text allows its origin.
  return logsWhereText(model, (text, lower) => {
    const matched = queries.filter((qy) => lower.includes(qy.hint) && qy.re.test(text));
    if (matched.length === 0) return false;
    if (matched.some((qy) => !qy.origins)) return true;
    return (r) => matched.some((qy) => qy.origins!.includes(r.origin));
  });
}

/** The first capture group of `re` over a record's error text, or undefined. */
export function capture(r: LogRecord, re: RegExp): string | undefined {
  return re.exec(errorText(r))?.[1];
}

/** Log sources (streams) of AuthPlane server logs. */
export function serverSources(model: Model): string[] {
  return model.logs.sources().filter((s) => s.origin === 'authserver').map((s) => s.source);
}
