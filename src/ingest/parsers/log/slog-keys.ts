// slog text helpers: which lines may be slog text, what each key means, repeated keys, unquoted numbers.
import { isPromotedKey } from './record.ts';
import { isAt } from './strings.ts';

// What a slog-text key means to applyPairs (tags kept by the scanner next to each cached key; 0 = not known yet).
export const K_PLAIN = 1;
export const K_TIME = 2;
export const K_LEVEL = 3;
export const K_MSG = 4;
export const K_PROMOTED = 5;
export const K_INHERITED = 6;

/** What `k` means to applyPairs (one of the K_ codes). */
export function keyKind(k: string): number {
  switch (k) {
    case 'time': case 'ts': case 't': return K_TIME;
    case 'level': case 'lvl': return K_LEVEL;
    case 'msg': return K_MSG;
  }
  if (isPromotedKey(k)) return K_PROMOTED;
  return k in Object.prototype ? K_INHERITED : K_PLAIN;
}

/** True when `k` is one of `keys[from, i)` (slog text may repeat a key on one line). */
export function repeats(keys: readonly string[], from: number, i: number, k: string): boolean {
  for (let j = from; j < i; j++) if (keys[j] === k) return true;
  return false;
}

/** True when the line from `at` may be slog text or logfmt. */
export function isSlogTextCandidate(line: string, at: number, c0: number): boolean {
  // Go's TextHandler starts with `time=` (or `level=` when time is dropped); logfmt loggers with `ts=`.
  if (c0 === 0x74) return isAt(line, at, 'time=') || isAt(line, at, 'ts=') || isAt(line, at, 't=');
  if (c0 === 0x6c) return isAt(line, at, 'level=') || isAt(line, at, 'lvl=');
  if (c0 === 0x6d) return isAt(line, at, 'msg=');
  return line.indexOf(' msg=', at) >= 0;
}

/** True for `-?\d+(\.\d+)?`: an unquoted slog number (checked by hand, it runs on most values). */
export function looksNumeric(v: string): boolean {
  const n = v.length;
  let i = v.charCodeAt(0) === 0x2d ? 1 : 0;
  const intStart = i;
  while (i < n && isDigit(v.charCodeAt(i))) i++;
  if (i === intStart) return false;
  if (i === n) return true;
  if (v.charCodeAt(i) !== 0x2e) return false;
  const fracStart = ++i;
  while (i < n && isDigit(v.charCodeAt(i))) i++;
  return i > fracStart && i === n;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
