// The Configuration section's YAML: effective config values rebuilt as nested YAML, redacted by key.
import { stringify } from 'yaml';
import type { ConfigValue } from '../../correlate/index.ts';
import type { Redactor } from '../redact/redactor.ts';

/** Nested YAML of the effective config (dotted keys → mappings), capped at `maxLines`. */
export function configYaml(values: ConfigValue[], r: Redactor | undefined, maxLines: number): { yaml: string; cut: number; sources: string[] } {
  const root: Record<string, unknown> = {};
  const sources = new Set<string>();
  for (const v of [...values].sort((x, y) => x.key.localeCompare(y.key))) {
    sources.add(v.file || v.from);
    const path = v.key.split('.').filter(Boolean);
    let node = root;
    for (const seg of path.slice(0, -1)) {
      const next = node[seg];
      if (next === undefined || next === null || typeof next !== 'object') node[seg] = {};
      node = node[seg] as Record<string, unknown>;
    }
    const leaf = path[path.length - 1];
    if (leaf === undefined) continue;
    node[leaf] = r ? r.value(v.key, v.value) : v.value;
  }
  const lines = stringify(root, { lineWidth: 0 }).trimEnd().split('\n');
  const cut = Math.max(0, lines.length - maxLines);
  return { yaml: lines.slice(0, maxLines).join('\n'), cut, sources: [...sources].slice(0, 6) };
}
