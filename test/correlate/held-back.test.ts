import { describe, expect, it } from 'vitest';
import { HeldBack } from '../../src/correlate/held-back.ts';
import type { LogRecord } from '../../src/ingest/index.ts';
import { log } from '../helpers/records.ts';

const line = (msg: string): LogRecord => log(msg);

describe('lines held back in case their request fails', () => {
  it('hands back a failed request\'s lines oldest first, and only once', () => {
    const h = new HeldBack(10);
    h.hold(1, 0, line('a1'), 100);
    h.hold(2, 1, line('b1'), 101);
    h.hold(1, 2, line('a2'), 102);
    expect(h.take(1).map((p) => [p.rec.msg, p.idx, p.orderTs])).toEqual([['a1', 0, 100], ['a2', 2, 102]]);
    expect(h.take(1)).toEqual([]);
    expect(h.take(2).map((p) => p.rec.msg)).toEqual(['b1']);
  });

  it('forgets the oldest lines once more are held than it has room for', () => {
    const h = new HeldBack(3);
    h.hold(1, 0, line('a1'), 0);
    h.hold(2, 1, line('b1'), 1);
    h.hold(1, 2, line('a2'), 2);
    h.hold(3, 3, line('c1'), 3); // overwrites a1
    h.hold(3, 4, line('c2'), 4); // overwrites b1
    expect(h.take(1).map((p) => p.rec.msg)).toEqual(['a2']);
    expect(h.take(2)).toEqual([]);
    expect(h.take(3).map((p) => p.rec.msg)).toEqual(['c1', 'c2']);
  });

  it('drops a settled request\'s lines without touching the others', () => {
    const h = new HeldBack(4);
    h.hold(1, 0, line('a1'), 0);
    h.hold(2, 1, line('b1'), 1);
    h.hold(1, 2, line('a2'), 2);
    h.release(1);
    h.hold(1, 3, line('a3'), 3);
    expect(h.take(1).map((p) => p.rec.msg)).toEqual(['a3']);
    expect(h.take(2).map((p) => p.rec.msg)).toEqual(['b1']);
  });
});
