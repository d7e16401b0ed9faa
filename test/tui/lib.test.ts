import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/ingest/index.ts';
import { moveCursor, scrollTop } from '../../src/tui/lib/cursor.ts';
import { duration, fit, shortPath, sourceLabel, span, sparkline, wrapIndented, wrapLines } from '../../src/tui/lib/format.ts';
import { scrolled } from '../../src/tui/views/TextPane.tsx';
import { isBackKey, splitKeys } from '../../src/tui/lib/keys.ts';
import { filterIndexes, matches, matchPositions, nextMatch, parseFieldFilter, parseJumpTime, positionAtTime } from '../../src/tui/lib/log-filter.ts';

function rec(msg: string, over: Partial<LogRecord> = {}): LogRecord {
  return { kind: 'log', file: 'a.log', line: 1, offset: 0, ts: null, level: 'INFO', msg, source: 'pod-a', origin: 'authserver', format: 'slog-json', attrs: {}, ...over };
}

describe('list cursor', () => {
  it('never leaves the list', () => {
    expect(moveCursor(0, -1, 5)).toBe(0);
    expect(moveCursor(4, 1, 5)).toBe(4);
    expect(moveCursor(2, 10, 5)).toBe(4);
    expect(moveCursor(3, 1, 0)).toBe(0);
  });
  it('scrolls only as far as needed to keep the cursor visible', () => {
    // window of 10 rows over 100: moving to row 12 from top 0 shows rows 3..12
    expect(scrollTop(0, 12, 10, 100)).toBe(3);
    // moving back up to row 2 brings the window up to start at 2
    expect(scrollTop(3, 2, 10, 100)).toBe(2);
    // a cursor already inside the window leaves it where it was
    expect(scrollTop(5, 9, 10, 100)).toBe(5);
    // short lists never scroll
    expect(scrollTop(4, 3, 10, 6)).toBe(0);
  });
});

describe('column text', () => {
  it('pads short text and cuts long text with an ellipsis', () => {
    expect(fit('abc', 5)).toBe('abc  ');
    expect(fit('abcdefgh', 5)).toBe('abcd…');
    expect(fit('a\nb', 3)).toBe('a b');
  });
  it('writes durations the way a person reads them', () => {
    expect(duration(12)).toBe('12ms');
    expect(duration(1500)).toBe('1.5s');
    expect(duration(125_000)).toBe('2m5s');
    expect(duration(null)).toBe('-');
  });
  it('writes a span within one day with the date once, and one across midnight with both dates', () => {
    expect(span(Date.parse('2026-10-02T09:00:15Z'), Date.parse('2026-10-02T17:59:57Z'))).toBe('2026-10-02 09:00:15 … 17:59:57');
    expect(span(Date.parse('2026-10-02T09:00:15Z'), Date.parse('2026-10-03T04:59:57Z'))).toBe('2026-10-02 09:00:15 … 2026-10-03 04:59:57');
  });
  it('draws a flat sparkline for constant values and a rising one for growth', () => {
    expect(sparkline([3, 3, 3])).toBe('▁▁▁');
    expect(sparkline([0, 7])).toBe('▁█');
  });
});

describe('log filters and search', () => {
  const rows = [
    rec('http request', { level: 'INFO', traceId: 't1', attrs: { status: 200, client_id: 'web' } }),
    rec('token endpoint error', { level: 'ERROR', traceId: 't2', source: 'pod-b', attrs: { error: 'db down' } }),
    rec('http request', { level: 'WARN', traceId: 't2', attrs: { status: 400, client_id: 'cli' } }),
  ];
  it('reads key=value filters and treats bare words as message text', () => {
    expect(parseFieldFilter('trace_id=t2 endpoint')).toEqual([{ key: 'trace_id', value: 't2' }, { key: 'msg', value: 'endpoint' }]);
  });
  it('keeps only records at or above the minimum level', () => {
    expect(filterIndexes(rows, { minLevel: 'WARN', sources: [], fields: [] })).toEqual([1, 2]);
  });
  it('filters by trace id, attribute and source', () => {
    expect(filterIndexes(rows, { minLevel: 'DEBUG', sources: [], fields: [{ key: 'trace_id', value: 't2' }] })).toEqual([1, 2]);
    expect(filterIndexes(rows, { minLevel: 'DEBUG', sources: [], fields: [{ key: 'client_id', value: 'cli' }] })).toEqual([2]);
    expect(matches(rows[1]!, { minLevel: 'DEBUG', sources: ['pod-a'], fields: [] })).toBe(false);
  });
  it('finds the next and previous match, wrapping around, and says which match it is', () => {
    const view = [0, 1, 2];
    const http = matchPositions(rows, view, 'http');
    expect(http).toEqual([0, 2]);
    expect(nextMatch(matchPositions(rows, view, 'db down'), 0, 1)).toEqual({ pos: 1, nth: 1 });
    expect(nextMatch(http, 0, 1)).toEqual({ pos: 2, nth: 2 });
    expect(nextMatch(http, 2, 1)).toEqual({ pos: 0, nth: 1 });
    expect(nextMatch(http, 0, -1)).toEqual({ pos: 2, nth: 2 });
    expect(nextMatch(http, 1, -1)).toEqual({ pos: 0, nth: 1 });
    // from before the first row: the cursor row itself counts (a new search starts there)
    expect(nextMatch(http, -1, 1)).toEqual({ pos: 0, nth: 1 });
    expect(nextMatch(matchPositions(rows, view, 'nothing like this'), 0, 1)).toBeNull();
    expect(matchPositions(rows, view, '')).toEqual([]);
  });
  it('reads a jump time as HH:MM[:SS[.mmm]] on the bundle\'s day or RFC 3339, and nothing out of range', () => {
    const day = Date.parse('2026-10-03T08:00:04.861Z');
    expect(parseJumpTime('09:30', day)).toBe(Date.parse('2026-10-03T09:30:00Z'));
    expect(parseJumpTime(' 8:34:19.164 ', day)).toBe(Date.parse('2026-10-03T08:34:19.164Z'));
    expect(parseJumpTime('2026-10-03T09:30:00Z', day)).toBe(Date.parse('2026-10-03T09:30:00Z'));
    expect(parseJumpTime('2026-10-03 09:30', day)).toBe(Date.parse('2026-10-03T09:30:00Z'));
    expect(parseJumpTime('2026-10-03T11:30:00+02:00', day)).toBe(Date.parse('2026-10-03T09:30:00Z'));
    for (const bad of ['25:99', '24:00', '12:60', '12:00:61', 'garbage', '12', '2026-02-30T09:00:00Z', '2026-13-01T00:00Z', '']) {
      expect(parseJumpTime(bad, day), bad).toBeNull();
    }
    expect(parseJumpTime('09:30', null)).toBeNull();
  });
  it('jumps to the first record at or after a time', () => {
    const timed = [rec('a', { ts: 1000 }), rec('b', { ts: 2000 }), rec('c', { ts: 3000 })];
    expect(positionAtTime(timed, [0, 1, 2], 1500)).toBe(1);
    expect(positionAtTime(timed, [0, 1, 2], 0)).toBe(0);
    expect(positionAtTime(timed, [0, 1, 2], 9999)).toBe(2);
  });
});

