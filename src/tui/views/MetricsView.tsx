// Metrics view: counters by change with value, delta, rate and a sparkline; histograms with p50/p99.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { useTui } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { fit, sparkline } from '../lib/format.ts';

function seriesName(name: string, labels: Record<string, string>): string {
  const l = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
  return l ? `${name}{${l}}` : name;
}

function seconds(v: number | null): string {
  if (v == null) return '-';
  return v < 1 ? `${Math.round(v * 1000)}ms` : `${v.toFixed(2)}s`;
}

export function MetricsView({ height, width, isActive }: { height: number; width: number; isActive: boolean }) {
  const { model, color } = useTui();
  const [tab, setTab] = useSticky<'counters' | 'histograms'>('metrics:tab', 'counters');
  const counters = useMemo(() => model.metrics.allCounters(), [model]);
  const histograms = useMemo(() => model.metrics.allHistograms(), [model]);
  const length = tab === 'counters' ? counters.length : histograms.length;
  const list = useList(length, height - 3, 0, `metrics:${tab}`);
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.pageDown) list.move(height - 3);
    else if (key.pageUp) list.move(-(height - 3));
    else if (input === 'h' || key.rightArrow || key.leftArrow) setTab((t) => (t === 'counters' ? 'histograms' : 'counters'));
  }, { isActive });
  const snaps = model.metrics.snapshots().length;
  if (snaps === 0) return <Text dimColor>No /metrics snapshot in the bundle: add two `curl -s http://localhost:9001/metrics` a few minutes apart.</Text>;
  const nameWidth = Math.max(20, width - 44);
  return (
    <Box flexDirection="column">
      <Text dimColor>{fit(`${snaps} snapshot(s) · ${model.metrics.instances().length} instance(s) · h: ${tab === 'counters' ? 'histograms' : 'counters'}`, width)}</Text>
      {tab === 'counters' ? (
        <>
          <Text dimColor>{fit(`  ${'counter'.padEnd(nameWidth)} ${'value'.padStart(10)} ${'delta'.padStart(8)} ${'rate/s'.padStart(8)} trend`, width)}</Text>
          {counters.slice(list.top, list.top + height - 3).map((s, i) => {
            const idx = list.top + i;
            const selected = idx === list.index;
            const rate = s.intervals.length ? s.intervals[s.intervals.length - 1]!.rate : null;
            const line = `${selected ? '›' : ' '} ${fit(seriesName(s.name, s.labels), nameWidth)} ${String(s.last).padStart(10)} ${(s.values.length > 1 ? `+${s.totalDelta}` : '-').padStart(8)} ${(rate == null ? '-' : rate.toFixed(2)).padStart(8)} ${sparkline(s.values.map((v) => v.value))}`;
            return <Text key={idx} bold={selected} color={color && s.totalDelta > 0 ? 'yellow' : undefined}>{fit(line, width)}</Text>;
          })}
        </>
      ) : (
        <>
          <Text dimColor>{fit(`  ${'histogram'.padEnd(nameWidth)} ${'count'.padStart(8)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}`, width)}</Text>
          {histograms.slice(list.top, list.top + height - 3).map((h, i) => {
            const idx = list.top + i;
            const selected = idx === list.index;
            const last = h.intervals[h.intervals.length - 1];
            const q = last ?? h.lifetime;
            const line = `${selected ? '›' : ' '} ${fit(seriesName(h.name, h.labels), nameWidth)} ${String(q.count).padStart(8)} ${seconds(q.p50).padStart(8)} ${seconds(q.p99).padStart(8)}`;
            return <Text key={idx} bold={selected} color={color && (q.p99 ?? 0) > 2 ? 'red' : undefined}>{fit(line, width)}</Text>;
          })}
        </>
      )}
    </Box>
  );
}
