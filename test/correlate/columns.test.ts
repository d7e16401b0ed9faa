import { describe, expect, it } from 'vitest';
import { Interner, delta, u16w } from '../../src/correlate/columns.ts';

describe('compact per-line columns', () => {
  it('give back every time and offset exactly, including none, fractions and far-apart values', () => {
    const c = delta();
    const values = [Date.parse('2026-10-03T09:00:00Z'), Number.NaN, Date.parse('2026-10-03T09:00:00.250Z'), 1.5, 0, 5e9, -3, Date.parse('2026-10-04T00:00:00Z')];
    for (const v of values) c.push(v);
    expect(values.map((_, i) => c.get(i))).toEqual(values);
    c.set(1, 42);
    c.set(3, Number.NaN);
    expect(c.get(1)).toBe(42);
    expect(c.get(3)).toBeNaN();
  });

  it('keep values across many chunks, each measured from its own first value', () => {
    const c = delta();
    for (let i = 0; i < 200_000; i++) c.push(i % 7 === 0 ? Number.NaN : 1.7e12 + i * 13);
    expect(c.get(0)).toBeNaN();
    expect(c.get(65_536)).toBe(1.7e12 + 65_536 * 13);
    expect(c.get(199_999)).toBe(1.7e12 + 199_999 * 13);
    expect(c.length).toBe(200_000);
  });

  it('keep small ids in 16 bits and still return ids past 65 534', () => {
    const c = u16w();
    for (const v of [0, 7, 65_534, 65_535, 1_000_000, 3]) c.push(v);
    expect([0, 1, 2, 3, 4, 5].map((i) => c.get(i))).toEqual([0, 7, 65_534, 65_535, 1_000_000, 3]);
    c.set(4, 9);
    expect(c.get(4)).toBe(9);
    expect(c.bytes).toBe(2 * 65_536);
  });

  it('intern equal strings to one id and different strings to different ids, however they alternate', () => {
    const t = new Interner(3);
    // 'ab' and 'ba' share a slot of the interner's recent-strings cache.
    const seq = ['ab', 'ba', 'ab', ['a', 'b'].join(''), 'ba', 'c', 'ba', 'd', 'e', 'ab'];
    expect(seq.map((s) => t.id(s))).toEqual([0, 1, 0, 0, 1, 2, 1, 3, 3, 0]);
    expect(t.values).toEqual(['ab', 'ba', 'c', '(other)']);
    expect(t.find('d')).toBe(-1);
  });
});