describe('short bundle paths', () => {
  it('keeps the file name of a nested path', () => {
    expect(shortPath('extra.zip!/pods.tgz!/logs/pod-a.log')).toBe('pod-a.log');
  });
  it('cuts a long docker json-file name in the middle', () => {
    const p = `support-bundle/containers/${'a'.repeat(64)}/${'b'.repeat(64)}-json.log`;
    const s = shortPath(p, 20);
    expect(s).toHaveLength(20);
    expect(s.startsWith('bbbbbbbbb')).toBe(true);
    expect(s.endsWith('-json.log')).toBe(true);
    expect(s).toContain('…');
  });
});

describe('wrapped text', () => {
  it('wraps on word boundaries within the width', () => {
    expect(wrapLines('the quick brown fox jumps', 10, 5)).toEqual(['the quick', 'brown fox', 'jumps']);
  });
  it('stops at the line budget and marks the cut', () => {
    const lines = wrapLines('one two three four five six seven eight', 9, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
  });
});

describe('key meanings', () => {
  const none: Key = {
    upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
    return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
    super: false, hyper: false, capsLock: false, numLock: false,
  };
  it('reads esc, ←, backspace (DEL) and ctrl-h as back, and nothing else', () => {
    for (const k of ['escape', 'leftArrow', 'delete', 'backspace'] as const) expect(isBackKey({ ...none, [k]: true })).toBe(true);
    expect(isBackKey(none)).toBe(false);
    expect(isBackKey({ ...none, rightArrow: true })).toBe(false);
  });
  it('splits keys read together into the keys Ink reports one by one', () => {
    expect(splitKeys('2\rj', none)).toEqual([
      { input: '2', key: none }, { input: '', key: { ...none, return: true } }, { input: 'j', key: none },
    ]);
    expect(splitKeys('a\x7f', none)[1]).toEqual({ input: '', key: { ...none, delete: true } });
  });
});

describe('narrow columns', () => {
  it('labels a pod by its app and its own suffix, dropping what every pod shares', () => {
    expect(sourceLabel('pod/authserver-7646c4a17-rhlj6/authserver', 26)).toBe('authserver-7646c4a17-rhlj6');
    expect(sourceLabel('pod/authserver-7646c4a17-rhlj6/authserver', 14)).toBe('authser…-rhlj6');
    expect(sourceLabel('pod/authserver-7f78a1e10-lhnfn/authserver', 14)).not.toBe(sourceLabel('pod/authserver-7f78a1e10-vgmvx/authserver', 14));
    // a sidecar keeps its container name; short names are padded, not cut
    expect(sourceLabel('pod/notes-mcp-5e060b703-p267z/istio-proxy', 20)).toBe('notes-mcp-…tio-proxy');
    expect(sourceLabel('container/3ec2ae8cafc0', 14)).toBe('3ec2ae8cafc0  ');
    expect(sourceLabel('authserver-1', 14)).toBe('authserver-1  ');
  });
  it('wraps with a hanging indent', () => {
    expect(wrapIndented('logs/a.log:3: truncated JSON line', 22, 2)).toEqual(['  logs/a.log:3:', '    truncated JSON', '    line']);
  });
  it('scrolls a text pane without leaving its lines', () => {
    expect(scrolled(0, -1, 10)).toBe(0);
    expect(scrolled(9, 5, 10)).toBe(10);
    expect(scrolled(30, -1, 10)).toBe(9);
  });
});
