import { describe, expect, it } from 'vitest';
import { sortByKeys } from '../../src/correlate/sort-index.ts';

describe('sortByKeys', () => {
  it('orders numbers by their first key, then their second key, then by the number itself', () => {
    //            item:   0  1  2  3  4  5
    const first = new Float64Array([2, 1, 2, 1, 0, 2]);
    const second = new Float64Array([5, 9, 5, 3, 7, 1]);
    const items = Int32Array.from([0, 1, 2, 3, 4, 5]);
    // first 0: item 4; first 1: items 3 (second 3) then 1 (second 9); first 2: item 5 (second 1), then 0 and 2 (both 5, by number).
    expect([...sortByKeys(items, first, second)]).toEqual([4, 3, 1, 5, 0, 2]);
  });

  it('puts items whose key is +Infinity (no time) last', () => {
    const t = new Float64Array([Infinity, 10, Infinity, 5]);
    expect([...sortByKeys(Int32Array.from([0, 1, 2, 3]), t, t)]).toEqual([3, 1, 0, 2]);
  });

  it('sorts only the items it is given, in place, when they are a slice of a larger array', () => {
    const t = new Float64Array([4, 3, 2, 1, 0]);
    const all = Int32Array.from([0, 1, 2, 3, 4]);
    sortByKeys(all.subarray(1, 4), t, t);
    expect([...all]).toEqual([0, 3, 2, 1, 4]);
  });

  it('agrees with a comparator sort on large inputs with many equal keys, already sorted runs and fractions', () => {
    let seed = 7;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (const n of [0, 1, 23, 24, 25, 100, 5000, 70_001]) {
      const first = new Float64Array(n);
      const second = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        first[i] = Math.floor(rand() * 4);
        // Half the items in ascending runs (log order), some equal, some fractional, some unknown.
        second[i] = i % 2 === 0 ? i : rand() < 0.1 ? Infinity : Math.floor(rand() * 50) + (rand() < 0.5 ? 0.25 : 0);
      }
      const items = Int32Array.from({ length: n }, (_, i) => (i * 7919) % n);
      const expected = [...items].sort((a, b) => first[a]! - first[b]! || (second[a]! < second[b]! ? -1 : second[a]! > second[b]! ? 1 : 0) || a - b);
      expect([...sortByKeys(items, first, second)]).toEqual(expected);
    }
  });
});
