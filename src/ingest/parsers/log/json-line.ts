// JSON log lines: Go slog JSONHandler (time/level/msg) and generic JSON loggers whose keys vary
// (ts/timestamp/@timestamp, severity/levelname/lvl, message, OTel/ECS ids). One JSON.parse per line, done by the caller.
import type { LogRecord } from '../../types.ts';
import { normLevel } from './levels.ts';
import { addAttr, promote, PROMOTED_KEYS } from './record.ts';
import { anyTime } from './times.ts';

// Every special key maps to one code (kind + rank) so each key costs one Map lookup. Within a
// kind the lower rank wins when a line carries several spellings (e.g. both `time` and `@timestamp`).
const TIME = 100;
const LEVEL = 200;
const MSG = 300;
const ID = 400;
const SPECIAL: ReadonlyMap<string, number> = new Map([
  ...(['time', 'timestamp', '@timestamp', 'ts', 'asctime', 'datetime', 'date'].map((k, i) => [k, TIME + i] as const)),
  ...(['level', 'severity', 'levelname', 'lvl', 'loglevel', 'log.level', 'level_name', 'severity_text', 'severityText']
    .map((k, i) => [k, LEVEL + i] as const)),
  ...(['msg', 'message', '@message', 'event', 'body'].map((k, i) => [k, MSG + i] as const)),
  ...PROMOTED_KEYS.map((k) => [k, ID] as const),
]);
const NONE = 99;
// Codes of keys that are not special: an ordinary key, and one that `{}` already has through its prototype.
const PLAIN = 500;
const INHERITED = 501;
// Top-level keys remembered by position (a line with more just classifies the rest every time).
const MAX_REMEMBERED_KEYS = 64;
// Distinct keys whose codes a reader keeps (a file with more classifies the others every time).
const MAX_CODED_KEYS = 4096;

/**
 * Fills records from parsed JSON log objects (one instance per file: per-line state is reused).
 * JSON.parse keeps the last of repeated keys; AuthPlane repeats `request_id` with the same value,
 * so nothing is lost for its lines.
 */
export class JsonLineReader {
  private time = NONE;
  private level = NONE;
  private msg = NONE;
  private levelValue: unknown = undefined;
  private timeKey = '';
  private levelKey = '';
  private msgKey = '';
  private readonly lastKeys: string[] = [];
  private readonly lastCodes: number[] = [];
  private readonly codes = new Map<string, number>();

  /** After fill: true when the object had a level key. */
  get levelFound(): boolean {
    return this.level !== NONE;
  }

  /** Fills `rec` from a parsed JSON object; returns true when it looks like a log line (a message, or a level and a time). */
  fill(rec: LogRecord, o: Record<string, unknown>): boolean {
    this.time = NONE;
    this.level = NONE;
    this.msg = NONE;
    this.levelValue = undefined;
    this.walk(rec, o, '');
    const isSlog = this.time === 0 && this.level === 0 && this.msg === 0 && typeof this.levelValue === 'string';
    rec.format = isSlog ? 'slog-json' : 'generic-json';
    if (this.levelValue !== undefined) rec.level = normLevel(this.levelValue) ?? 'INFO';
    return this.msg !== NONE || (this.level !== NONE && this.time !== NONE);
  }

  /** The code of a top-level key: one Map lookup once the file's keys have been seen. */
  private codeOf(k: string): number {
    let code = this.codes.get(k);
    if (code !== undefined) return code;
    code = SPECIAL.get(k) ?? (k in Object.prototype ? INHERITED : PLAIN);
    if (this.codes.size < MAX_CODED_KEYS) this.codes.set(k, code);
    return code;
  }

  private walk(rec: LogRecord, o: Record<string, unknown>, prefix: string): void {
    const attrs = rec.attrs;
    const isTop = prefix === '';
    // Keys go straight into attrs unless one may already be there: JSON keys are unique, so that
    // needs a flattened group (`a.b` twice) or a name attrs inherits (`constructor`, `__proto__`).
    let mayRepeat = !isTop;
    let i = 0;
    for (const k in o) {
      const v = o[k];
      let code: number;
      let key: string;
      if (isTop) {
        key = k;
        // Lines of a file repeat their keys in the same order: keep each position's key and code.
        if (this.lastKeys[i] === k) code = this.lastCodes[i]!;
        else {
          code = this.codeOf(k);
          if (i < MAX_REMEMBERED_KEYS) {
            this.lastKeys[i] = k;
            this.lastCodes[i] = code;
          }
        }
        i++;
      } else {
        key = prefix + '.' + k;
        code = SPECIAL.get(key) ?? PLAIN;
      }
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        mayRepeat = true;
        this.walk(rec, v as Record<string, unknown>, key); // slog groups → dotted keys
        continue;
      }
      if (code >= PLAIN) {
        if (code === INHERITED) mayRepeat = true;
        if (mayRepeat) addAttr(attrs, key, v);
        else attrs[key] = v;
        continue;
      }
      if (code >= ID) {
        if (!promote(rec, key, v)) addAttr(attrs, key, v);
        continue;
      }
      const rank = code % 100;
      const isScalar = typeof v === 'string' || typeof v === 'number';
      if (code < LEVEL) {
        if (isScalar && rank < this.time) {
          if (this.time !== NONE) addAttr(attrs, this.timeKey, rec.time); // the lesser spelling stays an attr
          this.time = rank;
          this.timeKey = key;
          rec.time = typeof v === 'string' ? v : String(v);
          rec.ts = anyTime(v);
          continue;
        }
      } else if (code < MSG) {
        if (isScalar && rank < this.level) {
          if (this.level !== NONE) addAttr(attrs, this.levelKey, this.levelValue);
          this.level = rank;
          this.levelKey = key;
          this.levelValue = v;
          continue;
        }
      } else if (typeof v === 'string' && rank < this.msg) {
        if (this.msg !== NONE) addAttr(attrs, this.msgKey, rec.msg);
        this.msg = rank;
        this.msgKey = key;
        rec.msg = v;
        continue;
      }
      addAttr(attrs, key, v);
    }
  }
}
