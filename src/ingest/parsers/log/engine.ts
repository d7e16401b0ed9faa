// The line parser every log format shares: unwraps container wrappers, joins partial and
// continuation lines, parses the inner line (JSON or text), decides the origin and emits records.
import type { LineParser, ParseContext } from '../../format.ts';
import type { LogRecord } from '../../types.ts';
import { JsonLineReader } from './json-line.ts';
import { OriginTracker } from './origin.ts';
import { newRecord, setOwn } from './record.ts';
import { HEADER_DOTNET, HEADER_JUL, HEADER_NONE, JUL_LEVEL, TextLineReader } from './text-lines.ts';
import { normLevel } from './levels.ts';
import { unquoteGo } from './go-text.ts';
import { Unwrapped, W_NONE, WRAPPER_NAMES } from './wrappers.ts';
import { sliceFrom } from './strings.ts';
import { isTracingLine } from './tracing-fmt.ts';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
// Bounds on joining, so a hostile or odd file cannot grow one record without limit.
const MAX_CONTINUATION_LINES = 500;
const MAX_PARTIAL_CHARS = 1 << 20;
// The line AuthPlane prints after `authserver boot aborted: …`.
const BOOT_HINT = 'set the missing keys and restart the server.';

/** How the file looked from its head (see sniff.ts); steers choices a single line cannot make. */
export interface EngineHints {
  /** The stream when lines do not name one (see sourceFromPath). */
  source: string;
  /** Accept any `name | ` compose prefix, not only replica-numbered names. */
  composeLoose: boolean;
  /** The file is a JSON log: a broken `{…` line is a damaged record, not plain text. */
  jsonDominant: boolean;
  /** Wrapper and inner format announced when the file opens (refined at the end). */
  wrapper: string | null;
  format: string;
}

/** Streams one log file's lines into LogRecords. Never throws: a bad line becomes a problem. */
export class LogLineParser implements LineParser {
  /** Non-empty physical lines seen, and how many of them a known format (or wrapper) recognised. */
  lines = 0;
  recognised = 0;
  private readonly formatCounts = new Map<string, number>();
  // Records of one file nearly all share a format: counted as a run, added to formatCounts when it ends.
  private runFormat = '';
  private runCount = 0;
  private readonly wrapperCounts: number[] = new Array<number>(WRAPPER_NAMES.length).fill(0);

  private readonly u = new Unwrapped();
  private readonly json = new JsonLineReader();
  private readonly text = new TextLineReader();
  private readonly origins = new OriginTracker();

  // The record waiting for possible continuation lines (emitted when the next record starts).
  private pending: LogRecord | null = null;
  private pendingRecognised = false;
  private pendingOpenKey: string | null = null;
  private pendingHeader = HEADER_NONE;
  private pendingFatal = false;
  private pendingTraceback = 0; // Python: 1 inside `Traceback …:` frames
  private pendingLines = 0;

  // CRI `P` chunks / split Docker entries waiting for their final chunk.
  private partialText = '';
  private partialLine = 0;
  private partialOffset = 0;

  constructor(private readonly ctx: ParseContext, private readonly hints: EngineHints) {
    ctx.setWrapper(hints.wrapper);
    ctx.setFormat(hints.format);
  }

