// `analyze --inventory`: every file read (kind, format, wrapper, records, skipped, time range), then the problems.
import type { Analysis } from '../../rules/index.ts';
import type { RenderOptions } from './options.ts';
import { sampledLine } from './shared.ts';
import { plural } from './text.ts';

/** The per-file inventory table (`analyze --inventory`). */
export function renderInventory(a: Analysis, o: RenderOptions): string {
  const r = o.redactor;
  const t = (s: string) => (r ? r.text(s) : s);
  const rows = a.bundle.files.map((f) => [
    t(f.path), f.kind, f.format, f.wrapper ?? '-', String(f.records), String(f.skipped),
    f.time_range ? `${f.time_range.from} → ${f.time_range.to}` : '-',
  ]);
  const header = ['path', 'kind', 'format', 'wrapper', 'records', 'skipped', 'time range'];
  const widths = header.map((h, i) => Math.min(i === 0 ? 60 : 24, Math.max(h.length, ...rows.map((row) => row[i]!.length))));
  const fmt = (row: string[]) => row.map((c, i) => (i === 4 || i === 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [`${a.bundle.source}: ${plural(a.bundle.files.length, 'file')}`, '', fmt(header), ...rows.map(fmt)];
  out.push('');
  if (a.bundle.problems.length === 0) out.push('No problems: every file was read whole.');
  else {
    out.push(`${plural(a.bundle.problems.length, 'problem')}:`);
    for (const p of a.bundle.problems) out.push(`  ${t(p.path)}${p.line != null ? `:${p.line}` : ''}  ${t(p.problem)}`);
  }
  const sampled = a.bundle.sampled_lines ?? [];
  if (sampled.length) {
    out.push('', `Sampled (first and latest lines kept whole, every line counted): ${plural(sampled.length, 'kind')} of line`);
    for (const s of sampled) out.push(`  ${sampledLine(s, r)}`);
  }
  return out.join('\n') + '\n';
}
