// Takes apart a captured HTTP exchange: `curl -i` output, `curl -v` output, or a curl connection error.
import type { HttpExchange, TokenUse } from '../../../types.ts';
import { splitLines } from '../util/locate.ts';

/** A parsed capture: the exchange plus where the body starts and the raw credentials it carried. */
export interface Capture {
  http: HttpExchange;
  /** 1-based line and byte offset of the first body line (0 when there is no body). */
  bodyLine: number;
  bodyOffset: number;
  /** Request credential headers as sent, for token extraction (never stored in the record). */
  credentials: { value: string; line: number; offset: number; hint: TokenUse }[];
}

const STATUS = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*))?$/;
const REQUEST = /^([A-Z]+)\s+(\S+)\s+HTTP\/\d(?:\.\d)?$/;
const HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/;
const CURL_ERROR = /^curl:\s*\((\d+)\)\s*(.*)$/;
const PROMPT_CURL = /^(?:\$\s*)?curl\s+(.*)$/;
const PROMPT_RUN = /^\$\s*curl\s/;
const JQ = /\|\s*jq(?:\s+-[a-zA-Z]+)*(?:\s+(?:'([^']*)'|"([^"]*)"|([^\s|'"]+)))?/;
// Go's default NotFound body: a bare `curl -s` of a missing route still says 404 this way.
const GO_NOT_FOUND = '404 page not found';
const CONNECTED = /^\*\s+Connected to \S+ (?:\(\S+\) )?port (\d+)/;
const DATA_MARK = /^[{}] \[\d+ bytes data\]$/;
const MAX_BODY_CHARS = 256 * 1024;

/** Short, stable names for curl's connection errors. */
function errorKind(code: number, msg: string): string {
  if (/refused/i.test(msg)) return 'connection refused';
  if (code === 6 || /resolve host/i.test(msg)) return 'could not resolve host';
  if (code === 28 || /timed out/i.test(msg)) return 'timeout';
  if (code === 52 || /empty reply/i.test(msg)) return 'empty reply';
  if (code === 56 || /reset/i.test(msg)) return 'connection reset';
  if (code === 35 || code === 60 || /SSL|TLS|certificate/i.test(msg)) return 'tls error';
  return msg.trim() || `curl error ${code}`;
}

function setHeader(into: Record<string, string>, name: string, value: string): void {
  const k = name.toLowerCase();
  into[k] = into[k] === undefined ? value : `${into[k]}, ${value}`;
}

