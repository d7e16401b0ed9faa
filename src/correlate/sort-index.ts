// Sorting hundreds of thousands of row or trace numbers by precomputed keys without garbage.
// Array.prototype.sort with a comparator needs a JS array of the numbers and its own work arrays:
// on a gigabyte bundle that grew the heap by ~25 MB for each of the audit and trace orders, which
// set the peak RSS. Here the keys sit in Float64Arrays and the merge buffer is one Int32Array.

/** Runs shorter than this are sorted by insertion before merging. */
const RUN = 24;

/**
 * Sort `items` (numbers that index `first` and `second`) ascending by `first[x]`, then
 * `second[x]`, then `x` itself: a total order, so the result does not depend on the algorithm.
 * Keys must not be NaN (use ±Infinity for "none"). Sorts in place and returns `items`.
 */
export function sortByKeys(items: Int32Array, first: Float64Array, second: Float64Array): Int32Array {
  const n = items.length;
  const before = (a: number, b: number): boolean => {
    const fa = first[a]!;
    const fb = first[b]!;
    if (fa !== fb) return fa < fb;
    const sa = second[a]!;
    const sb = second[b]!;
    if (sa !== sb) return sa < sb;
    return a < b;
  };
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const x = items[i]!;
      let j = i - 1;
      while (j >= lo && before(x, items[j]!)) {
        items[j + 1] = items[j]!;
        j--;
      }
      items[j + 1] = x;
    }
  }
  if (n <= RUN) return items;
  let src: Int32Array = items;
  let dst: Int32Array = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      // Already in order (common: log time order within a file): copy the pair of runs as is.
      if (mid >= hi || !before(src[mid]!, src[mid - 1]!)) {
        dst.set(src.subarray(lo, hi), lo);
        continue;
      }
      while (i < mid && j < hi) dst[k++] = before(src[j]!, src[i]!) ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== items) items.set(src);
  return items;
}
