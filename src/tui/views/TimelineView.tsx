// One trace's timeline across AuthPlane, the MCP server and the audit trail; enter expands a record,
// e shows the whole record (a narrow screen cuts the rows).
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { AuditRecord, LogRecord } from '../../ingest/index.ts';
import { useTui } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { clock, fit, shortPath, sourceLabel } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';
import { recordFields, recordLines } from '../lib/record-text.ts';
import { LEVEL_COLOR } from '../theme.ts';
import { TextPane } from './TextPane.tsx';

export interface TimelineViewProps {
  traceId: string; file?: string; line?: number; height: number; width: number; isActive: boolean;
  /** Where esc goes, for the footer: the trace list, or the finding whose evidence opened the timeline. */
  closeTo?: string;
  onClose(): void;
}

function label(r: LogRecord | AuditRecord): { level: string; text: string; source: string } {
  if (r.kind === 'audit') return { level: 'AUDIT', text: `${r.action} ${r.detail}`, source: 'audit' };
  return { level: r.level, text: r.msg.split('\n')[0] ?? '', source: r.source };
}

function fields(r: LogRecord | AuditRecord): string[] {
  return recordFields(r).map(([k, v]) => `    ${k} = ${v}`);
}

export function TimelineView({ traceId, file, line, height, width, isActive, closeTo = 'traces', onClose }: TimelineViewProps) {
  const { model, color, show } = useTui();
  const summary = model.traces.get(traceId);
  const entries = useMemo(() => model.traces.timeline(traceId), [model, traceId]);
  const initial = file ? Math.max(0, entries.findIndex((e) => e.record.file === file && e.record.line === line)) : 0;
  const [expanded, setExpanded] = useState<number | null>(null);
  const [isReading, setReading] = useState(false);
  const bodyHeight = Math.max(3, height - 2 - (expanded != null ? Math.min(12, fields(entries[expanded]!.record).length) : 0));
  const list = useList(entries.length, bodyHeight, initial);
  useKeys((input, key) => {
    if (isBackKey(key)) onClose();
    else if (input === 'e' && entries[list.index]) setReading(true);
    else if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.return) setExpanded((e) => (e === list.index ? null : list.index));
  }, { isActive: isActive && !isReading });
  const reading = isReading ? entries[list.index] : undefined;
  if (reading) {
    const lines = recordLines(reading.record, reading.correctedTs, width, show);
    return <TextPane title={show(`Record ${list.index + 1} of ${entries.length} · trace ${summary?.id ?? traceId}`)} lines={lines} height={height} width={width} isActive={isActive} closeKey="e" closeTo="the timeline" onClose={() => setReading(false)} />;
  }
  // The clock-offset column only when some record's clock was corrected.
  const offWidth = entries.some((e) => e.offsetMs) ? 6 : 0;
  const head = summary
    ? `Trace ${summary.id} · ${summary.outcome}${summary.status ? ` ${summary.status}` : ''} · ${summary.recordCount} records · ${summary.sources.join(', ')}`
    : `Trace ${traceId}`;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(show(head), width)}</Text>
      {entries.length === 0 ? <Text dimColor>The records of this trace were not kept in memory (large bundle): use forensic analyze --trace {traceId}.</Text> : null}
      {entries.slice(list.top, list.top + bodyHeight).map((e, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const { level, text, source } = label(e.record);
        const off = e.offsetMs ? `~${e.offsetMs > 0 ? '+' : ''}${Math.round(e.offsetMs / 1000)}s` : '';
        const head = `${selected ? '›' : ' '} ${clock(e.correctedTs)}${off.padEnd(offWidth)} ${sourceLabel(source, 16)} ${level.padEnd(5)} ${'  '.repeat(Math.min(4, e.depth))}`;
        // The place stays visible, in at most half the room: its file name is cut in the middle (the
        // source column names the pod) so that its end and the line number stay. Where both cannot
        // be read (60 columns and less) the row keeps the message; e shows the place and the rest.
        const at = `:${e.record.line}`;
        const room = width - head.length;
        const where = room < 30 ? '' : ` ${shortPath(e.record.file, Math.max(10, Math.min(28, Math.floor(room / 2) - 1 - at.length)))}${at}`;
        const rowText = `${head}${fit(text, Math.max(10, room - where.length))}${where}`;
        const lc = level === 'AUDIT' ? 'magenta' : LEVEL_COLOR[level as keyof typeof LEVEL_COLOR];
        return (
          <Box key={idx} flexDirection="column">
            <Text bold={selected} color={color ? lc : undefined}>{fit(show(rowText), width)}</Text>
            {expanded === idx ? fields(e.record).slice(0, 12).map((f, j) => <Text key={j} dimColor>{fit(show(f), width)}</Text>) : null}
          </Box>
        );
      })}
      <Text dimColor>{fit(`e: the whole record · enter: fields · esc: back to ${closeTo}${entries.some((e) => e.offsetMs) ? ' · ~±Ns: clock offset corrected' : ''}`, width)}</Text>
    </Box>
  );
}
