import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../src/ingest/reader/lines.ts';

interface Out { lines: [number, number, string][]; problems: [number, string, boolean][] }

/** Split `input` fed in chunks of `chunkSize` bytes (every size gives the same lines). */
function split(input: Buffer | string, chunkSize = 1 << 20, maxLineBytes = 1 << 20): Out {
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  const out: Out = { lines: [], problems: [] };
  const s = new LineSplitter({
    line: (text, lineNo, offset) => out.lines.push([lineNo, offset, text]),
    problem: (lineNo, text, isSkipped) => out.problems.push([lineNo, text, isSkipped]),
  }, maxLineBytes);
  for (let i = 0; i < buf.length; i += chunkSize) s.push(buf.subarray(i, i + chunkSize));
  s.end();
  return out;
}

describe('line splitter', () => {
  it('numbers lines from 1 and gives each its byte offset', () => {
    expect(split('ab\ncde\n\nf\n').lines).toEqual([[1, 0, 'ab'], [2, 3, 'cde'], [3, 7, ''], [4, 8, 'f']]);
  });

  it('gives the same lines whatever the chunk boundaries', () => {
    const text = 'first line\nsecond\r\nthird: é ü 日本\nlast';
    const expected = [[1, 0, 'first line'], [2, 11, 'second'], [3, 19, 'third: é ü 日本'], [4, 39, 'last']]; // line 3 is 19 bytes + LF: 'third: ' 7, é 2, ' ' 1, ü 2, ' ' 1, 日本 6
    for (const size of [1, 2, 3, 5, 7, 64]) expect(split(text, size).lines).toEqual(expected);
  });

  it('strips CR of CRLF line ends', () => {
    expect(split('a\r\nb\r\n').lines.map((l) => l[2])).toEqual(['a', 'b']);
  });

  it('strips a UTF-8 BOM on the first line only, keeping offsets in file bytes', () => {
    const out = split(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n\uFEFFx\n')]), 2);
    expect(out.lines).toEqual([[1, 0, '{"a":1}'], [2, 11, '\uFEFFx']]);
  });

  it('passes a half-written last line on to the parser', () => {
    expect(split('{"msg":"ok"}\n{"msg":"cut o').lines).toEqual([[1, 0, '{"msg":"ok"}'], [2, 13, '{"msg":"cut o']]);
  });

  it('passes a line with invalid UTF-8 on, replaced, and notes it', () => {
    const bad = Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' end\nfine\n')]);
    const out = split(bad, 3);
    expect(out.lines.map((l) => l[2])).toEqual(['ok', 'bad \uFFFD\uFFFD end', 'fine']);
    expect(out.problems).toEqual([[2, 'invalid UTF-8 (replaced)', false]]);
  });

  it('skips a line of raw invalid bytes instead of passing it on as text', () => {
    const bad = Buffer.concat([Buffer.from('ok\n'), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from('\nfine\n')]);
    const out = split(bad);
    expect(out.lines.map((l) => l[2])).toEqual(['ok', 'fine']);
    expect(out.problems).toEqual([[2, 'mostly invalid UTF-8 (binary data, not text): line skipped', true]]);
  });

  it('does not flag a line that really contains U+FFFD', () => {
    expect(split('real \uFFFD char\n').problems).toEqual([]);
  });

  it('skips a line over the limit and keeps reading the lines around it', () => {
    const text = `before\n${'x'.repeat(100)}\nafter\n`;
    for (const size of [1000, 7, 1]) {
      const out = split(text, size, 64);
      expect(out.lines).toEqual([[1, 0, 'before'], [3, 108, 'after']]);
      expect(out.problems).toEqual([[2, 'line 2 longer than 64 bytes skipped', true]]);
    }
  });

  it('skips an oversized unterminated last line', () => {
    const out = split(`ok\n${'y'.repeat(50)}`, 8, 16);
    expect(out.lines).toEqual([[1, 0, 'ok']]);
    expect(out.problems).toEqual([[2, 'line 2 longer than 16 bytes skipped', true]]);
  });

  it('keeps a line of exactly the limit', () => {
    expect(split(`${'z'.repeat(16)}\n`, 5, 16).lines).toEqual([[1, 0, 'z'.repeat(16)]]);
  });

  it('emits nothing for empty input', () => {
    expect(split('')).toEqual({ lines: [], problems: [] });
  });
});
