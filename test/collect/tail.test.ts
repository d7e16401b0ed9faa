import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dropFirstPartialLine, lineFeeder, Tail } from '../../src/collect/tail.ts';

describe('Tail', () => {
  it('keeps everything under the cap', () => {
    const t = new Tail(100);
    t.push(Buffer.from('a\nb\n'));
    expect([t.data().toString(), t.isTruncated]).toEqual(['a\nb\n', false]);
  });

  it('keeps the newest whole lines when the cap cuts', () => {
    const t = new Tail(10);
    for (const l of ['line-1\n', 'line-2\n', 'line-3\n']) t.push(Buffer.from(l));
    expect(t.data().toString()).toBe('line-3\n');
    expect(t.isTruncated).toBe(true);
    expect(t.total).toBe(21);
  });

  it('keeps a line that starts exactly at the cut', () => {
    const t = new Tail(14);
    for (const l of ['line-1\n', 'line-2\n', 'line-3\n']) t.push(Buffer.from(l));
    expect(t.data().toString()).toBe('line-2\nline-3\n');
  });
});

describe('lineFeeder', () => {
  it('never mixes two streams inside one line', () => {
    const t = new Tail(1000);
    const out = lineFeeder(t);
    const err = lineFeeder(t);
    out.write(Buffer.from('out-a'));
    err.write(Buffer.from('err-a\n'));
    out.write(Buffer.from(' rest\n'));
    err.write(Buffer.from('err-b'));
    out.end();
    err.end();
    expect(t.data().toString()).toBe('err-a\nout-a rest\nerr-b\n');
  });
});

describe('dropFirstPartialLine', () => {
  it('drops the cut line a read from an offset starts in', async () => {
    const chunks: Buffer[] = [];
    for await (const c of Readable.from([Buffer.from('tial line\nwhole'), Buffer.from(' line\n')]).pipe(dropFirstPartialLine())) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('whole line\n');
  });
});
