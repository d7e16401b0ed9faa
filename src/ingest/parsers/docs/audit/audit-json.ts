// `/admin/audit` dumps as JSON: a bare array (what the code returns), the `{"events":[…]}` envelope
// (what the docs promise) and a single event object (what admin-api.yaml describes).
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { FileFormat, FileHead, ParseContext } from '../../../format.ts';
import { isLogObject, isObject, tryJson } from '../util/json-head.ts';
import { ArrayScanner } from './json-array-scan.ts';
import { auditRecord, isAuditRow } from './row.ts';

/** A scanner that turns each array element into an AuditRecord (or a problem with its line). */
function rowScanner(ctx: ParseContext): ArrayScanner {
  return new ArrayScanner({
    element(text, line, offset) {
      const v = tryJson(text);
      if (v === undefined) ctx.problem(line, 'audit: invalid JSON in row');
      else if (!isObject(v)) ctx.problem(line, 'audit: row is not an object');
      else ctx.emit(auditRecord(v, ctx.path, line, offset));
    },
    problem: (line, problem) => ctx.problem(line, problem),
  });
}

function setShape(ctx: ParseContext, scanner: ArrayScanner): void {
  ctx.setFormat(scanner.rootKind === 'object' ? 'audit-envelope' : 'audit-array');
}

/** Parse a whole audit JSON document. */
export function parseAuditJson(text: string, ctx: ParseContext): void {
  const scanner = rowScanner(ctx);
  scanner.push(text);
  scanner.end();
  if (scanner.foundTarget) {
    setShape(ctx, scanner);
    return;
  }
  const v = tryJson(text);
  if (isObject(v) && isAuditRow(v)) {
    ctx.setFormat('audit-object');
    ctx.emit(auditRecord(v, ctx.path, 1, 0));
  } else {
    ctx.problem(1, 'audit: neither an array of events, an {"events":[…]} envelope nor one event object');
  }
}

/** Stream an audit array too large to hold as one string. */
export async function streamAuditJson(input: Readable, ctx: ParseContext): Promise<void> {
  const scanner = rowScanner(ctx);
  const decoder = new StringDecoder('utf8');
  let isFirst = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (isFirst && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    isFirst = false;
    scanner.push(text);
  }
  scanner.push(decoder.end());
  scanner.end();
  if (scanner.foundTarget) setShape(ctx, scanner);
  else ctx.problem(1, 'audit: no array of events found');
}

/** Score a head: first elements of the array (or envelope) must be audit rows. */
export function sniffAuditJson(head: FileHead): number {
  const elements: string[] = [];
  const scanner = new ArrayScanner({
    element: (t) => void (elements.length < 5 && elements.push(t)),
    problem: () => undefined,
  });
  scanner.push(head.text);
  // The head text has its BOM (3 bytes) stripped, hence the slack.
  const isWhole = head.size !== null && Buffer.byteLength(head.text) >= head.size - 3;
  if (isWhole) scanner.end();
  if (scanner.foundTarget) {
    if (elements.length === 0) {
      // An empty page: an audit dump only when the name or the envelope says so.
      if (scanner.rootKind === 'object') return 0.9;
      return /audit/i.test(head.path) ? 0.9 : 0.05;
    }
    const rows = elements.map(tryJson).filter((v) => isObject(v) && isAuditRow(v)).length;
    return rows === elements.length || (rows > 0 && !isWhole && rows === elements.length - 1) ? 0.95 : 0;
  }
  if (scanner.rootKind !== 'object') return 0;
  // A single pretty-printed event; a one-line object is left to the NDJSON format.
  if (head.lines.length < 2) return 0;
  const v = tryJson(head.text);
  return isObject(v) && isAuditRow(v) && !isLogObject(v) ? 0.9 : 0;
}

/** The JSON audit dump format (array, envelope, single object). */
export const auditJsonFormat: FileFormat = {
  id: 'audit-array',
  kind: 'audit',
  mode: 'whole',
  sniff: sniffAuditJson,
  parseWhole: parseAuditJson,
  parseStream: streamAuditJson,
};
