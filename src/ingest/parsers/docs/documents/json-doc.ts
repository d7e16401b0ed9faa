// JSON documents (health, discovery, JWKS, PRM, admin status/config/stats, collect manifest,
// conformance report, anything else JSON): one DocumentRecord per file, JWTs inside moved to tokens.
import type { FileFormat, FileHead, ParseContext } from '../../../format.ts';
import type { DocumentKind, DocumentRecord, TokenRecord } from '../../../types.ts';
import { decodeToken, scrubJson } from '../tokens/jwt.ts';
import { firstChar, isLogObject, isObject, jsonErrorOffset, ndjsonObjects, wholeJson } from '../util/json-head.ts';
import { memberLineIn } from '../util/json-member.ts';
import { makeLocator } from '../util/locate.ts';
import { parseTime } from '../util/time.ts';
import { classifyJson } from './classify.ts';

/** Best capture time a document states itself: health `time`, manifest `collected_at`. */
function statedTime(kind: DocumentKind, body: unknown): number | null {
  if (!isObject(body)) return null;
  if (kind === 'manifest') return parseTime(typeof body.collected_at === 'string' ? body.collected_at : null);
  if (kind === 'health' || kind === 'ready' || kind === 'livez') return parseTime(typeof body.time === 'string' ? body.time : null);
  return null;
}

/** Emit tokens found in a document's text as TokenRecords with their lines; returns the scrubbed body. */
export function extractTokens(
  text: string, value: unknown, ctx: ParseContext, capturedAt: number | null,
  where: { lineBase?: number; offsetBase?: number; foundIn?: TokenRecord['foundIn'] } = {},
): unknown {
  const locate = makeLocator(text);
  const seen = new Set<string>();
  const found: string[] = [];
  const body = scrubJson(value, (compact) => {
    if (!seen.has(compact)) found.push(compact);
    seen.add(compact);
  });
  const positioned = found.map((c) => ({ c, at: text.indexOf(c) })).sort((a, b) => a.at - b.at);
  for (const { c, at } of positioned) {
    const place = locate(Math.max(at, 0));
    const rec = decodeToken(c, {
      file: ctx.path, line: place.line + (where.lineBase ?? 0), offset: place.offset + (where.offsetBase ?? 0),
      foundIn: where.foundIn ?? 'file', capturedAt,
    }, ctx.tokenVault);
    if (typeof rec !== 'string') ctx.emit(rec);
  }
  return body;
}

/** Parse one JSON document. Invalid JSON is a problem at the line JSON.parse stopped on. */
export function parseJsonDocument(text: string, ctx: ParseContext): void {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    const at = jsonErrorOffset(text, String((e as Error).message));
    ctx.problem(makeLocator(text)(at).line, 'document: invalid or truncated JSON');
    return;
  }
  const docKind = classifyJson(value, ctx.path);
  ctx.setFormat(docKind);
  const capturedAt = statedTime(docKind, value) ?? ctx.mtime;
  const body = extractTokens(text, value, ctx, capturedAt);
  ctx.emit({ kind: 'document', file: ctx.path, line: 1, offset: 0, docKind, body, capturedAt, memberLine: memberLocator(text, 0) });
}

/**
 * Keeping a document's text costs its size again; past this (a huge export nobody cites member by
 * member) evidence falls back to the document's first line.
 */
const MAX_LOCATABLE_CHARS = 4 * 1024 * 1024;

/** `DocumentRecord.memberLine` over `text`, whose first line is file line `lineBase + 1`. */
export function memberLocator(text: string, lineBase: number): DocumentRecord['memberLine'] {
  if (text.length > MAX_LOCATABLE_CHARS) return undefined;
  return (path) => {
    const line = memberLineIn(text, path);
    return line === undefined ? undefined : line + lineBase;
  };
}

/** Confident on a JSON document of a known kind; lukewarm on other JSON; zero on log lines and NDJSON. */
export function sniffJsonDocument(head: FileHead): number {
  const c = firstChar(head.text);
  if (c !== '{' && c !== '[') return 0;
  const lines = ndjsonObjects(head);
  if (lines && (lines.length > 1 || isLogObject(lines[0]!))) return 0;
  const v = wholeJson(head);
  if (v === undefined) {
    const isCut = head.size !== null && Buffer.byteLength(head.text) < head.size;
    // Whole but invalid: still claim it, so the damage is reported with its line instead of skipped.
    return isCut ? 0.5 : 0.35;
  }
  if (isObject(v) && isLogObject(v)) return 0;
  return classifyJson(v, head.path) === 'other-json' ? 0.5 : 0.92;
}

/** JSON documents. */
export const jsonDocumentFormat: FileFormat = {
  id: 'json-document',
  kind: 'document',
  mode: 'whole',
  sniff: sniffJsonDocument,
  parseWhole: parseJsonDocument,
};
