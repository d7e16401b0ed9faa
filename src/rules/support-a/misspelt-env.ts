// Environment variables in the bundle's env files and compose `environment:` blocks whose names are a
// typo of one AuthPlane reads: AuthPlane ignores them, so the setting silently keeps its default.
import type { Model } from '../../correlate/index.ts';
import { isObject } from './docs.ts';

export interface MisspeltEnv {
  /** The name as written, e.g. AUTHPLANE_SERVER_ISSUR. */
  written: string;
  value: string;
  file: string;
  line: number;
}

/** Variables set in the bundle whose name is one or two edits away from `intended`, but not it. */
export function misspeltEnv(model: Model, intended: string): MisspeltEnv[] {
  const out: MisspeltEnv[] = [];
  for (const d of model.documents.ofKind('env')) {
    if (!isObject(d.body)) continue;
    const vars = isObject(d.body.vars) ? d.body.vars : d.body;
    const lines = isObject(d.body.lines) ? d.body.lines : {};
    for (const [name, value] of Object.entries(vars)) {
      if (name === intended || typeof value !== 'string' || editDistance(name, intended, 2) > 2) continue;
      const line = lines[name];
      out.push({ written: name, value, file: d.file, line: typeof line === 'number' ? line : d.line });
    }
  }
  return out;
}

/** Levenshtein distance of `a` and `b`, or max + 1 as soon as it must exceed `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}
