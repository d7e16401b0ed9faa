// Non-JSON log lines: slog text, Go `log` output of slog, Python logging, TS `[authplane] ` console
// lines, JUL headers, AuthPlane's `error: …` fatal lines, and plain text. Regexes are compiled once.
import type { Level, LogRecord } from '../../types.ts';
import { addUvicornAccess, fillClf } from './access-lines.ts';
import { KvScanner } from './go-text.ts';
import { normLevel } from './levels.ts';
import { addAttr, promote } from './record.ts';
import { anyTime, julTime, parseIsoTime } from './times.ts';
import { isSlogTextCandidate, K_INHERITED, K_LEVEL, K_MSG, K_PLAIN, K_PROMOTED, K_TIME, keyKind, looksNumeric, repeats } from './slog-keys.ts';
import { sliceFrom } from './strings.ts';
import { fillTracing } from './tracing-fmt.ts';

const PY_LEVELS = '(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|FATAL)';
// `%(asctime)s %(name)s %(levelname)s %(message)s` (the SDK demos) and the ` - `-separated cookbook form.
const PY_ASCTIME = new RegExp(`^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:,\\d{1,6})?) (?:- )?(\\S+) (?:- )?${PY_LEVELS}(?: (?:- )?([\\s\\S]*))?$`);
// asctime then level, no logger name (`%(asctime)s %(levelname)s %(message)s`).
const PY_ASCTIME_NONAME = new RegExp(`^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:,\\d{1,6})?) (?:- )?\\[?${PY_LEVELS}\\]?(?: (?:- )?([\\s\\S]*))?$`);
// basicConfig's default `WARNING:authplane.client:message`.
const PY_BASIC = /^(DEBUG|INFO|WARNING|ERROR|CRITICAL):([^:\s]+):([\s\S]*)$/;
// uvicorn's default `INFO:     127.0.0.1:5000 - "POST /mcp HTTP/1.1" 401 Unauthorized`.
const PY_UVICORN = /^(DEBUG|INFO|WARNING|ERROR|CRITICAL):\s+([\s\S]*)$/;
const JUL_HEAD = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM) (\S+)(?: (\S+))?$/;
/** The second line of a JUL SimpleFormatter record: `WARNING: <message>`. */
export const JUL_LEVEL = /^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): ([\s\S]*)$/;
const GO_LOG = /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) ([\s\S]*)$/;
const SLOG_LEVEL_WORD = /^(DEBUG|INFO|WARN|ERROR)([+-]\d+)? /;
const PLAIN_LEVEL = /\b(FATAL|PANIC|CRITICAL|SEVERE|ERROR|ERR|WARNING|WARN|INFO|DEBUG|TRACE)\b|\blevel=(\w+)/;
const PLAIN_LOWER = /^(panic|fatal|error|warning|warn)\b/;
const TS_PREFIX = '[authplane] ';
const SELF_CHECK = '=== authserver feature self-check ===';
const BOOT_ABORT = 'authserver boot aborted:';

