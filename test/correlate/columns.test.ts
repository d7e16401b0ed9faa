import { describe, expect, it } from 'vitest';
import { Interner, delta, near16, u16w } from '../../src/correlate/columns.ts';

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

  it('give back numbers near their neighbours exactly, and far jumps, fractions, none and infinities too', () => {
    const c = near16();
    const t0 = Date.parse('2026-10-03T09:00:00Z');
    // Block 0 (values 0–255): near values, then one of each awkward kind; block 1 stays near.
    const values: number[] = [];
    for (let i = 0; i < 256; i++) values.push(t0 + i * 120 - (i % 3) * 7);
    values[10] = t0 + 32_765; // the farthest a 16-bit offset reaches
    values[11] = t0 - 32_768;
    values[12] = t0 + 32_766; // one further: an int32 offset
    values[13] = t0 + 0.5;
    values[14] = Number.NaN;
    values[15] = t0 + 5e9; // past int32
    values[16] = Number.POSITIVE_INFINITY;
    values[17] = -1;
    for (let i = 0; i < 300; i++) values.push(1000 + i);
    for (const v of values) c.push(v);
    expect(values.map((_, i) => c.get(i))).toEqual(values);
    // Only block 0 needed its int32 side array: 2 bytes a value, a base per block, plus 1 KB.
    expect(c.bytes).toBe(2 * 65_536 + 8 * 256 + 4 * 256);
    c.set(256, t0); // far from block 1's base (1000): block 1 gets its side array too
    c.set(12, 7);
    c.set(15, Number.NaN);
    expect([c.get(256), c.get(12), c.get(15), c.get(257)]).toEqual([t0, 7, Number.NaN, 1001]);
    expect(c.bytes).toBe(2 * 65_536 + 8 * 256 + 2 * 4 * 256);
  });

  it('start each block of 256 from its own first value, across chunks', () => {
    const c = near16();
    for (let i = 0; i < 200_000; i++) c.push(i % 1000 === 0 ? Number.NaN : 1.7e12 + i * 13);
    expect(c.get(0)).toBeNaN();
    expect(c.get(65_537)).toBe(1.7e12 + 65_537 * 13);
    expect(c.get(199_999)).toBe(1.7e12 + 199_999 * 13);
    expect(c.bytes).toBe(4 * (2 * 65_536 + 8 * 256));
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
