// Which audit rows are one event: a dumped row repeated in several dumps, and the `audit` log copy
// of a row that was also dumped or reported dropped (reference §4.1: the dump wins).
import { DROPPED, DUMP, LOG_COPY, type AuditColumns } from './audit-store.ts';
import { sortByKeys } from './sort-index.ts';
import { inWindow, type Window } from './window.ts';

/** A log copy within this distance of a dumped row with the same content is that row. */
const SAME_EVENT_MS = 2000;

/**
 * Of `rows` (in the order they were read), which repeat the id of an earlier one: 1 for a repeat.
 * Hash-sorted rather than a Set of id strings: an SQL export of the audit table has ~10^6 rows.
 */
function repeatedIds(cols: AuditColumns, rows: Int32Array): Uint8Array {
  const m = rows.length;
  const hash = new Float64Array(m);
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    hash[k] = cols.idHash(rows[k]!);
    order[k] = k;
  }
  sortByKeys(order, hash, hash);
  const dup = new Uint8Array(m);
  for (let a = 0; a < m;) {
    let b = a + 1;
    while (b < m && hash[order[b]!] === hash[order[a]!]) b++;
    // Within a run of equal hashes, in read order: a row repeats an earlier kept row with the same id.
    for (let x = a + 1; x < b; x++) {
      for (let y = a; y < x; y++) {
        if (dup[order[y]!] === 0 && cols.sameId(rows[order[x]!]!, rows[order[y]!]!)) {
          dup[order[x]!] = 1;
          break;
        }
      }
    }
    a = b;
  }
  return dup;
}

/**
 * Dedupe: dumped rows by id; dropped rows unless dumped; log copies unless a dumped or dropped row
 * has the same content within SAME_EVENT_MS (each such row absorbs one copy). Returns the kept rows.
 */
export function dedupe(cols: AuditColumns, w: Window): Int32Array {
  const n = cols.length;
  // Typed, sized for the worst case: a gigabyte bundle keeps ~380 k rows.
  const out = new Int32Array(n);
  let kept = 0;
  // Dumped rows, then dropped ones: the rows a log copy may be, in the order their ids count.
  const persisted = new Int32Array(n);
  let np = 0;
  let copies = 0;
  for (let i = 0; i < n; i++) {
    if (!inWindow(w, cols.ts.get(i))) continue;
    const o = cols.origin.get(i);
    if (o === DUMP) persisted[np++] = i;
    else if (o === LOG_COPY) copies++;
  }
  for (let i = 0; i < n; i++) if (cols.origin.get(i) === DROPPED && inWindow(w, cols.ts.get(i))) persisted[np++] = i;
  const candidates = persisted.subarray(0, np);
  const dup = repeatedIds(cols, candidates);
  // Anchors (kept dumped and dropped rows) by content hash, only needed when there are copies to match.
  const anchors = new Map<number, number[]>();
  for (let k = 0; k < np; k++) {
    if (dup[k] === 1) continue;
    const i = candidates[k]!;
    out[kept++] = i;
    if (copies === 0) continue;
    const h = cols.contentHash(i);
    const l = anchors.get(h);
    if (l) l.push(i);
    else anchors.set(h, [i]);
  }
  const used = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (cols.origin.get(i) !== LOG_COPY || !inWindow(w, cols.ts.get(i))) continue;
    // Cheap case first: with no dumped and no dropped rows no log copy can be a duplicate.
    const cands = anchors.size === 0 ? undefined : anchors.get(cols.contentHash(i));
    if (cands === undefined) {
      out[kept++] = i;
      continue;
    }
    const ts = cols.time(i);
    let best = -1;
    let bestGap = Number.POSITIVE_INFINITY;
    for (const c of cands) {
      if (used.has(c) || !cols.sameContent(c, i)) continue;
      const cts = cols.time(c);
      const gap = cts === null || ts === null ? SAME_EVENT_MS : Math.abs(cts - ts);
      if (gap <= SAME_EVENT_MS && gap < bestGap) {
        best = c;
        bestGap = gap;
      }
    }
    if (best >= 0) used.add(best);
    else out[kept++] = i;
  }
  return out.subarray(0, kept);
}
