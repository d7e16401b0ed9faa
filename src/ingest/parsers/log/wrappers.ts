// Container-log wrappers around a log line: kubectl --prefix / --timestamps, CRI, docker compose
// prefixes (text), Docker json-file and journald export (JSON). Detected per line: a file can mix them.
import type { Level } from '../../types.ts';
import { intern } from './strings.ts';
import { numericLevel } from './levels.ts';
import { parseIsoTime } from './times.ts';
import { isTracingLine } from './tracing-fmt.ts';

/** Wrapper ids, indexes into WRAPPER_NAMES. */
export const W_NONE = 0;
export const W_KPREFIX = 1;
export const W_KTS = 2;
export const W_KBOTH = 3; // W_KPREFIX | W_KTS
export const W_DOCKER = 4;
export const W_CRI = 5;
export const W_JOURNALD = 6;
export const W_COMPOSE = 7;

/** Inventory names of the wrappers (FileInfo.wrapper), by id. */
export const WRAPPER_NAMES: readonly (string | null)[] = [
  null, 'kubectl-prefix', 'kubectl-timestamps', 'kubectl-prefix+timestamps', 'docker-json', 'cri', 'journald', 'compose',
];

// `svc-1  | line`, `project_svc_1  | line`; names are padded to a common width.
const COMPOSE = /^([A-Za-z0-9][\w.-]*) +\|(?: |$)/;
// Replica-numbered compose names are recognised on their own; other names only when most of the file uses them.
const COMPOSE_NUMBERED = /[-_]\d+$/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** What unwrapping found on the current line. One instance per file, reset per line. */
export class Unwrapped {
  wrapper = W_NONE;
  source = '';
  /** The wrapper's timestamp in epoch ms (fallback when the inner line has none); `time` has it as written. */
  ts: number | null = null;
  // The stamp as written is sliced only when asked for: the inner line usually has its own time.
  private timeText: string | undefined = undefined;
  private timeFrom = 0;
  private timeTo = 0;
  // The last kubectl prefix's stream name: consecutive lines share it, so it is not sliced again.
  private lastPrefixSource = '';
  /** journald PRIORITY as a level (fallback when the inner line names none). */
  level: Level | undefined = undefined;
  /** CRI `P` chunk or a Docker entry without its trailing newline: joined with what follows. */
  partial = false;

  reset(source: string): void {
    this.wrapper = W_NONE;
    this.source = source;
    this.timeText = undefined;
    this.timeFrom = 0;
    this.timeTo = 0;
    this.ts = null;
    this.level = undefined;
    this.partial = false;
  }

  /** After unwrapText: the line it read (without ANSI colours); the inner line is `line` from the returned index. */
  line = '';

  /** The wrapper's timestamp as written, or undefined. */
  get time(): string | undefined {
    return this.timeText === undefined || this.timeTo === 0 ? this.timeText : this.timeText.slice(this.timeFrom, this.timeTo);
  }

  /**
   * Finds text prefixes (kubectl `[pod/p/c] `, compose `svc | `, an RFC 3339 stamp, CRI `stdout F `)
   * and returns where the inner line starts in `line`. Not sliced here: reading a sliced string
   * char by char costs more than reading the line itself. `composeLoose` accepts any compose service name.
   */
  unwrapText(text: string, composeLoose: boolean): number {
    if (text.charCodeAt(0) === 0x1b) text = text.replace(ANSI, ''); // compose colours its prefixes on a tty
    this.line = text;
    let pos = 0;
    const c0 = text.charCodeAt(0);
    if (c0 === 0x5b) { // '['
      if (text.charCodeAt(1) === 0x70 && text.charCodeAt(2) === 0x6f && text.charCodeAt(3) === 0x64 && text.charCodeAt(4) === 0x2f) { // `[pod/`
        const close = text.indexOf('] ', 5);
        if (close > 0) {
          // Compared as a whole string: startsWith with a position is much slower here.
          const last = this.lastPrefixSource;
          if (close !== last.length + 1 || text.substring(1, close) !== last) this.lastPrefixSource = intern(text.slice(1, close));
          this.source = this.lastPrefixSource;
          this.wrapper = W_KPREFIX;
          pos = close + 2;
        }
      }
    } else if (isAlnum(c0)) {
      const bar = text.indexOf(' |');
      if (bar > 0 && bar < 128) {
        const m = COMPOSE.exec(text);
        if (m !== null && (composeLoose || COMPOSE_NUMBERED.test(m[1]!))) {
          this.source = m[1]!;
          this.wrapper = W_COMPOSE;
          pos = m[0].length;
        }
      }
    }
    return this.stamp(text, pos);
  }

  /** An RFC 3339 stamp and a space at `pos` (kubectl --timestamps, compose -t, CRI); returns the new position. */
  private stamp(text: string, pos: number): number {
    const c = text.charCodeAt(pos);
    if (c < 0x30 || c > 0x39 || text.charCodeAt(pos + 4) !== 0x2d || text.charCodeAt(pos + 10) !== 0x54) return pos;
    const sp = text.indexOf(' ', pos + 19);
    const end = sp < 0 ? text.length : sp;
    const ts = parseIsoTime(text, pos, end);
    if (ts === null) return pos;
    // A Rust tracing line's own time (`<stamp>  INFO target: …`) is the line's, not a wrapper's.
    if (this.wrapper === W_NONE && sp >= 0 && mayStartTracing(text.charCodeAt(sp + 1)) && isTracingLine(text, sp + 1)) return pos;
    this.timeText = text;
    this.timeFrom = pos;
    this.timeTo = end;
    this.ts = ts;
    const next = sp < 0 ? text.length : sp + 1;
    // CRI: `<stamp> stdout|stderr F|P <line>`.
    if (this.wrapper === W_NONE && (text.startsWith('stdout ', next) || text.startsWith('stderr ', next))) {
      const tag = text.charCodeAt(next + 7);
      const after = text.charCodeAt(next + 8);
      if ((tag === 0x46 || tag === 0x50) && (after === 0x20 || Number.isNaN(after))) {
        this.wrapper = W_CRI;
        this.partial = tag === 0x50;
        return Math.min(next + 9, text.length);
      }
    }
    if (this.wrapper === W_NONE) this.wrapper = W_KTS;
    else if (this.wrapper === W_KPREFIX) this.wrapper = W_KBOTH;
    return next;
  }

