// String helpers for the per-line hot path: interning repeated names, in-place prefix tests, lazy slices.

/**
 * The internalized copy of `s` (V8 internalizes every property name). Same text; an internalized
 * string compares to other internalized strings by pointer, which makes switch, Set, Map and property
 * lookups cheaper. The object has no prototype, so it is a dictionary from the start: a `{}` would add
 * a hidden-class transition per name to the map every `{}` (record attrs included) starts from, and
 * thousands of them (one per timestamp, say) slow every attrs object down.
 */
export function intern(s: string): string {
  const o = Object.create(null) as Record<string, number>;
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
