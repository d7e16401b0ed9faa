// One finding: explanation, fix, docs and its evidence; enter on evidence jumps to the record.
import { Box, Text } from 'ink';
import type { Finding } from '../../rules/index.ts';
import { useTui } from '../context.ts';
import { useKeys } from '../hooks/use-keys.ts';
import { useList } from '../hooks/use-list.ts';
import { fit, shortPath, wrapLines } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';
import { SEVERITY_COLOR } from '../theme.ts';

export interface FindingDetailProps {
  finding: Finding;
  /** The evidence item under the cursor when the detail opens (back from that record). */
  evidence?: number;
  height: number; width: number; isActive: boolean; onClose(): void;
}

export function FindingDetail({ finding: f, evidence = 0, height, width, isActive, onClose }: FindingDetailProps) {
  const { analysis, color, show, go } = useTui();
  // Budget the screen: the evidence list keeps at least a third of it.
  const textBudget = Math.max(4, Math.floor((height - 4) * 0.6));
  const explanation = wrapLines(show(f.explanation), width, Math.max(2, Math.ceil(textBudget / 2)));
  const fix = wrapLines(`Fix: ${show(f.fix)}`, width, Math.max(2, textBudget - explanation.length));
  const evHeight = Math.max(2, height - 4 - explanation.length - fix.length);
  const list = useList(f.evidence.length, evHeight, evidence);
  useKeys((input, key) => {
    if (isBackKey(key)) onClose();
    else if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.return && f.evidence[list.index]) {
      go('logs', { kind: 'evidence', evidence: f.evidence[list.index]!, from: { finding: analysis.findings.indexOf(f), evidence: list.index } });
    }
  }, { isActive });
  const visible = f.evidence.slice(list.top, list.top + evHeight);
  return (
    <Box flexDirection="column">
      <Text bold color={color ? SEVERITY_COLOR[f.severity] : undefined}>{fit(`${f.rule} · ${f.cause} · ${f.severity} · confidence ${f.confidence.toFixed(2)} · ${f.title}`, width)}</Text>
      {explanation.map((l, i) => <Text key={`e${i}`}>{l}</Text>)}
      {fix.map((l, i) => <Text key={`f${i}`} color={color ? 'green' : undefined}>{l}</Text>)}
      <Text dimColor>{fit(`Docs: ${f.docs}${f.related.length ? `  · consequences: ${f.related.join(', ')}` : ''}${f.consequence_of ? `  · consequence of ${f.consequence_of}` : ''}`, width)}</Text>
      <Text dimColor>{fit(`Evidence (${f.evidence.length}) — enter: open the record · esc: back`, width)}</Text>
      {visible.map((e, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const where = `${shortPath(e.file)}:${e.line}`;
        return <Text key={`${where}-${idx}`} bold={selected}>{fit(`${selected ? '›' : ' '} ${e.kind.padEnd(8)} ${where}  ${show(e.excerpt)}`, width)}</Text>;
      })}
    </Box>
  );
}
