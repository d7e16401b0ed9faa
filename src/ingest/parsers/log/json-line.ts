// JSON log lines: Go slog JSONHandler (time/level/msg) and generic JSON loggers whose keys vary
// (ts/timestamp/@timestamp, severity/levelname/lvl, message, OTel/ECS ids). One JSON.parse per line, done by the caller.
import type { LogRecord } from '../../types.ts';
import { normLevel } from './levels.ts';
import { addAttr, promote } from './record.ts';
import { anyTime } from './times.ts';

// Lower rank wins when a line carries several spellings (e.g. both `time` and `@timestamp`).
const TIME_RANK: ReadonlyMap<string, number> = new Map([
  ['time', 1], ['timestamp', 2], ['@timestamp', 3], ['ts', 4], ['asctime', 5], ['datetime', 6], ['date', 7],
]);
const LEVEL_RANK: ReadonlyMap<string, number> = new Map([
  ['level', 1], ['severity', 2], ['levelname', 3], ['lvl', 4], ['loglevel', 5], ['log.level', 6],
  ['level_name', 7], ['severity_text', 8], ['severityText', 8],
]);
const MSG_RANK: ReadonlyMap<string, number> = new Map([
  ['msg', 1], ['message', 2], ['@message', 3], ['event', 4], ['body', 5],
]);

/** Per-line scratch state, reused (one instance per file). */
class Ranks {
  time = 99;
  level = 99;
  msg = 99;
  levelValue: unknown = undefined;
  timeKey = '';
  levelKey = '';
  msgKey = '';
  reset(): void {
    this.time = 99;
    this.level = 99;
    this.msg = 99;
    this.levelValue = undefined;
  }
}

/** Fills records from parsed JSON log objects. */
export class JsonLineReader {
  private readonly r = new Ranks();

  /** After fill: true when the object had a level key. */
  get levelFound(): boolean {
    return this.r.level < 99;
  }

  /**
   * Fills `rec` from a parsed JSON object and returns true when it looks like a log line (a
   * message, or a level and a time). `text` is the raw line, used only to detect a repeated request_id.
   */
  fill(rec: LogRecord, o: Record<string, unknown>, text: string): boolean {
    const r = this.r;
    r.reset();
    this.walk(rec, o, '');
    const hasSlogShape = r.time === 1 && r.level === 1 && r.msg === 1 && typeof r.levelValue === 'string';
    rec.format = hasSlogShape ? 'slog-json' : 'generic-json';
    if (r.levelValue !== undefined) rec.level = normLevel(r.levelValue) ?? 'INFO';
    // JSON.parse keeps the last of repeated keys; AuthPlane writes request_id twice (middleware
    // logger.With + context handler), so look for a different first value in the raw text.
    if (rec.requestId !== undefined && o.request_id !== undefined) checkRepeatedRequestId(rec, text);
    return r.msg < 99 || (r.level < 99 && r.time < 99);
  }

  private walk(rec: LogRecord, o: Record<string, unknown>, prefix: string): void {
    const r = this.r;
    for (const k in o) {
      const v = o[k];
      const key = prefix === '' ? k : prefix + '.' + k;
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        this.walk(rec, v as Record<string, unknown>, key); // slog groups → dotted keys
        continue;
      }
      const tr = TIME_RANK.get(key);
      if (tr !== undefined && tr < r.time && (typeof v === 'string' || typeof v === 'number')) {
        if (r.time < 99) addAttr(rec.attrs, r.timeKey, rec.time); // the lesser spelling stays an attr
        r.time = tr;
        r.timeKey = key;
        rec.time = typeof v === 'string' ? v : String(v);
        rec.ts = anyTime(v);
        continue;
      }
      const lr = LEVEL_RANK.get(key);
      if (lr !== undefined && lr < r.level && (typeof v === 'string' || typeof v === 'number')) {
        if (r.level < 99) addAttr(rec.attrs, r.levelKey, r.levelValue);
        r.level = lr;
        r.levelKey = key;
        r.levelValue = v;
        continue;
      }
      const mr = MSG_RANK.get(key);
      if (mr !== undefined && mr < r.msg && typeof v === 'string') {
        if (r.msg < 99) addAttr(rec.attrs, r.msgKey, rec.msg);
        r.msg = mr;
        r.msgKey = key;
        rec.msg = v;
        continue;
      }
      if (promote(rec, key, v)) continue;
      addAttr(rec.attrs, key, v);
    }
  }
}

const REQ_KEY = '"request_id":"';

function checkRepeatedRequestId(rec: LogRecord, text: string): void {
  const first = text.indexOf(REQ_KEY);
  if (first < 0 || text.indexOf(REQ_KEY, first + REQ_KEY.length) < 0) return;
  const start = first + REQ_KEY.length;
  const end = text.indexOf('"', start);
  if (end < 0) return;
  const firstValue = text.slice(start, end);
  const lastValue = rec.requestId;
  if (lastValue === undefined || firstValue === lastValue || firstValue.includes('\\')) return;
  rec.requestId = firstValue;
  addAttr(rec.attrs, 'request_id', firstValue);
  addAttr(rec.attrs, 'request_id', lastValue);
}
