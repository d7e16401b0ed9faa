// Damaged input never crashes the parser: it costs the line and is reported with its place.
import { describe, expect, it } from 'vitest';
import { parseLog } from './fake-context.ts';

const GOOD = '{"time":"2026-10-03T09:15:02Z","level":"INFO","msg":"http server listening","service":"authserver","addr":":9000"}';

describe('damaged lines', () => {
  it('reports half a JSON object as a truncated line and keeps reading', () => {
    const out = parseLog([GOOD, '{"time":"2026-10-03T09:15:03Z","level":"INFO","msg":"admin ser', GOOD]);
    expect(out.records.map((r) => r.line)).toEqual([1, 3]);
    expect(out.problems).toEqual([{ line: 2, problem: 'truncated JSON line' }]);
  });

  it('reports a closed but invalid JSON object as invalid', () => {
    const out = parseLog([GOOD, '{"time":"2026-10-03T09:15:03Z" "level":"INFO"}', GOOD]);
    expect(out.problems).toEqual([{ line: 2, problem: 'invalid JSON line' }]);
  });

  it('reports a broken inner JSON line inside a Docker entry', () => {
    const out = parseLog([JSON.stringify({ log: '{"time":"2026-10-03T09:15:03Z","lev\n', stream: 'stdout', time: '2026-10-03T09:15:03Z' })]);
    expect(out.records).toEqual([]);
    expect(out.problems).toEqual([{ line: 1, problem: 'truncated JSON line' }]);
  });

  it('keeps a line starting with a brace in a text log as plain text', () => {
    const out = parseLog(['time=2026-10-03T09:15:02.000Z level=INFO msg=a', '{not json at all', 'time=2026-10-03T09:15:03.000Z level=INFO msg=b']);
    expect(out.records.map((r) => [r.format, r.msg])).toEqual([['slog-text', 'a'], ['plain', '{not json at all'], ['slog-text', 'b']]);
    expect(out.problems).toEqual([]);
  });

  it.each([
    ['an unterminated quote', 'time=2026-10-03T09:15:02.000Z level=INFO msg="never closed \\'],
    ['a cut escape', String.raw`time=2026-10-03T09:15:02.000Z level=INFO msg="bad \U0011FFFF \x"`],
    ['a lone pod prefix', '[pod/x/y] '],
    ['a CRI stamp with nothing after it', '2026-10-03T09:15:02.000000000Z stdout F'],
    ['control characters', '\u0000\u0001\u0002'],
    ['a journald entry whose MESSAGE is null', '{"__REALTIME_TIMESTAMP":"1","_HOSTNAME":"h","MESSAGE":null}'],
  ])('does not throw on %s', (_what, line) => {
    expect(() => parseLog([line])).not.toThrow();
  });

  it('keeps the record of a split line when the file ends before its last chunk', () => {
    const out = parseLog(['2026-10-03T09:16:11.1Z stdout P error: open database: ', '2026-10-03T09:16:11.1Z stdout P dial tcp']);
    expect(out.records).toHaveLength(1);
    expect(out.records[0]).toMatchObject({ msg: 'error: open database: dial tcp', line: 1, format: 'fatal' });
  });

  it('stops joining indented lines to one record after 500 of them', () => {
    const lines = ['error: load config: configuration validation failed:'];
    for (let i = 1; i <= 600; i++) lines.push(`  ${i}. problem ${i}`);
    const out = parseLog(lines);
    expect(out.records.map((r) => [r.line, r.msg.split('\n').length])).toEqual([[1, 501], [502, 100]]);
  });
});
