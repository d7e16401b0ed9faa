// The terminal report: header, checklist with marks, findings root cause first with evidence and
// fix, consequences under their root, errors seen, and the problem count.
import { Chalk, type ChalkInstance } from 'chalk';
import type { Model } from '../../correlate/index.ts';
import type { Analysis, Finding, StepStatus } from '../../rules/index.ts';
import { primeRedactor } from '../redact/prime.ts';
import type { RenderOptions } from './options.ts';
import { evidenceRows } from './evidence-rows.ts';
import { MARK, breakNote, findingId, groupFindings, noFindingsSentence, pct, sampledNote, scrub } from './shared.ts';
import { clip, plural, wrap } from './text.ts';

const EVIDENCE_CAP = 8;

/** The human report: checklist, then findings with evidence and fixes. */
export function renderText(a: Analysis, m: Model, o: RenderOptions): string {
  if (o.redactor) primeRedactor(o.redactor, m, a);
  const c = new Chalk({ level: o.color ? 1 : 0 });
  const width = Math.max(60, Math.min(o.width ?? 100, 160));
  const r = o.redactor;
  const out: string[] = [];
  const b = a.bundle;
  const records = a.stats.records;
  out.push(c.bold(`forensic ${a.tool.version} — ${b.source}`));
  const range = b.time_range ? `${b.time_range.from} → ${b.time_range.to}` : 'no timestamps';
  out.push(...joinWithin([`AuthPlane ${b.authplane_version ?? 'version unknown'}`, range, `${plural(records, 'record')} in ${plural(b.files.length, 'file')}`, plural(a.stats.traces, 'trace')], ' · ', width));
  // Before the checklist: a step "passed" on half a bundle must be read with that in mind.
  const cut = breakNote(a, r);
  if (cut) out.push(...wrap(cut, width).map((l) => c.yellow(l)));
  out.push('');
  out.push(c.bold('Checklist'));
  for (const item of a.checklist) {
    const mark = statusColor(c, item.status)(MARK[item.status]);
    const ids = item.findings.length ? `  ${c.dim(item.findings.join(' '))}` : '';
    out.push(`  ${mark} ${String(item.step).padStart(2)}  ${item.title}${ids}`);
    if (item.note && item.status !== 'pass') out.push(...wrap(scrub(r, item.note), width, '        ').map((l) => c.dim(l)));
  }
  out.push('');
  const groups = groupFindings(a);
  if (groups.length === 0) {
    const none = noFindingsSentence(a);
    out.push(none.startsWith('No findings:') ? c.green(none) : c.yellow(none));
  }
  groups.forEach((g, i) => {
    if (i === 0) out.push(c.bold('Root cause'));
    if (i === 1) out.push(c.bold('Other findings'));
    out.push(...finding(c, g.root, width, '  ', o));
    if (g.consequences.length) {
      out.push(`    ${c.dim(`${groupLabel(g.root, g.consequences)}, explained by ${g.root.rule}:`)}`);
      for (const f of g.consequences) out.push(...finding(c, f, width, '      ', o, true));
    }
    out.push('');
  });
  if (a.errors_seen.length) {
    out.push(c.bold('Errors seen'));
    const w = Math.min(32, Math.max(...a.errors_seen.map((e) => e.code.length)));
    for (const e of a.errors_seen.slice(0, 15)) {
      out.push(`  ${e.code.padEnd(w)}  ${String(e.count).padStart(6)}  ${clip(scrub(r, e.meaning), width - w - 12)}`);
    }
    if (a.errors_seen.length > 15) out.push(c.dim(`  … ${a.errors_seen.length - 15} more`));
    out.push('');
  }
  const sampled = sampledNote(a, r);
  if (sampled) out.push(...wrap(sampled, width).map((l) => c.dim(l)));
  if (b.problems.length) {
    out.push(...wrap(`${plural(b.problems.length, 'problem')} reading the bundle (damaged or skipped parts); run with --inventory to list them.`, width).map((l) => c.yellow(l)));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function finding(c: ChalkInstance, f: Finding, width: number, ind: string, o: RenderOptions, brief = false): string[] {
  const r = o.redactor;
  const sev = f.severity === 'error' ? c.red('✘') : f.severity === 'warning' ? c.yellow('!') : c.blue('i');
  const lines = titleRows(c, f, sev, width, ind);
  const sub = `${ind}  `;
  lines.push(...wrap(scrub(r, f.explanation), width, sub));
  const cap = brief ? 3 : EVIDENCE_CAP;
  if (f.evidence.length) {
    lines.push(`${sub}${c.dim('Evidence')}`);
    for (const e of f.evidence.slice(0, cap)) lines.push(...evidenceRows(e, r, `${sub}  `, width));
    if (f.evidence.length > cap) lines.push(c.dim(`${sub}  … ${f.evidence.length - cap} more`));
  }
  if (!brief) {
    lines.push(...wrap(`Fix: ${scrub(r, f.fix)}`, width, sub).map((l, i) => (i === 0 ? l.replace('Fix:', c.green('Fix:')) : l)));
    if (f.docs) lines.push(`${sub}${c.dim(`Docs: ${f.docs}`)}`);
  }
  return lines;
}

/**
 * `✘ AP0402 kid-unknown  title  (error, 90%)`, its words wrapped under the title when the line would
 * pass the width (titles run to 70 characters, and consequences are indented 6).
 */
function titleRows(c: ChalkInstance, f: Finding, sev: string, width: number, ind: string): string[] {
  const id = findingId(f);
  const meta = `(${f.severity}, ${pct(f.confidence)})`;
  const lead = `${ind}  ${id}  `; // the mark is one column wide, as is its space
  if (lead.length + f.title.length + 2 + meta.length <= width) return [`${ind}${sev} ${c.bold(id)}  ${f.title}  ${c.dim(meta)}`];
  const rows: string[] = [];
  let row = '';
  let rowLength = 0; // of the row without colour codes
  let room = width - lead.length;
  for (const word of [...f.title.split(' '), meta]) {
    const isMeta = word === meta;
    const gap = isMeta ? 2 : 1;
    if (row && rowLength + gap + word.length > room) {
      rows.push(row);
      row = '';
      rowLength = 0;
      room = width - ind.length - 4;
    }
    row += `${row ? ' '.repeat(gap) : ''}${isMeta ? c.dim(word) : word}`;
    rowLength += (rowLength ? gap : 0) + word.length;
  }
  rows.push(row);
  return rows.map((r, i) => (i === 0 ? `${ind}${sev} ${c.bold(id)}  ${r}` : `${ind}    ${r}`));
}

/** `parts` joined by `sep` on as few lines as fit in `width` (a part is never split). */
function joinWithin(parts: string[], sep: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const p of parts) {
    if (row && row.length + sep.length + p.length > width) {
      rows.push(row);
      row = p;
    } else row = row ? `${row}${sep}${p}` : p;
  }
  return [...rows, row];
}

function statusColor(c: ChalkInstance, s: StepStatus): (t: string) => string {
  return s === 'pass' ? c.green : s === 'fail' ? c.red : s === 'warn' ? c.yellow : c.dim;
}

/** "Consequences (2)", "Same cause, seen elsewhere (1)", or both, for the findings under a root. */
function groupLabel(root: Finding, under: readonly Finding[]): string {
  const same = under.filter((f) => f.cause === root.cause).length;
  const parts = [];
  if (under.length > same) parts.push(`Consequences (${under.length - same})`);
  if (same) parts.push(`${parts.length ? 'same' : 'Same'} cause, seen elsewhere (${same})`);
  return parts.join(' and ');
}
