// String interning for the names a log file repeats on every line (keys, stream names).

/**
 * The internalized copy of `s` (V8 internalizes every property name), or `s` itself when it cannot
 * be a plain property name (`__proto__`). Same text either way; an internalized string compares to
 * other internalized strings by pointer, which makes switch, Set, Map and property lookups cheaper.
 */
export function intern(s: string): string {
  const o: Record<string, number> = {};
  o[s] = 0;
  for (const k in o) return k;
  return s;
}
