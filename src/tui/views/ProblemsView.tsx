// The `p` pane: what could not be read in the bundle (with its file:line) and every file that was.
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Analysis } from '../../rules/index.ts';
import { useTui } from '../context.ts';
import { useKeys } from '../hooks/use-keys.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { fit } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';

export interface ProblemsViewProps { height: number; width: number; isActive: boolean; onClose(): void }

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line count shown on the main screen, or null when every file was read whole. */
export function problemsLine(analysis: Analysis): string | null {
  const n = analysis.bundle.problems.length;
  return n ? `! ${plural(n, 'problem')} reading the bundle (damaged or skipped parts) · p: list them` : null;
}

/** The pane's rows: each problem as `file:line  what`, then the files read, like `analyze --inventory`. */
export function problemRows(analysis: Analysis): string[] {
  const { problems, files } = analysis.bundle;
  const rows = problems.length
    ? [`${plural(problems.length, 'problem')} reading the bundle; the rest was analyzed:`,
      ...problems.map((p) => `  ${p.path}${p.line != null ? `:${p.line}` : ''}  ${p.problem}`)]
    : ['No problems: every file was read whole.'];
  rows.push('', `${plural(files.length, 'file')} read (records, lines skipped, kind/format):`);
  for (const f of files) rows.push(`  ${f.path}  ${f.records} rec  ${f.skipped} skipped  ${f.kind}/${f.format}${f.wrapper ? ` (${f.wrapper})` : ''}`);
  return rows;
}

export function ProblemsView({ height, width, isActive, onClose }: ProblemsViewProps) {
  const { analysis, show } = useTui();
  const rows = useMemo(() => problemRows(analysis), [analysis]);
  const bodyHeight = Math.max(1, height - 2);
  // A text pane: no cursor, j/k scroll it (first visible row kept in [0, lastTop]).
  const lastTop = Math.max(0, rows.length - bodyHeight);
  const [at, setTop] = useSticky('problems:top', 0);
  const top = Math.min(at, lastTop);
  const scroll = (delta: number) => setTop((t) => Math.max(0, Math.min(Math.min(t, lastTop) + delta, lastTop)));
  useKeys((input, key) => {
    if (isBackKey(key) || input === 'p') onClose();
    else if (key.downArrow || input === 'j') scroll(1);
    else if (key.upArrow || input === 'k') scroll(-1);
    else if (key.pageDown || input === ' ') scroll(bodyHeight);
    else if (key.pageUp) scroll(-bodyHeight);
  }, { isActive });
  const more = rows.length > bodyHeight ? ` · rows ${top + 1}–${Math.min(rows.length, top + bodyHeight)} of ${rows.length} · j/k scroll` : '';
  return (
    <Box flexDirection="column">
      <Text bold>{fit(show(`Bundle: ${analysis.bundle.source}`), width)}</Text>
      {rows.slice(top, top + bodyHeight).map((r, i) => <Text key={top + i}>{fit(show(r), width)}</Text>)}
      <Text dimColor>{fit(`esc/p: close${more}`, width)}</Text>
    </Box>
  );
}