  /**
   * Recognises a Docker json-file entry or a journald export object; returns the inner line, or
   * undefined when `o` is neither (then it is itself a JSON log line).
   */
  unwrapJson(o: Record<string, unknown>): string | undefined {
    const log = o.log;
    if (typeof log === 'string' && o.msg === undefined && (o.stream !== undefined || o.time !== undefined)) {
      this.wrapper = W_DOCKER;
      // `--log-opt tag=…` or compose's service label, when the daemon was told to record them.
      const attrs = o.attrs;
      if (attrs !== null && typeof attrs === 'object') {
        const named = str((attrs as Record<string, unknown>).tag) ?? str((attrs as Record<string, unknown>)['com.docker.compose.service']);
        if (named !== undefined) this.source = named;
      }
      if (typeof o.time === 'string') {
        this.timeText = o.time;
        this.ts = parseIsoTime(o.time);
      }
      // Docker splits lines over 16 KiB into entries; only the last one ends with a newline.
      let end = log.length;
      if (log.charCodeAt(end - 1) === 0x0a) end--;
      else this.partial = true;
      if (log.charCodeAt(end - 1) === 0x0d) end--;
      return end === log.length ? log : log.slice(0, end);
    }
    if (o.MESSAGE !== undefined && (o.__REALTIME_TIMESTAMP !== undefined || o._HOSTNAME !== undefined || o._SYSTEMD_UNIT !== undefined)) {
      this.wrapper = W_JOURNALD;
      const unit = str(o._SYSTEMD_UNIT) ?? str(o.SYSLOG_IDENTIFIER) ?? str(o._COMM);
      const host = str(o._HOSTNAME);
      if (unit !== undefined) this.source = host !== undefined ? `${unit}@${host}` : unit;
      else if (host !== undefined) this.source = host;
      const us = Number(o.__REALTIME_TIMESTAMP);
      if (Number.isFinite(us) && us > 0) {
        this.ts = Math.floor(us / 1000);
        this.timeText = new Date(this.ts).toISOString();
      }
      const prio = Number(o.PRIORITY);
      if (o.PRIORITY !== undefined && Number.isInteger(prio)) this.level = numericLevel(prio);
      return journalMessage(o.MESSAGE);
    }
    return undefined;
  }
}

/** journald exports MESSAGE as a string, or as an array of bytes when it is not valid UTF-8 text. */
function journalMessage(m: unknown): string {
  if (typeof m === 'string') return m;
  if (Array.isArray(m)) {
    const bytes = Buffer.from(m.filter((b): b is number => typeof b === 'number'));
    let s = bytes.toString('utf8');
    if (s.endsWith('\n')) s = s.slice(0, -1);
    return s;
  }
  return '';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const DOCKER_PATH = /(?:^|\/)containers\/([0-9a-f]{12,64})\/\1-json\.log(?:\.\d+)?(?:\.gz)?$/;
// /var/log/pods/<ns>_<pod>_<uid>/<container>/<n>.log
const POD_PATH = /(?:^|\/)pods\/([^/_]+)_([^/_]+)_[^/]+\/([^/]+)\/\d+\.log(?:\.[\w.-]+)?$/;
// /var/log/containers/<pod>_<ns>_<container>-<64 hex>.log
const CONTAINERS_PATH = /(?:^|\/)containers\/([^/_]+)_([^/_]+)_(.+)-[0-9a-f]{64}\.log$/;

/**
 * The stream a file belongs to when its lines do not say: `container/<short id>` of a docker
 * json-file path, `pod/<pod>/<container>` of a kubelet path (as kubectl --prefix names it), else the path without
 * its rotation suffix.
 */
export function sourceFromPath(path: string): string {
  const inner = path.slice(path.lastIndexOf('!/') + 1); // entries of nested archives join with `!/`
  let m = DOCKER_PATH.exec(inner);
  if (m !== null) return `container/${m[1]!.slice(0, 12)}`; // the short id `docker ps` shows
  m = POD_PATH.exec(inner);
  if (m !== null) return `pod/${m[2]}/${m[3]}`;
  m = CONTAINERS_PATH.exec(inner);
  if (m !== null) return `pod/${m[1]}/${m[3]}`;
  // Rotated and compressed copies (`app.log.1`, `app.log.2.gz`, `app.log.gz`) are the same stream.
  return path.replace(ROTATED, '');
}

const ROTATED = /(?:\.\d{1,3})?(?:\.gz)?$/;

/** The first character of a tracing level as printed after the time: ` INFO`/` WARN`, `ERROR`, `DEBUG`, `TRACE`. */
function mayStartTracing(c: number): boolean {
  return c === 0x20 || c === 0x45 || c === 0x44 || c === 0x54;
}
