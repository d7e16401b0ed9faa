// Cheap JSON checks for sniffers: is the head one JSON document, NDJSON, or a log line in disguise.
import type { FileHead } from '../../../format.ts';

/** JSON.parse that returns undefined instead of throwing. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A non-array object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True for objects that are log lines rather than documents or audit rows: slog and other JSON
 * loggers (`msg`/`message` with a level or time), Docker json-file (`log` + `stream`), journald export (`MESSAGE`).
 */
export function isLogObject(o: Record<string, unknown>): boolean {
  if (('msg' in o || 'message' in o) && ('level' in o || 'time' in o || 'timestamp' in o || '@timestamp' in o || 'ts' in o)) return true;
  if ('log' in o && 'stream' in o) return true;
  return 'MESSAGE' in o || '__CURSOR' in o;
}

/** First non-whitespace character of the head, or ''. */
export function firstChar(text: string): string {
  const m = /\S/.exec(text);
  return m ? m[0] : '';
}

/**
 * The objects on the first lines when the head is NDJSON (every non-empty line a complete JSON
 * object), else null. The last head line may be cut off, so it is ignored when it fails to parse.
 */
export function ndjsonObjects(head: FileHead): Record<string, unknown>[] | null {
  const out: Record<string, unknown>[] = [];
  const lines = head.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (line.charCodeAt(0) !== 0x7b) return null;
    const v = tryJson(line);
    if (!isObject(v)) {
      if (i === lines.length - 1 && out.length > 0) break;
      return null;
    }
    out.push(v);
  }
  return out.length > 0 ? out : null;
}

/** The head parsed as one JSON document when it holds the whole file, else undefined. */
export function wholeJson(head: FileHead): unknown {
  const c = firstChar(head.text);
  if (c !== '{' && c !== '[') return undefined;
  return tryJson(head.text);
}

/** True when JSON.parse failed only because the text ended early (a valid prefix). */
function isEndOfInput(message: string, length: number): boolean {
  if (message.includes('Unexpected end')) return true;
  const pos = /at position (\d+)/.exec(message);
  return pos !== null && Number(pos[1]) >= length;
}

/**
 * Character offset where invalid JSON goes wrong: from V8's message when it names a position, else
 * the longest valid prefix found by bisection (only run on the error path).
 */
export function jsonErrorOffset(text: string, message: string): number {
  const pos = /at position (\d+)/.exec(message);
  if (pos) return Number(pos[1]);
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    let ok = true;
    try {
      JSON.parse(text.slice(0, mid));
    } catch (e) {
      ok = isEndOfInput((e as Error).message, mid);
    }
    if (ok) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
