// The `p` pane: what could not be read in the bundle (with its file:line) and every file that was.
import { useMemo } from 'react';
import type { Analysis } from '../../rules/index.ts';
import { useTui } from '../context.ts';
import { wrapIndented } from '../lib/format.ts';
import { TextPane } from './TextPane.tsx';

export interface ProblemsViewProps { height: number; width: number; isActive: boolean; onClose(): void }

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line count shown on the main screen, or null when every file was read whole. */
export function problemsLine(analysis: Analysis): string | null {
  const n = analysis.bundle.problems.length;
  return n ? `! ${plural(n, 'problem')} reading the bundle (damaged or skipped parts) · p: list them` : null;
}

/** The pane's rows: each problem as `file:line: what` (as compilers say it), then the files read, like `analyze --inventory`. */
export function problemRows(analysis: Analysis): string[] {
  const { problems, files } = analysis.bundle;
  const rows = problems.length
    ? [`${plural(problems.length, 'problem')} reading the bundle; the rest was analyzed:`,
      ...problems.map((p) => `  ${p.path}${p.line != null ? `:${p.line}` : ''}: ${p.problem}`)]
    : ['No problems: every file was read whole.'];
  rows.push('', `${plural(files.length, 'file')} read:`);
  for (const f of files) {
    rows.push(`  ${f.path}: ${plural(f.records, 'record')}, ${plural(f.skipped, 'line')} skipped (${f.kind}/${f.format}${f.wrapper ? `, ${f.wrapper}` : ''})`);
  }
  return rows;
}

export function ProblemsView({ height, width, isActive, onClose }: ProblemsViewProps) {
  const { analysis, show } = useTui();
  // Wrapped, not cut: a problem's place and reason are the point of the pane.
  const lines = useMemo(() => problemRows(analysis).flatMap((r) => {
    const indent = r.length - r.trimStart().length;
    return r ? wrapIndented(show(r.trimStart()), width, indent) : [''];
  }), [analysis, show, width]);
  return <TextPane title={show(`Bundle: ${analysis.bundle.source}`)} lines={lines} height={height} width={width} isActive={isActive} closeKey="p" closeTo="the view" onClose={onClose} memoryKey="problems:top" />;
}
