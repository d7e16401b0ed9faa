// String helpers for the per-line hot path: interning repeated names, in-place prefix tests, lazy slices.

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

/** `s.startsWith(p, at)` for a short constant `p`, char by char (startsWith with a position allocates). */
export function isAt(s: string, at: number, p: string): boolean {
  for (let k = 0; k < p.length; k++) if (s.charCodeAt(at + k) !== p.charCodeAt(k)) return false;
  return true;
}

/** `s` from `at` as a string of its own. */
export function sliceFrom(s: string, at: number): string {
  return at === 0 ? s : s.slice(at);
}
