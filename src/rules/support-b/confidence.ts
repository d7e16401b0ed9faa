// Confidence from evidence volume: one occurrence is weak, a sustained pattern is strong.

/**
 * Confidence that grows with the number of occurrences: one is weak (`weak`), `strongAt` or more
 * is a pattern (`strong`), linear in between.
 */
export function strength(n: number, strongAt = 5, weak = 0.35, strong = 0.9): number {
  if (n <= 1) return weak;
  if (n >= strongAt) return strong;
  return Math.round((weak + ((strong - weak) * (n - 1)) / (strongAt - 1)) * 100) / 100;
}

/** `error` at or above `errorAt` occurrences, else `warning` (one occurrence is never an error). */
export function severityFor(n: number, errorAt = 3): 'error' | 'warning' {
  return n >= errorAt ? 'error' : 'warning';
}
