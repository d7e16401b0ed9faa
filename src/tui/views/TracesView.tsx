// Traces view: the traces the findings cite first (marked with the finding's rule), then failing
// traces, listed a page at a time; or only one finding's traces (t in a finding). Enter opens the
// cross-source timeline.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import { useTui, type Focus } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { citedTraces, tracesOf } from '../lib/cited-traces.ts';
import { duration, fit, stamp } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';
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
  // `t` in a finding lists only the traces its evidence names; Esc goes back to the finding.
  const only = focus?.kind === 'traces-of' ? analysis.findings[focus.finding] : undefined;
  const mem = only ? `traces-of:${only.rule}` : 'traces';
  const [limit, setLimit] = useSticky('traces:limit', TRACE_PAGE);
  // The traces the findings' evidence names lead the list, so the root cause's requests are not
  // behind a mistyped password and a scanner's 404s; every trace any evidence opens is among them.
  const find = (id: string) => model.traces.find(id);
  const cited = useMemo(() => (only ? tracesOf(only, find).map((trace) => ({ trace, finding: only })) : citedTraces(analysis.findings, find)), [model, analysis, only]);
  // A finding's own traces are all there is to list: no page of the rest is built.
  const listed = useMemo(() => (only ? [] : model.traces.list(limit)), [model, limit, only]);
  const rows = useMemo(() => {
    if (cited.length === 0) return listed;
    const ids = new Set(cited.map((c) => c.trace.id));
    return [...cited.map((c) => c.trace), ...listed.filter((t) => !ids.has(t.id))];
  }, [cited, listed]);
  const citedBy = useMemo(() => new Map(cited.map((c) => [c.trace.id, c.finding.rule])), [cited]);
  const title = only ? 1 : 0;
  const bodyHeight = height - 2 - title;
  const list = useList(rows.length, bodyHeight, 0, mem);
  // More traces are listed only as the cursor nears the end of those listed (doubling keeps the total
  // work linear); the rows after the cursor are the listed page's last ones.
  useEffect(() => {
    if (only) return;
    const next = nextTraceLimit(limit, listed.length, model.traces.total, listed.length - (rows.length - list.index), height);
    if (next !== limit) setLimit(next);
  }, [list.index, rows.length, listed.length, limit, height, model, only]);
  const [open, setOpen] = useSticky<{ id: string; file?: string; line?: number } | null>(`${mem}:open`, null);
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
    if (only && isBackKey(key)) back();
    else if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.pageDown) list.move(bodyHeight);
    else if (key.pageUp) list.move(-bodyHeight);
    else if (key.return && rows[list.index]) setOpen({ id: rows[list.index]!.id });
  }, { isActive: isActive && !open });
  if (open) {
    // From a finding's traces the timeline closes to them; opened by evidence it closes to the finding.
    const closeTo = only ? `${only.rule}'s traces` : backTo ?? 'traces';
    return <TimelineView traceId={open.id} file={open.file} line={open.line} height={height} width={width} isActive={isActive} closeTo={closeTo} onClose={() => { setOpen(null); if (!only) back(); }} />;
  }
  const head = only ? <Text bold>{fit(`${only.rule} ${only.cause} · the traces its evidence names (${rows.length}) · esc: back to the finding`, width)}</Text> : null;
  if (rows.length === 0) {
    if (!only) return <Text dimColor>No traces: the logs carry no trace_id or request_id.</Text>;
    return <Box flexDirection="column">{head}<Text dimColor>{fit(`Its evidence carries no trace_id or request_id of a trace in this bundle.`, width)}</Text></Box>;
  }
  // The rule column only when some trace is cited (and not one finding's, which the title names),
  // right after the cursor so a narrow screen keeps it.
  const ruleWidth = cited.length > 0 && !only ? RULE_WIDTH : 0;
  const idWidth = Math.max(8, width - 74 - ruleWidth);
  return (
    <Box flexDirection="column">
      {head}
      <Text dimColor>{fit(`  ${ruleWidth ? 'cited'.padEnd(ruleWidth) : ''}${'start (UTC)'.padEnd(19)} ${'duration'.padEnd(8)} ${'outcome'.padEnd(12)} ${'status'.padEnd(6)} ${'records'.padEnd(7)} ${'sources'.padEnd(14)} id`, width)}</Text>
      {rows.slice(list.top, list.top + bodyHeight).map((t, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        const status = t.status != null ? String(t.status) : t.errorCode ?? '';
        const rule = ruleWidth ? (citedBy.get(t.id) ?? '').padEnd(ruleWidth) : '';
        const line = `${selected ? '›' : ' '} ${rule}${stamp(t.start)} ${duration(t.durationMs).padEnd(8)} ${t.outcome.padEnd(12)} ${status.padEnd(6)} ${String(t.recordCount).padEnd(7)} ${fit(t.sources.join(','), 14)} ${fit(show(t.id), idWidth)}`;
        return <Text key={t.id} bold={selected} color={color ? OUTCOME_COLOR[t.outcome] : undefined}>{fit(line, width)}</Text>;
      })}
    </Box>
  );
}
