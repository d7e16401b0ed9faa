// One finding: explanation, fix, docs and its evidence; enter on evidence jumps to the record, e shows
// the whole text when the screen is too small for it, t lists the traces its evidence names.
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { Finding } from '../../rules/index.ts';
import { useTui } from '../context.ts';
import { useKeys } from '../hooks/use-keys.ts';
import { useList } from '../hooks/use-list.ts';
import { tracesOf } from '../lib/cited-traces.ts';
import { fit, shortPath, wrapLines } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';
import { SEVERITY_COLOR } from '../theme.ts';
import { TextPane } from './TextPane.tsx';

export interface FindingDetailProps {
  finding: Finding;
  /** The evidence item under the cursor when the detail opens (back from that record). */
  evidence?: number;
  height: number; width: number; isActive: boolean; onClose(): void;
}

export function FindingDetail({ finding: f, evidence = 0, height, width, isActive, onClose }: FindingDetailProps) {
  const { model, analysis, color, show, go } = useTui();
  const [isReading, setReading] = useState(false);
  const traces = useMemo(() => tracesOf(f, (id) => model.traces.find(id)).length, [model, f]);
  const head = `${f.rule} · ${f.cause} · ${f.severity} · confidence ${f.confidence.toFixed(2)} · ${f.title}`;
  const docs = `Docs: ${f.docs}${f.related.length ? `  · consequences: ${f.related.join(', ')}` : ''}${f.consequence_of ? `  · consequence of ${f.consequence_of}` : ''}`;
  const fullExplanation = wrapLines(show(f.explanation), width, Number.POSITIVE_INFINITY);
  const fullFix = wrapLines(`Fix: ${show(f.fix)}`, width, Number.POSITIVE_INFINITY);
  // Three one-line rows (head, docs, evidence title) besides the text and the evidence. The whole
  // text is shown when three evidence items still fit under it; otherwise it is cut (… and e for all).
  const room = height - 3 - Math.min(3, f.evidence.length);
  const isCut = fullExplanation.length + fullFix.length > room;
  const textBudget = Math.max(2, room);
  const explanation = isCut ? wrapLines(show(f.explanation), width, Math.max(1, Math.ceil(textBudget / 2))) : fullExplanation;
  const fix = isCut ? wrapLines(`Fix: ${show(f.fix)}`, width, Math.max(1, textBudget - explanation.length)) : fullFix;
  const evHeight = Math.max(1, height - 3 - explanation.length - fix.length);
  const list = useList(f.evidence.length, evHeight, evidence);
  useKeys((input, key) => {
    if (input === 'e') setReading(true);
    else if (input === 't') go('traces', { kind: 'traces-of', finding: analysis.findings.indexOf(f), evidence: list.index });
    else if (isBackKey(key)) onClose();
    else if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.return && f.evidence[list.index]) {
      go('logs', { kind: 'evidence', evidence: f.evidence[list.index]!, from: { finding: analysis.findings.indexOf(f), evidence: list.index } });
    }
  }, { isActive: isActive && !isReading });
  if (isReading) {
    const lines = [...wrapLines(show(head), width, Number.POSITIVE_INFINITY), '', ...fullExplanation, '', ...fullFix, '', ...wrapLines(docs, width, Number.POSITIVE_INFINITY)];
    return <TextPane title={`${f.rule}: the whole text`} lines={lines} height={height} width={width} isActive={isActive} closeKey="e" closeTo="the evidence" onClose={() => setReading(false)} />;
  }
  const visible = f.evidence.slice(list.top, list.top + evHeight);
  return (
    <Box flexDirection="column">
      <Text bold color={color ? SEVERITY_COLOR[f.severity] : undefined}>{fit(show(head), width)}</Text>
      {explanation.map((l, i) => <Text key={`e${i}`}>{l}</Text>)}
      {fix.map((l, i) => <Text key={`f${i}`} color={color ? 'green' : undefined}>{l}</Text>)}
      <Text dimColor>{fit(docs, width)}</Text>
      <Text dimColor>{fit(`Evidence (${f.evidence.length})${isCut ? ' · e: the whole text' : ''}${traces ? ` · t: its ${traces} trace(s)` : ''} — enter: open the record · esc: back`, width)}</Text>
      {visible.map((e, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const where = `${shortPath(e.file)}:${e.line}`;
        return <Text key={`${where}-${idx}`} bold={selected}>{fit(`${selected ? '›' : ' '} ${e.kind.padEnd(8)} ${where}  ${show(e.excerpt)}`, width)}</Text>;
      })}
    </Box>
  );
}
