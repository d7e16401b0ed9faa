// Parses one Prometheus text / OpenMetrics sample line: name, labels, value, timestamp, exemplar.

/** A sample line taken apart. The exemplar (`# {trace_id="…"} 1 123`) never touches `value`. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
  exemplar?: { labels: Record<string, string>; value: number; timestampMs?: number };
}

/** [a-zA-Z_:] */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

/** [a-zA-Z0-9_:] */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPACE = /\s+/;
// Exposition timestamps: Prometheus text uses integer ms, OpenMetrics float seconds. Below 1e11 a
// value can only be seconds (1e11 ms is 1973), so the unit is inferred from the magnitude.
const SECONDS_LIMIT = 1e11;

/** A sample value (`1`, `1.5e+06`, `NaN`, `+Inf`, `-Inf`), or null when it is not a number. */
export function parseValue(s: string): number | null {
  if (NUMBER.test(s)) return Number(s);
  switch (s.toLowerCase()) {
    case 'nan':
      return NaN;
    case 'inf':
    case '+inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    default:
      return null;
  }
}

/** A sample timestamp in epoch ms, or null when malformed. */
export function parseTimestamp(s: string): number | null {
  if (!NUMBER.test(s)) return null;
  const n = Number(s);
  return Math.round(Math.abs(n) < SECONDS_LIMIT ? n * 1000 : n);
}

/**
 * Successive scrapes repeat the same metric names and label sets: a bundle of a thousand snapshots
 * held a name string and a labels object per sample (~300 MB for 1 800 scrapes). Parsed ones are
 * shared (label sets frozen, since every sample with that text holds the same object). Bounded: the
 * caches start over past CACHE_MAX entries.
 */
const CACHE_MAX = 50_000;
const names = new Map<string, string>();
const labelSets = new Map<string, Readonly<Record<string, string>>>();

function sharedName(name: string): string {
  const hit = names.get(name);
  if (hit !== undefined) return hit;
  if (names.size >= CACHE_MAX) names.clear();
  // A copy, not a slice of the line: a slice would keep the whole line (or chunk) alive.
  const own = (' ' + name).slice(1);
  names.set(own, own);
  return own;
}

function sharedLabels(text: string, labels: Record<string, string>): Record<string, string> {
  const hit = labelSets.get(text);
  if (hit !== undefined) return hit as Record<string, string>;
  if (labelSets.size >= CACHE_MAX) labelSets.clear();
  labelSets.set((' ' + text).slice(1), Object.freeze(labels));
  return labels;
}

interface LabelsResult {
  labels: Record<string, string>;
  /** Index just after the closing `}`. */
  end: number;
  /** A quoted metric name inside the braces (`{"my.metric", a="b"}`), when present. */
  quotedName?: string;
}

/** Reads a quoted string starting at the `"` at `i`, undoing `\\`, `\"` and `\n`. */
function readQuoted(line: string, i: number): { value: string; end: number } | string {
  let out = '';
  let j = i + 1;
  let chunkStart = j;
  for (; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === 0x22) {
      out += line.slice(chunkStart, j);
      return { value: out, end: j + 1 };
    }
    if (c === 0x5c) {
      out += line.slice(chunkStart, j);
      const n = line[j + 1];
      out += n === 'n' ? '\n' : n === '\\' || n === '"' ? n : `\\${n ?? ''}`;
      j++;
      chunkStart = j + 1;
    }
  }
  return 'unterminated label value';
}

/** Parses `{a="x",b="y"}` starting at the `{` at `i`. Returns an error text when malformed. */
export function parseLabels(line: string, i: number): LabelsResult | string {
  const labels: Record<string, string> = {};
  let quotedName: string | undefined;
  let j = i + 1;
  for (;;) {
    while (line[j] === ' ' || line[j] === '\t') j++;
    if (line[j] === '}') return { labels, end: j + 1, quotedName };
    let name: string;
    const isQuoted = line[j] === '"';
    if (isQuoted) {
      const q = readQuoted(line, j);
      if (typeof q === 'string') return q;
      name = q.value;
      j = q.end;
    } else {
      const start = j;
      while (j < line.length && isNameChar(line.charCodeAt(j))) j++;
      if (j === start) return 'bad label name';
      name = line.slice(start, j);
    }
    while (line[j] === ' ') j++;
    if (line[j] === ',' || line[j] === '}') {
      // A bare quoted string is the metric name (UTF-8 names in newer expositions).
      if (quotedName !== undefined || !isQuoted) return 'label without value';
      quotedName = name;
    } else {
      if (line[j] !== '=') return 'expected = after label name';
      j++;
      while (line[j] === ' ') j++;
      if (line[j] !== '"') return 'label value not quoted';
      const v = readQuoted(line, j);
      if (typeof v === 'string') return v;
      if (Object.prototype.hasOwnProperty.call(labels, name)) return `label ${name} repeated`;
      labels[name] = v.value;
      j = v.end;
      while (line[j] === ' ') j++;
    }
    if (line[j] === ',') j++;
    else if (line[j] !== '}') return 'expected , or } in labels';
  }
}

/** Parses one sample line, or returns why it is not one. */
export function parseSampleLine(line: string): ParsedSample | string {
  let i = 0;
  let name = '';
  if (isNameStart(line.charCodeAt(0))) {
    while (i < line.length && isNameChar(line.charCodeAt(i))) i++;
    name = line.slice(0, i);
  } else if (line[0] !== '{') {
    return 'not a metric sample';
  }
  let labels: Record<string, string> = {};
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (line[i] === '{') {
    const l = parseLabels(line, i);
    if (typeof l === 'string') return l;
    labels = sharedLabels(line.slice(i, l.end), l.labels);
    if (l.quotedName !== undefined) {
      if (name !== '') return 'two metric names';
      name = l.quotedName;
    }
    i = l.end;
  }
  if (name === '') return 'no metric name';
  name = sharedName(name);
  let rest = line.slice(i);
  let exemplarText: string | undefined;
  const hash = rest.indexOf('#');
  if (hash !== -1) {
    exemplarText = rest.slice(hash + 1).trim();
    rest = rest.slice(0, hash);
  }
  const parts = rest.trim().split(SPACE);
  if (parts.length === 0 || parts[0] === '') return `no value for ${name}`;
  if (parts.length > 2) return `unexpected text after the value of ${name}`;
  const value = parseValue(parts[0]!);
  if (value === null) return `value of ${name} is not a number`;
  const sample: ParsedSample = { name, labels, value };
  if (parts[1] !== undefined) {
    const ts = parseTimestamp(parts[1]);
    if (ts === null) return `bad timestamp for ${name}`;
    sample.timestampMs = ts;
  }
  if (exemplarText !== undefined) {
    const ex = parseExemplar(exemplarText);
    if (typeof ex === 'string') return `bad exemplar for ${name}: ${ex}`;
    sample.exemplar = ex;
  }
  return sample;
}

function parseExemplar(text: string): NonNullable<ParsedSample['exemplar']> | string {
  if (text[0] !== '{') return 'expected {';
  const l = parseLabels(text, 0);
  if (typeof l === 'string') return l;
  const parts = text.slice(l.end).trim().split(SPACE);
  const value = parseValue(parts[0] ?? '');
  if (value === null) return 'no value';
  const ex: NonNullable<ParsedSample['exemplar']> = { labels: l.labels, value };
  if (parts[1] !== undefined) {
    const ts = parseTimestamp(parts[1]);
    if (ts === null) return 'bad timestamp';
    ex.timestampMs = ts;
  }
  return ex;
}
