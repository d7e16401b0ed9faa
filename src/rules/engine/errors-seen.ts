// "Errors seen": every catalogued AuthPlane / SDK error found in the bundle, with count, meaning, fix and one example.
import type { Model } from '../../correlate/index.ts';
import type { LogRecord } from '../../ingest/index.ts';
import { auditEvidence, documentEvidence, logEvidence } from '../evidence.ts';
import { codesInValue, errorsInText, type ErrorEntry } from '../errors-catalog.ts';
import { describeExchange, isObject, responseHeader } from '../support-a/docs.ts';
import { lineWeight } from '../support/line-count.ts';
import type { ErrorSeen, Evidence } from '../types.ts';

/** Attributes that hold an OAuth code. */
const CODE_KEYS = ['error', 'code', 'error_code', 'oauth_error', 'reason', 'denied_reason'];
/** Attributes that hold error text worth searching for sentinels and SDK messages. */
const TEXT_KEYS = ['error', 'err', 'error_description', 'description', 'error_class', 'exception', 'exc_info', 'body', 'detail'];
/** Log copies of audit rows are counted once, through the audit rows. */
const AUDIT_COPIES = new Set(['audit', 'audit event dropped — not persisted']);
/** Cheap pre-check: a record with none of these fragments cannot name a catalogued error. */
const MAYBE = /err|invalid|denied|fail|verifier|token|scope|dpop|slow_down|revoked|expired|consent|unavailable|circuit|ssrf|not found|unauthorized|missing/i;

class Tally {
  private readonly rows = new Map<ErrorEntry, { count: number; example?: Evidence }>();
  /** Count one record naming the errors in `found`; a sampled log record counts the lines it stands for (`weight`). */
  add(found: Set<ErrorEntry>, example: () => Evidence, weight = 1): void {
    for (const e of found) {
      const row = this.rows.get(e);
      if (row) row.count += weight;
      else this.rows.set(e, { count: weight, example: example() });
    }
  }
  result(): ErrorSeen[] {
    return [...this.rows]
      .map(([e, r]) => ({ code: e.code, count: Math.round(r.count), meaning: e.meaning, fix: e.fix, example: r.example }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }
}

/** Texts remembered with what they name; retained lines repeat a few texts thousands of times. */
const MAX_MEMO = 20_000;

/** Catalogued errors a text names, each distinct text searched once per analysis. */
class TextMemo {
  private readonly seen = new Map<string, readonly ErrorEntry[]>();
  add(text: string, found: Set<ErrorEntry>): void {
    let hits = this.seen.get(text);
    if (hits === undefined) {
      const one = new Set<ErrorEntry>();
      if (MAYBE.test(text)) errorsInText(text, one);
      hits = [...one];
      if (this.seen.size < MAX_MEMO) this.seen.set(text, hits);
    }
    for (const e of hits) found.add(e);
  }
}

function scanLog(r: LogRecord, found: Set<ErrorEntry>, memo: TextMemo): void {
  for (const k of CODE_KEYS) {
    const v = r.attrs[k];
    if (typeof v === 'string') codesInValue(v, found);
  }
  let text = r.msg;
  for (const k of TEXT_KEYS) {
    const v = r.attrs[k];
    if (typeof v === 'string') text += `\n${v}`;
  }
  memo.add(text, found);
}

/** Scan retained logs, audit rows and HTTP exchanges for catalogued errors. */
export function errorsSeen(model: Model): ErrorSeen[] {
  const tally = new Tally();
  const found = new Set<ErrorEntry>();
  const memo = new TextMemo();
  for (const r of model.logs.records()) {
    if (AUDIT_COPIES.has(r.msg)) continue;
    found.clear();
    scanLog(r, found, memo);
    if (found.size) tally.add(found, () => logEvidence(r), lineWeight(model, r));
  }
  model.audit.scan((a) => {
    // Cheap check first: `reason=` / `denied_reason=` must be in the text before the pairs are parsed.
    if (!a.detail.includes('reason=')) return;
    const reason = a.detailKv.reason ?? a.detailKv.denied_reason;
    if (!reason) return;
    found.clear();
    codesInValue(reason, found);
    if (found.size) tally.add(found, () => auditEvidence(a.record()));
  });
  for (const d of model.documents.exchanges()) {
    found.clear();
    const body = d.body;
    if (isObject(body) && typeof body.error === 'string') codesInValue(body.error, found);
    const www = responseHeader(d, 'www-authenticate');
    const code = www ? /error="([^"]+)"/.exec(www)?.[1] : undefined;
    if (code) codesInValue(code, found);
    const loc = responseHeader(d, 'location');
    const locCode = loc ? /[?&]error=([a-z_]+)/.exec(loc)?.[1] : undefined;
    if (locCode) codesInValue(locCode, found);
    const text = [d.http?.bodyText, www, isObject(body) ? body.error_description : undefined].filter((x): x is string => typeof x === 'string').join('\n');
    if (text) errorsInText(text, found);
    if (found.size) tally.add(found, () => documentEvidence(d, describeExchange(d)));
  }
  return tally.result();
}