// Microsoft.Extensions.Logging console formatter: `warn: Authplane.Mcp[0]`, message on the next, indented line.
const DOTNET_HEAD = /^(trce|dbug|info|warn|fail|crit): ([\w.`+<>]+)\[(\d+)\]$/;
const DOTNET_LEVELS: Readonly<Record<string, Level>> = {
  trce: 'DEBUG', dbug: 'DEBUG', info: 'INFO', warn: 'WARN', fail: 'ERROR', crit: 'ERROR',
};

/** Header kinds: a record whose message arrives on the following line. */
export const HEADER_NONE = 0;
export const HEADER_JUL = 1;
export const HEADER_DOTNET = 2;

/** Fills records from non-JSON lines. One instance per file (it owns a reusable tokenizer). */
export class TextLineReader {
  readonly kv = new KvScanner();
  /** After fill: the key whose quoted value the line left open (continues on the next lines), or null. */
  openKey: string | null = null;
  /** After fill: true when the line named its level (a wrapper's level is used otherwise). */
  levelExplicit = false;
  /** After fill: HEADER_JUL / HEADER_DOTNET when the line is a header whose message follows on the next line. */
  header = HEADER_NONE;

  /**
   * Fills `rec` from the line `line` from `at`; returns true when a known line format matched
   * (false: `plain`). slog text is read in place; the other formats get the inner line sliced.
   */
  fill(rec: LogRecord, line: string, at = 0): boolean {
    this.openKey = null;
    this.levelExplicit = true;
    this.header = HEADER_NONE;
    const c0 = line.charCodeAt(at);
    if (c0 >= 0x30 && c0 <= 0x39) { // digit: Python asctime or Go `log` date
      const c4 = line.charCodeAt(at + 4);
      if (c4 === 0x2f && this.goLog(rec, sliceFrom(line, at))) return true;
      if (c4 === 0x2d && line.charCodeAt(at + 10) === 0x20 && this.python(rec, sliceFrom(line, at))) return true;
      if (c4 === 0x2d && line.charCodeAt(at + 10) === 0x54 && fillTracing(rec, sliceFrom(line, at))) return true;
    } else if (c0 === 0x20 && fillTracing(rec, sliceFrom(line, at))) { // ` INFO target: …` once a wrapper took the time
      return true;
    } else if (c0 === 0x5b) { // '['
      if (line.startsWith(TS_PREFIX, at)) {
        rec.format = 'ts-console';
        rec.origin = 'sdk';
        rec.level = 'WARN'; // the TS SDK logs through console.warn only
        rec.msg = line.slice(at + TS_PREFIX.length);
        return true;
      }
    } else if (c0 === 0x65 && line.startsWith('error: ', at)) {
      rec.format = 'fatal';
      rec.origin = 'authserver';
      rec.level = 'ERROR';
      rec.msg = sliceFrom(line, at);
      return true;
    } else if (line.charCodeAt(at + 4) === 0x3a && this.dotnetHead(rec, sliceFrom(line, at))) {
      return true;
    } else if (c0 >= 0x41 && c0 <= 0x5a) { // uppercase: JUL header, Python without asctime, tracing without time
      if (line.charCodeAt(at + 3) === 0x20 && this.julHead(rec, sliceFrom(line, at))) return true;
      if (this.pythonBare(rec, sliceFrom(line, at))) return true;
      if (fillTracing(rec, sliceFrom(line, at))) return true;
    }
    if (isSlogTextCandidate(line, at, c0) && this.slogText(rec, line, at)) return true;
    const text = sliceFrom(line, at);
    if (fillClf(rec, text)) return true;
    this.plain(rec, text);
    return false;
  }

  /** slog text (`key=value …`) from `start`. Fails without touching `rec` when the line has bare words. */
  slogText(rec: LogRecord, text: string, start: number): boolean {
    const kv = this.kv;
    const n = kv.scan(text, start);
    if (n === 0 || kv.bare > 0) return false;
    let hasMsgOrLevel = false;
    for (let i = 0; i < n; i++) {
      const k = kv.keys[i];
      if (k === 'msg' || k === 'level' || k === 'lvl') { hasMsgOrLevel = true; break; }
    }
    if (!hasMsgOrLevel) return false;
    rec.format = 'slog-text';
    this.levelExplicit = false;
    this.applyPairs(rec, 0, n, true);
    if (kv.unterminated) this.openKey = kv.keys[n - 1] ?? null;
    return true;
  }

  /**
   * Copies scanned pairs `[from, to)` into `rec` (time/level/msg, promoted ids, attrs). `fresh`: the
   * record has no attrs yet, so a key that is neither repeated on the line nor inherited by `{}` is stored
   * without the repeated-key check.
   */
  applyPairs(rec: LogRecord, from: number, to: number, fresh = false): void {
    const kv = this.kv;
    const keys = kv.keys;
    const attrs = rec.attrs;
    let mayRepeat = !fresh;
    for (let i = from; i < to; i++) {
      const k = keys[i]!;
      const v = kv.vals[i]!;
      let kind = kv.tagAt(i);
      if (kind === 0) {
        kind = keyKind(k);
        kv.setTag(i, kind);
      }
      switch (kind) {
        case K_TIME:
          if (rec.time === undefined) {
            rec.time = v;
            rec.ts = anyTime(v);
            continue;
          }
          break;
        case K_LEVEL: {
          const lv = normLevel(v);
          if (lv !== undefined) {
            rec.level = lv;
            this.levelExplicit = true;
            continue;
          }
          break;
        }
        case K_MSG:
          if (rec.msg === '') {
            rec.msg = v;
            continue;
          }
          break;
        case K_PROMOTED:
          if (promote(rec, k, v)) continue;
          break;
        case K_INHERITED:
          mayRepeat = true; // `__proto__` can even change what later keys inherit
          break;
      }
      // Unquoted numbers become numbers so text and JSON logs compare alike (status=401).
      const value = kv.quotedAt(i) || !looksNumeric(v) ? v : Number(v);
      if (mayRepeat || kind !== K_PLAIN || repeats(keys, from, i, k)) addAttr(attrs, k, value);
      else attrs[k] = value;
    }
  }

  private python(rec: LogRecord, text: string): boolean {
    let m = PY_ASCTIME.exec(text);
    let msg: string | undefined;
    let level: string;
    if (m !== null) {
      addAttr(rec.attrs, 'logger', m[2]);
      if (isSdk(m[2]!)) rec.origin = 'sdk';
      level = m[3]!;
      msg = m[4];
    } else {
      m = PY_ASCTIME_NONAME.exec(text);
      if (m === null) return false;
      level = m[2]!;
      msg = m[3];
    }
    rec.format = 'python';
    rec.time = m[1];
    rec.ts = parseIsoTime(m[1]!);
    rec.level = normLevel(level) ?? 'INFO';
    rec.msg = msg ?? '';
    addUvicornAccess(rec, rec.msg); // uvicorn.access through the app's formatter
    return true;
  }

  private pythonBare(rec: LogRecord, text: string): boolean {
    const m = PY_BASIC.exec(text) ?? PY_UVICORN.exec(text);
    if (m === null) return false;
    rec.format = 'python';
    rec.level = normLevel(m[1]) ?? 'INFO';
    if (m.length === 4) { // basicConfig form carries the logger name
      addAttr(rec.attrs, 'logger', m[2]);
      if (isSdk(m[2]!)) rec.origin = 'sdk';
      rec.msg = m[3]!;
    } else {
      rec.msg = m[2]!;
      addUvicornAccess(rec, rec.msg);
    }
    return true;
  }

  private julHead(rec: LogRecord, text: string): boolean {
    const m = JUL_HEAD.exec(text);
    if (m === null) return false;
    rec.format = 'java-jul';
    rec.time = text.slice(0, text.indexOf('M ') + 1); // `Nov 27, 2026 6:14:44 PM`
    rec.ts = julTime(m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!);
    rec.msg = text; // replaced by the message line that follows
    addAttr(rec.attrs, 'logger', m[8]);
    if (m[9] !== undefined) addAttr(rec.attrs, 'method', m[9]);
    if (isSdk(m[8]!)) rec.origin = 'sdk';
    this.header = HEADER_JUL;
    return true;
  }

  private dotnetHead(rec: LogRecord, text: string): boolean {
    const m = DOTNET_HEAD.exec(text);
    if (m === null) return false;
    rec.format = 'dotnet-console';
    rec.level = DOTNET_LEVELS[m[1]!] ?? 'INFO';
    rec.msg = text; // replaced by the indented message line that follows
    addAttr(rec.attrs, 'logger', m[2]);
    addAttr(rec.attrs, 'event_id', Number(m[3]));
    if (m[2]!.startsWith('Authplane')) rec.origin = 'sdk';
    this.header = HEADER_DOTNET;
    return true;
  }

  private goLog(rec: LogRecord, text: string): boolean {
    const m = GO_LOG.exec(text);
    if (m === null) return false;
    rec.format = 'go-log';
    rec.time = m[1];
    rec.ts = parseIsoTime(m[1]!);
    const rest = m[2]!;
    const lv = SLOG_LEVEL_WORD.exec(rest);
    if (lv === null) { // plain log.Printf output
      rec.msg = rest;
      this.levelExplicit = markerLevel(rec, rest);
      return true;
    }
    rec.level = normLevel(lv[0].trimEnd()) ?? 'INFO';
    // slog's default handler: `LEVEL <msg> k=v k=v`; the attrs start at the first space that is
    // followed only by well-formed pairs.
    const body = lv[0].length;
    let sp = rest.indexOf(' ', body);
    for (let tries = 0; sp >= 0 && tries < 8; tries++) {
      const eq = rest.indexOf('=', sp + 1);
      if (eq < 0) break;
      const nextSp = rest.indexOf(' ', sp + 1);
      if ((nextSp < 0 || eq < nextSp) && eq > sp + 1) {
        const n = this.kv.scan(rest, sp + 1);
        if (this.kv.bare === 0 && n > 0) {
          rec.msg = rest.slice(body, sp);
          this.applyPairs(rec, 0, n, true);
          return true;
        }
      }
      sp = nextSp;
    }
    rec.msg = rest.slice(body);
    return true;
  }

  private plain(rec: LogRecord, text: string): void {
    rec.format = 'plain';
    rec.msg = text;
    if (text.startsWith(SELF_CHECK)) {
      rec.origin = 'authserver';
      return;
    }
    if (text.startsWith(BOOT_ABORT)) {
      rec.origin = 'authserver';
      rec.level = 'ERROR';
      return;
    }
    // A leading timestamp (`2026-10-03 09:15:02.123 …`) is worth keeping even on a plain line.
    const c0 = text.charCodeAt(0);
    if (c0 >= 0x30 && c0 <= 0x39) {
      let end = text.indexOf(' ', 19);
      if (end < 0) end = text.length;
      const ts = parseIsoTime(text, 0, end);
      if (ts !== null) {
        rec.ts = ts;
        rec.time = text.slice(0, end);
      }
    }
    this.levelExplicit = markerLevel(rec, text);
  }
}

/** Sets the level from an obvious marker word; returns false (level INFO) when there is none. */
function markerLevel(rec: LogRecord, text: string): boolean {
  const low = PLAIN_LOWER.exec(text);
  if (low !== null) {
    rec.level = low[1]!.startsWith('warn') ? 'WARN' : 'ERROR';
    return true;
  }
  const m = PLAIN_LEVEL.exec(text.length > 200 ? text.slice(0, 200) : text);
  if (m === null) return false;
  const lv = normLevel(m[1] ?? m[2]);
  if (lv === undefined) return false;
  rec.level = lv;
  return true;
}

function isSdk(logger: string): boolean {
  return logger.startsWith('authplane') || logger.startsWith('ai.authplane');
}
