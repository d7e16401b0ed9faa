// Captured HTTP exchanges → an `http-exchange` document, the JWTs they carried, and the metrics or
// audit rows a captured `/metrics` or `/admin/audit` response holds.
import type { FileFormat, FileHead, ParseContext } from '../../../format.ts';
import type { BundleRecord, DocumentKind, DocumentRecord, HttpExchange } from '../../../types.ts';
import { parseAuditJson } from '../audit/audit-json.ts';
import { openMetricsParser } from '../metrics/metrics-format.ts';
import { decodeToken, JWT_PATTERN, scrubText } from '../tokens/jwt.ts';
import { tryJson } from '../util/json-head.ts';
import { splitLines } from '../util/locate.ts';
import { classifyJson, kindFromPath } from './classify.ts';
import { type Capture, type CaptureLine, looksLikeCapture, parseCapture, splitRuns } from './http-capture.ts';
import { extractTokens, memberLocator } from './json-doc.ts';

const SECRET_REQUEST_HEADERS = ['authorization', 'dpop', 'proxy-authorization', 'cookie', 'x-api-key'];
const ignore = () => undefined;

/** A credential header value with its secret part replaced: `Bearer [jwt:<fp>]` or `Bearer [redacted]`. */
export function scrubCredential(value: string): string {
  const s = scrubText(value.trim(), ignore);
  if (/^\[jwt:[0-9a-f]+\]$/.test(s)) return s;
  const m = /^([A-Za-z][\w-]*)\s+(.+)$/.exec(s);
  if (m && !m[1]!.includes('=')) return /^\[jwt:[0-9a-f]+\]$/.test(m[2]!) ? s : `${m[1]} [redacted]`;
  return '[redacted]';
}

function scrubHeaders(http: HttpExchange): void {
  for (const k of SECRET_REQUEST_HEADERS) {
    const v = http.requestHeaders[k];
    if (v !== undefined) http.requestHeaders[k] = k === 'cookie' ? '[redacted]' : scrubCredential(v);
  }
  if (http.responseHeaders['set-cookie'] !== undefined) http.responseHeaders['set-cookie'] = '[redacted]';
  if (http.url) http.url = scrubText(http.url, ignore);
}

const JQ_PATH = /^(?:\.[A-Za-z_]\w*)+$/;
const JQ_LENGTH = /^\.([A-Za-z_]\w*)\s*\|\s*length$/;

/**
 * The part of the document a jq filter selected, rebuilt in place (`.issuer` → `{ issuer: v }`,
 * `.keys | length` of 0 → `{ keys: [] }`), or null when the filter's output cannot stand for it.
 */
export function rebuildFromJq(filter: string, value: unknown): Record<string, unknown> | null {
  if (JQ_PATH.test(filter)) {
    let out: unknown = value;
    for (const key of filter.slice(1).split('.').reverse()) out = { [key]: out };
    return out as Record<string, unknown>;
  }
  const len = JQ_LENGTH.exec(filter);
  if (len && value === 0) return { [len[1]!]: [] };
  return null;
}

/** A context that shifts the lines and offsets of records parsed out of the body. */
function bodyContext(ctx: ParseContext, capturedAt: number | null, lines = 0, bytes = 0): ParseContext {
  const shift = (rec: BundleRecord) => ({ ...rec, line: rec.line + lines, offset: rec.offset + bytes });
  return {
    ...ctx, mtime: capturedAt,
    emit: (rec) => ctx.emit(shift(rec)),
    problem: (line, p) => ctx.problem(line === undefined ? undefined : line + lines, p),
    setFormat: ignore, setWrapper: ignore,
  };
}

/** Parse a capture file: one exchange, or one per `$ curl …` run when it holds several. */
export function parseHttpCapture(text: string, ctx: ParseContext): void {
  let count = 0;
  for (const run of splitRuns(text)) {
    const cap = parseCapture(run);
    if (cap) {
      emitExchange(cap, run[0]!, ctx);
      count++;
    } else if (run.some((l) => l.text.trim() !== '')) {
      ctx.problem(run[0]!.line, 'http: no status line or curl error found');
    }
  }
  if (count === 0 && text.trim() === '') ctx.problem(1, 'http: empty capture');
}

function emitExchange(cap: Capture, first: CaptureLine, ctx: ParseContext): void {
  const { http } = cap;
  const date = http.responseHeaders.date ? Date.parse(http.responseHeaders.date) : NaN;
  const capturedAt = Number.isNaN(date) ? ctx.mtime : date;
  for (const c of cap.credentials) {
    for (const m of c.value.matchAll(JWT_PATTERN)) {
      const rec = decodeToken(m[0], { file: ctx.path, line: c.line, offset: c.offset, foundIn: 'http-exchange', capturedAt, hint: c.hint }, ctx.tokenVault);
      if (typeof rec === 'string') ctx.problem(c.line, rec);
      else ctx.emit(rec);
    }
  }
  scrubHeaders(http);

  let body: unknown = null;
  let memberLine: DocumentRecord['memberLine'];
  let bodyKind: DocumentKind | null = kindFromPath(http.path);
  if (http.bodyText !== undefined) {
    const raw = http.bodyText;
    const parsed = tryJson(raw);
    const where = { lineBase: cap.bodyLine - 1, offsetBase: cap.bodyOffset, foundIn: 'http-exchange' as const };
    if (parsed !== undefined) {
      body = extractTokens(raw, parsed, ctx, capturedAt, where);
      memberLine = memberLocator(raw, cap.bodyLine - 1);
      if (http.jq !== undefined) {
        const part = rebuildFromJq(http.jq, body);
        // Output a filter reduced beyond recognition is kept, but not presented as the document.
        if (part) body = part;
        else bodyKind = null;
      }
      if (!bodyKind && http.jq === undefined) {
        const k = classifyJson(parsed, http.path ?? '');
        if (k !== 'other-json') bodyKind = k;
      }
      if (http.path?.endsWith('/admin/audit') && Array.isArray(parsed)) {
        parseAuditJson(raw, bodyContext(ctx, capturedAt, cap.bodyLine - 1, cap.bodyOffset));
      }
    } else {
      extractTokens(raw, raw, ctx, capturedAt, where);
      if (http.path?.endsWith('/metrics') && (http.status ?? 200) < 300) {
        // Fed with file line numbers, so samples cite the capture file's lines.
        const mp = openMetricsParser(bodyContext(ctx, capturedAt));
        for (const l of splitLines(raw)) mp.line(l.text, l.line + cap.bodyLine - 1, l.offset + cap.bodyOffset);
        mp.end();
      }
    }
    http.bodyText = scrubText(raw, ignore);
  }
  const rec: DocumentRecord = { kind: 'document', file: ctx.path, line: first.line, offset: first.offset, docKind: 'http-exchange', body, http, capturedAt };
  if (bodyKind) rec.bodyKind = bodyKind;
  if (memberLine) rec.memberLine = memberLine;
  ctx.emit(rec);
}

/** Confident on curl -i / -v output and curl connection errors. */
export function sniffHttpCapture(head: FileHead): number {
  return looksLikeCapture(head.lines) ? 0.95 : 0;
}

/** Captured HTTP exchanges. */
export const httpCaptureFormat: FileFormat = {
  id: 'http-exchange',
  kind: 'document',
  mode: 'whole',
  sniff: sniffHttpCapture,
  parseWhole: parseHttpCapture,
};
