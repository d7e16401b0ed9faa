// Turns log events into text lines: Go slog JSON/text (authserver, Go MCP hosts), Python logging,
// python-json-logger, and verbatim console output (TS SDK `[authplane] ` lines, morgan access lines).
import { isoMs, isoNano, pythonTime } from './clock.ts';
import type { LogFormat, LogLine } from './types.ts';

/** A Go time.Duration value: nanoseconds in slog JSON, a duration string in slog text. */
export class Dur {
  constructor(readonly ns: number) {}

  /** Go's Duration.String for the ranges the samples use. */
  toString(): string {
    const ns = this.ns;
    if (ns < 1_000) return `${ns}ns`;
    if (ns < 1_000_000) return `${trim(ns / 1_000)}µs`;
    if (ns < 1_000_000_000) return `${trim(ns / 1_000_000)}ms`;
    const s = ns / 1e9;
    if (s < 60) return `${trim(s)}s`;
    const m = Math.floor(s / 60);
    return m < 60 ? `${m}m${trim(s - m * 60)}s` : `${Math.floor(m / 60)}h${m % 60}m${trim(s - m * 60)}s`;
  }
}

function trim(v: number): string {
  return String(Number(v.toFixed(6)));
}

function jsonValue(v: unknown): string {
  if (v instanceof Dur) return String(v.ns);
  return JSON.stringify(v);
}

// slog's TextHandler quotes a value when it is empty or holds a space, '=', '"', or a non-printable rune.
const NEEDS_QUOTE = /[\s="\\]/;

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function textValue(v: unknown): string {
  if (v instanceof Dur) return v.toString();
  if (Array.isArray(v)) return textValue(`[${v.join(' ')}]`);
  if (typeof v === 'string') return v === '' || NEEDS_QUOTE.test(v) || hasControl(v) ? JSON.stringify(v) : v;
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

/** slog JSONHandler output (time RFC3339Nano trimmed; duplicate keys kept as written). */
export function slogJson(l: LogLine): string {
  let s = `{"time":"${isoNano(l.t, l.nanos)}","level":"${l.level}","msg":${JSON.stringify(l.msg)}`;
  for (const [k, v] of l.attrs) s += `,${JSON.stringify(k)}:${jsonValue(v)}`;
  return `${s}}`;
}

/** slog TextHandler output (time RFC3339 with milliseconds). */
export function slogText(l: LogLine): string {
  let s = `time=${isoMs(l.t)} level=${l.level} msg=${textValue(l.msg)}`;
  for (const [k, v] of l.attrs) s += ` ${k}=${textValue(v)}`;
  return s;
}

const PY_LEVEL = { DEBUG: 'DEBUG', INFO: 'INFO', WARN: 'WARNING', ERROR: 'ERROR' } as const;

/** Python logging with `%(asctime)s %(name)s %(levelname)s %(message)s` (extras are dropped by this formatter). */
export function python(l: LogLine): string {
  return `${pythonTime(l.t)} ${l.logger ?? 'root'} ${PY_LEVEL[l.level]} ${l.msg}`;
}

/** python-json-logger with asctime/name/levelname/message plus the `extra` keys. */
export function pythonJson(l: LogLine): string {
  const o: Record<string, unknown> = { asctime: pythonTime(l.t), name: l.logger ?? 'root', levelname: PY_LEVEL[l.level], message: l.msg };
  for (const [k, v] of l.attrs) o[k] = v instanceof Dur ? v.ns : v;
  // json.dumps default separators: ", " between items and ": " after keys.
  return `{${Object.entries(o).map(([k, v]) => `${JSON.stringify(k)}: ${pyDump(v)}`).join(', ')}}`;
}

function pyDump(v: unknown): string {
  return Array.isArray(v) ? `[${v.map(pyDump).join(', ')}]` : JSON.stringify(v);
}

/** Render one event in a stream's inner format; raw lines pass through. Returns physical lines. */
export function renderLine(format: LogFormat, l: LogLine): string[] {
  if (l.raw !== undefined) return l.raw.split('\n');
  switch (format) {
    case 'slog-json': return [slogJson(l)];
    case 'slog-text': return [slogText(l)];
    case 'python': return python(l).split('\n');
    case 'python-json': return [pythonJson(l)];
    case 'console': return l.msg.split('\n');
  }
}
