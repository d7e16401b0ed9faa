// Rust `tracing-subscriber` fmt lines, what a Rust MCP server (axum/rmcp) prints by default:
//   2026-10-03T08:40:02.223456Z  WARN request{method=POST uri=/mcp}: notes_mcp::auth: token rejected error=… request_id=abc
// The level is right-aligned to five characters, so INFO and WARN lines start with a space once the
// timestamp is gone (kubectl's `--timestamps` wrapper takes it for its own): such a line is a record,
// not a continuation of the previous one.
import type { LogRecord } from '../../types.ts';
import { normLevel } from './levels.ts';
import { addAttr, promote } from './record.ts';
import { looksNumeric } from './slog-keys.ts';
import { parseIsoTime } from './times.ts';

/**
 * Optional RFC 3339 time, the padded level, optional spans (`name{fields}:`, joined by `:`), the
 * target (a Rust module path) and the rest. A span without fields prints as `name:`, which reads the
 * same as a target: only spans with fields are recognised, so such a line keeps the span in its target.
 */
const BODY = String.raw` ?(TRACE|DEBUG|INFO|WARN|ERROR) ((?:[A-Za-z_]\w*\{[^{}]*\}:)+ )?([A-Za-z_]\w*(?:::\w+)*): ?([\s\S]*)$`;
const TRACING = new RegExp(String.raw`^(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) +)?` + BODY);
/** The line after its time, tested in place (no slice: it runs on every indented line). */
const BODY_AT = new RegExp(BODY, 'y');
/** A field name starting at a word boundary: `key=` (tracing field names may hold dots). */
const FIELD_START = /(?:^| )[A-Za-z_][\w.]*=/g;

/** True when the inner line (from `at`) reads as a tracing fmt record, with or without its time. */
export function isTracingLine(line: string, at: number): boolean {
  BODY_AT.lastIndex = at;
  return BODY_AT.test(line);
}

/** Fills `rec` from a tracing fmt line; false (rec untouched) when the line is not one. */
export function fillTracing(rec: LogRecord, text: string): boolean {
  const m = TRACING.exec(text);
  if (m === null) return false;
  rec.format = 'rust-tracing';
  if (m[1] !== undefined) {
    rec.time = m[1];
    rec.ts = parseIsoTime(m[1]);
  }
  rec.level = normLevel(m[2]) ?? 'INFO';
  addAttr(rec.attrs, 'target', m[4]);
  const rest = m[5]!;
  const first = nextField(rest, 0);
  rec.msg = first < 0 ? rest : rest.slice(0, first).trimEnd();
  if (first >= 0) addFields(rec, rest, first, false);
  // Span fields (`request{method=POST uri=/mcp}`) come after the event's own: a key the event set wins.
  if (m[3] !== undefined) {
    for (const span of m[3].matchAll(/\{([^{}]*)\}/g)) addFields(rec, span[1]!, 0, true);
  }
  return true;
}

/** Offset of the first `key=` field in `s` from `from`, or -1. */
function nextField(s: string, from: number): number {
  FIELD_START.lastIndex = from;
  const m = FIELD_START.exec(s);
  if (m === null) return -1;
  return m[0].charCodeAt(0) === 0x20 ? m.index + 1 : m.index;
}

/**
 * Reads `key=value` fields from `from`. A quoted value is a Rust Debug string; an unquoted one (a
 * Display value such as an error) runs to the next `key=` after a space, spaces included.
 */
function addFields(rec: LogRecord, s: string, from: number, onlyNew: boolean): void {
  let i = from;
  while (i < s.length) {
    const eq = s.indexOf('=', i);
    if (eq < 0) return;
    const key = s.slice(i, eq);
    const quoted = s.charCodeAt(eq + 1) === 0x22;
    const end = quoted ? closingQuote(s, eq + 2) : -1;
    const after = nextField(s, quoted ? Math.min(s.length, end + 1) : eq + 1);
    const next = after < 0 ? s.length : after;
    const value = quoted ? unescapeDebug(s.slice(eq + 2, end)) : s.slice(eq + 1, next).trimEnd();
    const skip = onlyNew && (Object.hasOwn(rec.attrs, key) || isSetPromoted(rec, key));
    if (!skip) {
      const v: string | number = quoted || !looksNumeric(value) ? value : Number(value);
      if (!promote(rec, key, v)) addAttr(rec.attrs, key, v);
    }
    i = next;
  }
}

/** A span's request/trace id must not displace (and be recorded beside) the event's own. */
function isSetPromoted(rec: LogRecord, key: string): boolean {
  return (key === 'request_id' && rec.requestId !== undefined) || (key === 'trace_id' && rec.traceId !== undefined);
}

/** Index of the quote closing a Debug string whose text starts at `from` (the end of `s` when unclosed). */
function closingQuote(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return s.length;
}

/** Undoes Rust's Debug escaping of a string (`\"`, `\\`, `\n`, `\t`, `\r`, `\u{…}`). */
function unescapeDebug(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(u\{([0-9a-fA-F]{1,6})\}|.)/g, (_, esc: string, hex: string | undefined) => {
    if (hex !== undefined) {
      const cp = Number.parseInt(hex, 16);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    }
    return esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : esc === '0' ? '\0' : esc;
  });
}
