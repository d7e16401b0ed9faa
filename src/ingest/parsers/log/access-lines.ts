// HTTP access lines of the MCP server or a proxy in front of it: Common/Combined Log Format (nginx,
// Apache, morgan) and uvicorn's access line. Attrs use the authserver access-log names (method, path, status …).
import type { LogRecord } from '../../types.ts';
import { addAttr } from './record.ts';

// `ip - user [03/Oct/2026:08:00:31 +0000] "POST /mcp HTTP/1.1" 401 98 "referer" "agent"`
const CLF = /^(\S+) \S+ (\S+) \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})\] "(\S+) (\S+)[^"]*" (\d{3}) (\d+|-)(?: "([^"]*)" "([^"]*)")?/;
// uvicorn: `10.0.0.3:52344 - "POST /mcp HTTP/1.1" 401 Unauthorized` (after `INFO:     `).
const UVICORN = /^(\S+) - "(\S+) (\S+)[^"]*" (\d{3})/;

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['Jan', 0], ['Feb', 1], ['Mar', 2], ['Apr', 3], ['May', 4], ['Jun', 5],
  ['Jul', 6], ['Aug', 7], ['Sep', 8], ['Oct', 9], ['Nov', 10], ['Dec', 11],
]);

/** Fills `rec` from a Common/Combined Log Format line; returns false (untouched) when it is not one. */
export function fillClf(rec: LogRecord, text: string): boolean {
  // Cheap gate before the regex: ` [dd/` near the start.
  const b = text.indexOf(' [');
  if (b <= 0 || b > 100 || text.charCodeAt(b + 4) !== 0x2f) return false;
  const m = CLF.exec(text);
  if (m === null) return false;
  const mon = MONTHS.get(m[4]!);
  if (mon !== undefined) {
    const off = (Number(m[10]) * 60 + Number(m[11])) * (m[9] === '-' ? -1 : 1);
    rec.ts = Date.UTC(Number(m[5]), mon, Number(m[3]), Number(m[6]), Number(m[7]), Number(m[8])) - off * 60_000;
    rec.time = text.slice(b + 2, text.indexOf(']', b));
  }
  rec.format = 'access-log';
  rec.msg = text;
  const status = Number(m[14]);
  rec.level = status >= 500 ? 'ERROR' : status >= 400 ? 'WARN' : 'INFO';
  const a = rec.attrs;
  addAttr(a, 'remote_addr', m[1]);
  if (m[2] !== '-') addAttr(a, 'user', m[2]);
  addAttr(a, 'method', m[12]);
  addAttr(a, 'path', m[13]);
  addAttr(a, 'status', status);
  if (m[15] !== '-') addAttr(a, 'bytes', Number(m[15]));
  if (m[16] !== undefined && m[16] !== '-') addAttr(a, 'referer', m[16]);
  if (m[17] !== undefined) addAttr(a, 'user_agent', m[17]);
  return true;
}

/** Adds method/path/status/remote_addr attrs when a uvicorn message is an access line. */
export function addUvicornAccess(rec: LogRecord, msg: string): void {
  const m = UVICORN.exec(msg);
  if (m === null) return;
  addAttr(rec.attrs, 'remote_addr', m[1]);
  addAttr(rec.attrs, 'method', m[2]);
  addAttr(rec.attrs, 'path', m[3]);
  addAttr(rec.attrs, 'status', Number(m[4]));
}