  line(text: string, lineNo: number, offset: number): void {
    try {
      this.handle(text, lineNo, offset);
    } catch (err) { // defensive: a parser bug costs one line, never the file
      this.ctx.problem(lineNo, `unparseable log line (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  end(): void {
    if (this.partialText !== '') { // the file ended inside a split line: keep what there is
      const text = this.partialText;
      this.partialText = '';
      const obj = text.charCodeAt(0) === OPEN_BRACE ? parseObject(text) : undefined;
      if (obj === undefined && text.charCodeAt(0) === OPEN_BRACE) this.badJson(text, this.partialLine, this.partialOffset);
      else this.startRecord(text, 0, obj, this.partialLine, this.partialOffset);
    }
    this.flush();
    const format = this.dominantFormat();
    if (format !== null && format !== this.hints.format) this.ctx.setFormat(format);
    const wrapper = this.dominantWrapper();
    if (wrapper !== this.hints.wrapper) this.ctx.setWrapper(wrapper);
  }

  /** The inner format of most records so far, or null before the first record. */
  dominantFormat(): string | null {
    this.settleFormatRun();
    let best: string | null = null;
    let bestN = 0;
    for (const [f, n] of this.formatCounts) if (n > bestN) { best = f; bestN = n; }
    return best;
  }

  /** The wrapper of most lines so far (null when most lines had none). */
  dominantWrapper(): string | null {
    let w = W_NONE;
    for (let i = 1; i < this.wrapperCounts.length; i++) if (this.wrapperCounts[i]! > this.wrapperCounts[w]!) w = i;
    return WRAPPER_NAMES[w] ?? null;
  }

  private handle(text: string, lineNo: number, offset: number): void {
    if (text.length === 0) {
      if (this.pendingOpenKey !== null) this.appendContinuation('');
      return;
    }
    this.lines++;
    const u = this.u;
    u.reset(this.hints.source);
    // The inner line is `line` from `at`; it is sliced only where a string of its own is needed.
    let line: string;
    let at = 0;
    let obj: Record<string, unknown> | undefined;
    if (text.charCodeAt(0) === OPEN_BRACE) {
      const o = parseObject(text);
      if (o === undefined) {
        this.badJson(text, lineNo, offset);
        return;
      }
      const unwrapped = u.unwrapJson(o);
      if (unwrapped === undefined) {
        line = text;
        obj = o;
      } else {
        line = unwrapped;
      }
    } else {
      at = u.unwrapText(text, this.hints.composeLoose);
      line = u.line;
    }
    this.wrapperCounts[u.wrapper]!++;

    if (u.partial || this.partialText !== '') {
      let inner = at === 0 ? line : line.slice(at);
      if (u.partial) {
        if (this.partialText === '') {
          this.partialLine = lineNo;
          this.partialOffset = offset;
        }
        this.partialText += inner;
        this.recognised++;
        if (this.partialText.length < MAX_PARTIAL_CHARS) return;
        inner = ''; // too long to keep joining: close it here
      }
      line = this.partialText + inner;
      at = 0;
      lineNo = this.partialLine;
      offset = this.partialOffset;
      this.partialText = '';
    }
    if (obj === undefined && line.charCodeAt(at) === OPEN_BRACE) {
      const inner = at === 0 ? line : line.slice(at);
      obj = parseObject(inner);
      if (obj === undefined) {
        this.badJson(inner, lineNo, offset);
        return;
      }
      line = inner;
      at = 0;
    }
    if (obj === undefined && this.continues(line, at)) return;
    this.startRecord(line, at, obj, lineNo, offset);
  }

  /** Starts a record from an unwrapped line, `line` from `at` (the previous pending one is emitted first). */
  private startRecord(line: string, at: number, obj: Record<string, unknown> | undefined, lineNo: number, offset: number): void {
    if (line.length === at && obj === undefined) { // a wrapper around an empty line: no record
      if (this.u.wrapper !== W_NONE) this.recognised++;
      if (this.pendingOpenKey !== null) this.appendContinuation('');
      return;
    }
    this.flush();
    const u = this.u;
    const rec = newRecord(this.ctx.path, lineNo, offset, u.source);
    let isKnown: boolean;
    let levelExplicit: boolean;
    if (obj !== undefined) {
      isKnown = this.json.fill(rec, obj);
      levelExplicit = this.json.levelFound;
      this.pendingOpenKey = null;
    } else {
      const t = this.text;
      isKnown = t.fill(rec, line, at);
      levelExplicit = t.levelExplicit;
      this.pendingOpenKey = t.openKey;
      this.pendingHeader = t.header;
      this.pendingFatal = rec.format === 'fatal';
    }
    if (rec.ts === null && u.ts !== null) {
      rec.ts = u.ts;
      rec.time = u.time;
    }
    if (!levelExplicit && u.level !== undefined) rec.level = u.level;
    const isRecognised = isKnown || u.wrapper !== W_NONE;
    if (isRecognised) this.recognised++;
    this.pending = rec;
    this.pendingRecognised = isRecognised;
    this.pendingTraceback = 0;
    this.pendingLines = 0;
  }

  /** Joins the inner line (`line` from `at`) to the pending record when it continues it; returns true when it did. */
  private continues(line: string, at: number): boolean {
    const p = this.pending;
    if (p === null || p.source !== this.u.source || this.pendingLines >= MAX_CONTINUATION_LINES) return false;
    if (this.pendingHeader !== HEADER_NONE) {
      const header = this.pendingHeader;
      this.pendingHeader = HEADER_NONE;
      if (header === HEADER_JUL) {
        const m = JUL_LEVEL.exec(sliceFrom(line, at));
        if (m === null) return false;
        p.level = normLevel(m[1]) ?? 'INFO';
        p.msg = m[2]!;
      } else if (header === HEADER_DOTNET) {
        const c = line.charCodeAt(at);
        if (c !== 0x20 && c !== 0x09) return false;
        p.msg = sliceFrom(line, at).trim();
      }
      this.countContinuation();
      return true;
    }
    if (this.pendingOpenKey !== null) {
      this.appendOpenValue(sliceFrom(line, at));
      this.countContinuation();
      return true;
    }
    const c0 = line.charCodeAt(at);
    // Indented: self-check rows, validation list, stack frames; not a tracing ` INFO target: …` record.
    if ((c0 === 0x20 && !isTracingLine(line, at)) || c0 === 0x09) {
      this.appendContinuation(sliceFrom(line, at));
      return true;
    }
    if (this.pendingFatal && line.startsWith('configuration validation failed:', at)) {
      this.appendContinuation(sliceFrom(line, at));
      return true;
    }
    if (line.length - at === BOOT_HINT.length && line.startsWith(BOOT_HINT, at) && p.msg.includes('boot aborted')) {
      this.appendContinuation(BOOT_HINT);
      return true;
    }
    if (p.format === 'python') {
      if (line.startsWith('Traceback (most recent call last):', at)) {
        this.pendingTraceback = 1;
        this.appendContinuation(sliceFrom(line, at));
        return true;
      }
      if (this.pendingTraceback === 1) { // the exception line that closes a traceback
        this.pendingTraceback = 0;
        this.appendContinuation(sliceFrom(line, at));
        return true;
      }
    }
    return false;
  }

  private appendContinuation(inner: string): void {
    const p = this.pending;
    if (p === null) return;
    if (this.pendingOpenKey !== null) {
      this.appendOpenValue(inner);
      return;
    }
    p.msg += '\n' + inner;
    this.countContinuation();
  }

  private countContinuation(): void {
    this.pendingLines++;
    if (this.pendingRecognised) this.recognised++;
  }

  /** A slog text value that opened a quote continues here; a closing quote ends it and more pairs may follow. */
  private appendOpenValue(inner: string): void {
    const p = this.pending!;
    const key = this.pendingOpenKey!;
    const close = findClosingQuote(inner);
    const piece = unquoteGo(inner, 0, close < 0 ? inner.length : close);
    if (key === 'msg') p.msg += '\n' + piece;
    else setOwn(p.attrs, key, String((Object.hasOwn(p.attrs, key) ? p.attrs[key] : undefined) ?? '') + '\n' + piece);
    if (close < 0) return;
    this.pendingOpenKey = null;
    const n = this.text.kv.scan(inner, close + 1);
    this.text.applyPairs(p, 0, n);
    if (this.text.kv.unterminated) this.pendingOpenKey = this.text.kv.keys[n - 1] ?? null;
  }

  /** Emits the pending record. */
  private flush(): void {
    const rec = this.pending;
    if (rec === null) return;
    this.pending = null;
    this.pendingOpenKey = null;
    this.pendingHeader = HEADER_NONE;
    this.pendingFatal = false;
    this.origins.decide(rec);
    if (rec.format === this.runFormat) this.runCount++;
    else {
      this.settleFormatRun();
      this.runFormat = rec.format;
      this.runCount = 1;
      if (!this.formatCounts.has(rec.format)) this.formatCounts.set(rec.format, 0); // keeps first-seen order for ties
    }
    this.ctx.emit(rec);
  }

  private settleFormatRun(): void {
    if (this.runCount === 0) return;
    this.formatCounts.set(this.runFormat, this.formatCounts.get(this.runFormat)! + this.runCount);
    this.runCount = 0;
  }

  private badJson(text: string, lineNo: number, offset: number): void {
    if (this.hints.jsonDominant || this.u.wrapper !== W_NONE) {
      this.flush();
      const last = text.charCodeAt(text.length - 1);
      this.ctx.problem(lineNo, last === CLOSE_BRACE ? 'invalid JSON line' : 'truncated JSON line');
      return;
    }
    // In a text log a line may simply start with `{`: keep it as plain text.
    if (!this.continues(text, 0)) this.startRecord(text, 0, undefined, lineNo, offset);
  }
}

/** One JSON.parse; undefined unless the line is a JSON object. */
function parseObject(text: string): Record<string, unknown> | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function findClosingQuote(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i;
    if (c === 0x5c) i++;
  }
  return -1;
}
