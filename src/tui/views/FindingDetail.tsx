// One finding: explanation, fix, docs and its evidence; enter on evidence jumps to the record.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import type { Finding } from '../../rules/index.ts';
import { useTui } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { fit } from '../lib/format.ts';
import { SEVERITY_COLOR } from '../theme.ts';

export interface FindingDetailProps { finding: Finding; height: number; width: number; isActive: boolean; onClose(): void }

export function FindingDetail({ finding: f, height, width, isActive, onClose }: FindingDetailProps) {
  const { color, show, go } = useTui();
  const evHeight = Math.max(3, height - 9);
  const list = useList(f.evidence.length, evHeight);
  useKeys((input, key) => {
    if (key.escape || key.backspace || key.leftArrow) onClose();
    else if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.return && f.evidence[list.index]) go('logs', { kind: 'evidence', evidence: f.evidence[list.index]! });
  }, { isActive });
  const visible = f.evidence.slice(list.top, list.top + evHeight);
  return (
    <Box flexDirection="column">
      <Text bold color={color ? SEVERITY_COLOR[f.severity] : undefined}>{fit(`${f.rule} · ${f.cause} · ${f.severity} · confidence ${f.confidence.toFixed(2)}`, width)}</Text>
      <Text bold wrap="truncate">{f.title}</Text>
      <Text wrap="wrap">{show(f.explanation)}</Text>
      <Text wrap="wrap" color={color ? 'green' : undefined}>Fix: {show(f.fix)}</Text>
      <Text dimColor wrap="truncate">Docs: {f.docs}{f.related.length ? `   Consequences: ${f.related.join(', ')}` : ''}{f.consequence_of ? `   Consequence of: ${f.consequence_of}` : ''}</Text>
      <Text dimColor>Evidence ({f.evidence.length}) — enter: open the record, esc: back</Text>
      {visible.map((e, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const where = `${e.file}:${e.line}`;
        return <Text key={`${where}-${idx}`} bold={selected}>{fit(`${selected ? '›' : ' '} ${e.kind.padEnd(8)} ${where}  ${show(e.excerpt)}`, width)}</Text>;
      })}
    </Box>
  );
}
