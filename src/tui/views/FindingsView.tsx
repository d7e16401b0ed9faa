// Findings view: ranked findings (consequences indented); enter opens one with its evidence.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import type { Finding } from '../../rules/index.ts';
import { useTui, type Focus } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { fit } from '../lib/format.ts';
import { SEVERITY_COLOR } from '../theme.ts';
import { FindingDetail } from './FindingDetail.tsx';

export interface FindingsViewProps { height: number; width: number; isActive: boolean; step?: number; focus?: Focus }

export function FindingsView({ height, width, isActive, step, focus }: FindingsViewProps) {
  const { analysis, color } = useTui();
  const rows = useMemo(() => (step == null ? analysis.findings : analysis.findings.filter((f) => f.step === step)), [analysis, step]);
  const list = useList(rows.length, height - 2, 0, `findings:${step ?? 'all'}`);
  // Back from a finding's evidence: the finding is open from the first frame, on the evidence item
  // that was opened. (Set in the initial state, not an effect, so a key typed at once is not undone.)
  const reopen = focus?.kind === 'finding' && analysis.findings[focus.finding] && rows.includes(analysis.findings[focus.finding]!)
    ? { finding: analysis.findings[focus.finding]!, evidence: focus.evidence } : null;
  const [open, setOpen] = useState<{ finding: Finding; evidence: number } | null>(reopen);
  useEffect(() => { if (reopen) list.set(rows.indexOf(reopen.finding)); }, [focus]); // only when a new focus arrives
  // Another step's findings (2 pressed while a step's are listed) close the open finding.
  const [openStep, setOpenStep] = useState(step);
  if (openStep !== step) { setOpenStep(step); setOpen(null); }
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.pageDown) list.move(height - 2);
    else if (key.pageUp) list.move(-(height - 2));
    else if (key.return && rows[list.index]) setOpen({ finding: rows[list.index]!, evidence: 0 });
  }, { isActive: isActive && !open });
  if (open) return <FindingDetail finding={open.finding} evidence={open.evidence} height={height} width={width} isActive={isActive} onClose={() => setOpen(null)} />;
  if (rows.length === 0) {
    return <Text dimColor>{step == null ? 'No findings: every check that could run passed.' : `No findings for step ${step}.`}</Text>;
  }
  const visible = rows.slice(list.top, list.top + height - 2);
  return (
    <Box flexDirection="column">
      <Text dimColor>{step == null ? `${rows.length} finding(s), most likely root cause first` : `Step ${step}: ${rows.length} finding(s)`}</Text>
      {visible.map((f, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const indent = f.consequence_of ? '  └ ' : '';
        const line = `${selected ? '›' : ' '} ${indent}${f.rule} ${f.severity.padEnd(7)} ${f.confidence.toFixed(2)} ${f.title}`;
        return <Text key={`${f.rule}-${idx}`} bold={selected} color={color ? SEVERITY_COLOR[f.severity] : undefined}>{fit(line, width)}</Text>;
      })}
    </Box>
  );
}
