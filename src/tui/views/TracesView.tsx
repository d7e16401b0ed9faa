// Traces view: the traces the findings cite first (marked with the finding's rule), then failing
// traces, listed a page at a time; enter opens the cross-source timeline.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { useTui, type Focus } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { citedTraces } from '../lib/cited-traces.ts';
import { duration, fit, stamp } from '../lib/format.ts';
import { OUTCOME_COLOR } from '../theme.ts';
import { TimelineView } from './TimelineView.tsx';

export interface TracesViewProps { height: number; width: number; isActive: boolean; focus?: Focus }

/** Traces listed when the view opens: a gigabyte bundle has ~700 k, and failing ones come first. */
export const TRACE_PAGE = 500;
/** The rule column: `AP0402 ` on the traces a finding cites. */
const RULE_WIDTH = 7;

/** How many traces to list next: double the listed count once the cursor is within a screen of its end. */
export function nextTraceLimit(limit: number, listed: number, total: number, cursor: number, height: number): number {
  if (listed < limit || listed >= total) return limit;
  return cursor >= listed - height ? limit * 2 : limit;
}

export function TracesView({ height, width, isActive, focus }: TracesViewProps) {
  const { model, analysis, color, show, backTo, back } = useTui();
  const [limit, setLimit] = useSticky('traces:limit', TRACE_PAGE);
  // The traces the findings' evidence names lead the list, so the root cause's requests are not
  // behind a mistyped password and a scanner's 404s; every trace any evidence opens is among them.
  const cited = useMemo(() => citedTraces(analysis.findings, (id) => model.traces.find(id)), [model, analysis]);
  const listed = useMemo(() => model.traces.list(limit), [model, limit]);
  const rows = useMemo(() => {
    if (cited.length === 0) return listed;
    const ids = new Set(cited.map((c) => c.trace.id));
    return [...cited.map((c) => c.trace), ...listed.filter((t) => !ids.has(t.id))];
  }, [cited, listed]);
  const citedBy = useMemo(() => new Map(cited.map((c) => [c.trace.id, c.finding.rule])), [cited]);
  const list = useList(rows.length, height - 2, 0, 'traces');
  // More traces are listed only as the cursor nears the end of those listed (doubling keeps the total
  // work linear); the rows after the cursor are the listed page's last ones.
  useEffect(() => {
    const next = nextTraceLimit(limit, listed.length, model.traces.total, listed.length - (rows.length - list.index), height);
    if (next !== limit) setLimit(next);
  }, [list.index, rows.length, listed.length, limit, height, model]);
  const [open, setOpen] = useSticky<{ id: string; file?: string; line?: number } | null>('traces:open', null);
  useEffect(() => {
    if (focus?.kind === 'trace') {
      const t = model.traces.find(focus.id);
      if (t) {
        // Evidence opened it, so it is among the cited traces at the top.
        const at = rows.findIndex((r) => r.id === t.id);
        if (at >= 0) list.set(at);
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
  // The rule column only when some trace is cited, right after the cursor so a narrow screen keeps it.
  const ruleWidth = cited.length > 0 ? RULE_WIDTH : 0;
  const idWidth = Math.max(8, width - 74 - ruleWidth);
  return (
    <Box flexDirection="column">
      <Text dimColor>{fit(`  ${'cited'.padEnd(ruleWidth)}${'start (UTC)'.padEnd(19)} ${'duration'.padEnd(8)} ${'outcome'.padEnd(12)} ${'status'.padEnd(6)} ${'records'.padEnd(7)} ${'sources'.padEnd(14)} id`, width)}</Text>
      {rows.slice(list.top, list.top + height - 2).map((t, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const status = t.status != null ? String(t.status) : t.errorCode ?? '';
        const rule = (citedBy.get(t.id) ?? '').padEnd(ruleWidth);
        const line = `${selected ? '›' : ' '} ${rule}${stamp(t.start)} ${duration(t.durationMs).padEnd(8)} ${t.outcome.padEnd(12)} ${status.padEnd(6)} ${String(t.recordCount).padEnd(7)} ${fit(t.sources.join(','), 14)} ${fit(show(t.id), idWidth)}`;
        return <Text key={t.id} bold={selected} color={color ? OUTCOME_COLOR[t.outcome] : undefined}>{fit(line, width)}</Text>;
      })}
    </Box>
  );
}