/** Path of a request target (`/x?y` or an absolute URL), query dropped. */
function pathOf(target: string): string {
  if (target.startsWith('/')) return target.replace(/[?#].*$/, '');
  try {
    return new URL(target).pathname;
  } catch {
    return target;
  }
}

function portOf(url: string): number | undefined {
  try {
    const u = new URL(url);
    return u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : u.protocol === 'http:' ? 80 : undefined;
  } catch {
    return undefined;
  }
}

const CREDENTIAL_HINT: Record<string, TokenUse> = { authorization: 'access', dpop: 'dpop-proof', 'proxy-authorization': 'unknown' };

/** One line of a capture file with its place in the file. */
export type CaptureLine = ReturnType<typeof splitLines>[number];

/** Split a file holding several `$ curl …` runs into one run each (a file with one run stays whole). */
export function splitRuns(text: string): CaptureLine[][] {
  const runs: CaptureLine[][] = [];
  for (const l of splitLines(text)) {
    if (runs.length === 0 || PROMPT_RUN.test(l.text)) runs.push([]);
    runs[runs.length - 1]!.push(l);
  }
  return runs;
}

/** Parse one capture (lines as placed in the file), or null when it is not one. */
export function parseCapture(lines: CaptureLine[]): Capture | null {
  const http: HttpExchange = { requestHeaders: {}, responseHeaders: {} };
  const parts: NonNullable<HttpExchange['lines']> = { headers: {} };
  const credentials: Capture['credentials'] = [];
  let body: typeof lines = [];
  let isResponse = false;
  let state: 'start' | 'headers' | 'body' = 'start';
  let isPrompted = false;

  for (const l of lines) {
    const t = l.text;
    const err = CURL_ERROR.exec(t.trim());
    if (err) {
      http.error = errorKind(Number(err[1]), err[2]!);
      parts.error ??= l.line;
      http.port ??= Number(/port (\d+)/.exec(err[2]!)?.[1]) || undefined;
      continue;
    }
    const cmd = state === 'start' ? PROMPT_CURL.exec(t.trim()) : null;
    if (cmd) {
      const url = /https?:\/\/[^\s'"]+/.exec(cmd[1]!)?.[0];
      if (url) {
        http.url = url;
        http.port ??= portOf(url);
        http.path = pathOf(url);
      }
      const jq = JQ.exec(cmd[1]!);
      if (jq) http.jq = (jq[1] ?? jq[2] ?? jq[3] ?? '.').trim();
      isPrompted = true;
      const method = /(?:^|\s)(?:-X|--request)\s+([A-Z]+)/.exec(cmd[1]!)?.[1];
      if (method) http.method = method;
      for (const h of cmd[1]!.matchAll(/(?:-H|--header)\s+(['"])(.*?)\1/g)) {
        const hm = HEADER.exec(h[2]!);
        if (!hm) continue;
        const hint = CREDENTIAL_HINT[hm[1]!.toLowerCase()];
        if (hint) credentials.push({ value: hm[2]!, line: l.line, offset: l.offset, hint });
        setHeader(http.requestHeaders, hm[1]!, hm[2]!);
      }
      continue;
    }
    const c0 = t.slice(0, 2);
    if (c0 === '* ' || t === '*') {
      const conn = CONNECTED.exec(t);
      if (conn) http.port ??= Number(conn[1]);
      continue;
    }
    if (DATA_MARK.test(t)) continue;
    if (c0 === '> ' || t === '>') {
      const r = t.slice(2);
      const req = REQUEST.exec(r);
      const hm = req ? null : HEADER.exec(r);
      if (req) {
        http.method = req[1];
        http.path = pathOf(req[2]!);
      } else if (hm) {
        const hint = CREDENTIAL_HINT[hm[1]!.toLowerCase()];
        if (hint) credentials.push({ value: hm[2]!, line: l.line, offset: l.offset, hint });
        setHeader(http.requestHeaders, hm[1]!, hm[2]!);
        if (hm[1]!.toLowerCase() === 'host') {
          const port = /:(\d+)$/.exec(hm[2]!.trim());
          if (port) http.port = Number(port[1]);
        }
      }
      continue;
    }
    // `curl -v` response lines start with `< `; `curl -i` prints them bare.
    const isVerbose = c0 === '< ' || t === '<';
    const r = isVerbose ? t.slice(2) : t;
    const status = state !== 'headers' || isVerbose ? STATUS.exec(r.trim()) : null;
    if (status && (isVerbose || state !== 'body' || body.every((b) => b.text.trim() === ''))) {
      // A new status line (100 Continue, a redirect followed with -L) starts the response over.
      http.status = Number(status[1]);
      http.statusText = status[2]?.trim() || undefined;
      http.responseHeaders = {};
      parts.status = l.line;
      parts.headers = {};
      body = [];
      isResponse = true;
      state = 'headers';
      continue;
    }
    if (state === 'headers') {
      if (r.trim() === '') {
        state = 'body';
        continue;
      }
      const hm = HEADER.exec(r);
      if (hm) {
        setHeader(http.responseHeaders, hm[1]!, hm[2]!.trim());
        parts.headers[hm[1]!.toLowerCase()] ??= l.line;
        continue;
      }
      state = 'body';
    }
    // After `$ curl -s …` (no -i) the output is the body itself.
    if (state === 'start' && isPrompted && !isVerbose && t.trim() !== '') state = 'body';
    if (state === 'body' && !isVerbose) body.push(l);
  }
  if (!isResponse && http.error === undefined && !(isPrompted && body.length > 0)) return null;
  while (body.length > 0 && body[0]!.text.trim() === '') body.shift();
  while (body.length > 0 && body[body.length - 1]!.text.trim() === '') body.pop();
  if (body.length > 0) http.bodyText = body.map((b) => b.text).join('\n').slice(0, MAX_BODY_CHARS);
  if (http.status === undefined && http.bodyText?.trim() === GO_NOT_FOUND) http.status = 404;
  if (http.jq === '.') delete http.jq;
  if (body[0]) parts.body = body[0].line;
  http.lines = parts;
  return { http, bodyLine: body[0]?.line ?? 0, bodyOffset: body[0]?.offset ?? 0, credentials };
}

/** Cheap check: the head starts like curl -i output, holds curl -v markers, or a curl error. */
export function looksLikeCapture(lines: string[]): boolean {
  let first = true;
  for (const raw of lines) {
    const t = raw.trim();
    if (t === '') continue;
    if (CURL_ERROR.test(t)) return true;
    if (t.startsWith('< HTTP/') || (t.startsWith('> ') && REQUEST.test(t.slice(2)))) return true;
    // A shell transcript opening with `$ curl …` is a capture whatever follows (-i, -v, or the bare body).
    if (first && PROMPT_RUN.test(t)) return true;
    if (first && PROMPT_CURL.test(t)) continue;
    if (first && STATUS.test(t)) return true;
    if (!t.startsWith('*')) first = false;
  }
  return false;
}
