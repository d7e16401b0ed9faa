// Traces view: failing traces first, listed a page at a time; enter opens the cross-source timeline.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { useTui, type Focus } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { duration, fit, stamp } from '../lib/format.ts';
import { OUTCOME_COLOR } from '../theme.ts';
import { TimelineView } from './TimelineView.tsx';

export interface TracesViewProps { height: number; width: number; isActive: boolean; focus?: Focus }

/** Traces listed when the view opens: a gigabyte bundle has ~700 k, and failing ones come first. */
export const TRACE_PAGE = 500;
/** How deep in the list a trace opened from elsewhere may be for the cursor to follow it. */
const MAX_JUMP = 50_000;

/** How many traces to list next: double the listed count once the cursor is within a screen of its end. */
export function nextTraceLimit(limit: number, listed: number, total: number, cursor: number, height: number): number {
  if (listed < limit || listed >= total) return limit;
  return cursor >= listed - height ? limit * 2 : limit;
}

/** The listed count, doubled until it covers position `pos`. */
export function limitCovering(limit: number, pos: number): number {
  let l = limit;
  while (l <= pos) l *= 2;
  return l;
}

export function TracesView({ height, width, isActive, focus }: TracesViewProps) {
  const { model, color, show, backTo, back } = useTui();
  const [limit, setLimit] = useSticky('traces:limit', TRACE_PAGE);
  const rows = useMemo(() => model.traces.list(limit), [model, limit]);
  const list = useList(rows.length, height - 2, 0, 'traces');
  // More traces are listed only as the cursor nears the end of those listed (doubling keeps the total work linear).
  useEffect(() => {
    const next = nextTraceLimit(limit, rows.length, model.traces.total, list.index, height);
    if (next !== limit) setLimit(next);
  }, [list.index, rows.length, limit, height, model]);
  const [open, setOpen] = useSticky<{ id: string; file?: string; line?: number } | null>('traces:open', null);
  // A trace past the listed pages: list up to it, then put the cursor on it once its row exists.
  const [pending, setPending] = useState<number | null>(null);
  useEffect(() => {
    if (pending !== null && pending < rows.length) {
      list.set(pending);
      setPending(null);
    }
  }, [rows, pending]);
  useEffect(() => {
    if (focus?.kind === 'trace') {
      const t = model.traces.find(focus.id);
      if (t) {
        const at = rows.findIndex((r) => r.id === t.id);
        if (at >= 0) list.set(at);
        else {
          const pos = model.traces.position?.(t.id) ?? -1;
          // Listing that far builds every summary before it: worth it for tens of thousands, not for
          // an ok trace 700 000 deep in a gigabyte bundle (its timeline still opens).
          if (pos >= 0 && pos < MAX_JUMP) {
            setLimit(limitCovering(limit, pos));
            setPending(pos);
          }
        }
        setOpen({ id: t.id, file: focus.file, line: focus.line });
      }
    }
  }, [focus]); // only when a new focus arrives
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.pageDown) list.move(height - 2);
    else if (key.pageUp) list.move(-(height - 2));
    else if (key.return && rows[list.index]) setOpen({ id: rows[list.index]!.id });
  }, { isActive: isActive && !open });
  if (open) return <TimelineView traceId={open.id} file={open.file} line={open.line} height={height} width={width} isActive={isActive} closeTo={backTo ?? 'traces'} onClose={() => { setOpen(null); back(); }} />;
  if (rows.length === 0) return <Text dimColor>No traces: the logs carry no trace_id or request_id.</Text>;
  const idWidth = Math.max(8, width - 74);
  return (
    <Box flexDirection="column">
      <Text dimColor>{fit(`  ${'start (UTC)'.padEnd(19)} ${'duration'.padEnd(8)} ${'outcome'.padEnd(12)} ${'status'.padEnd(6)} ${'records'.padEnd(7)} ${'sources'.padEnd(14)} id`, width)}</Text>
      {rows.slice(list.top, list.top + height - 2).map((t, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const status = t.status != null ? String(t.status) : t.errorCode ?? '';
        const line = `${selected ? '›' : ' '} ${stamp(t.start)} ${duration(t.durationMs).padEnd(8)} ${t.outcome.padEnd(12)} ${status.padEnd(6)} ${String(t.recordCount).padEnd(7)} ${fit(t.sources.join(','), 14)} ${fit(show(t.id), idWidth)}`;
        return <Text key={t.id} bold={selected} color={color ? OUTCOME_COLOR[t.outcome] : undefined}>{fit(line, width)}</Text>;
      })}
    </Box>
  );
}
