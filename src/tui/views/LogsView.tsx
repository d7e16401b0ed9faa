// Logs view: every log record merged in time order, with level/source/field filters, search and
// jump to time. Only the visible rows are rendered, so a million records scroll instantly.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { LEVELS } from '../../correlate/index.ts';
import type { LogRecord } from '../../ingest/index.ts';
import { useTui, type Focus } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { usePrompt } from '../hooks/use-prompt.ts';
import { clock, fit, sourceLabel } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';
import { filterIndexes, matchPositions, nextMatch, parseFieldFilter, parseJumpTime, positionAtTime, type LogFilter } from '../lib/log-filter.ts';
import { LEVEL_COLOR } from '../theme.ts';

const NO_FILTER: LogFilter = { minLevel: 'DEBUG', sources: [], fields: [] };

export interface LogsViewProps { height: number; width: number; isActive: boolean; focus?: Focus }

function attrsLine(r: LogRecord): string {
  const ids = [r.traceId ? `trace_id=${r.traceId}` : '', r.requestId ? `request_id=${r.requestId}` : ''].filter(Boolean);
  const kv = Object.entries(r.attrs).slice(0, 6).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return [...kv, ...ids].join(' ');
}

export function LogsView({ height, width, isActive, focus }: LogsViewProps) {
  const { model, color, show, setTyping, backTo, back } = useTui();
  const rows = model.logs.records();
  const sources = useMemo(() => model.logs.sources().map((s) => s.source), [model]);
  const [filter, setFilter] = useSticky<LogFilter>('logs:filter', NO_FILTER);
  const [query, setQuery] = useSticky('logs:query', '');
  const [message, setMessage] = useState('');
  const [expanded, setExpanded] = useSticky('logs:expanded', false);
  const view = useMemo(() => filterIndexes(rows, filter), [rows, filter]);
  // Every match of the search, once per query and filter: n/N then say "match i/N".
  const matches = useMemo(() => matchPositions(rows, view, query), [rows, view, query]);
  const bodyHeight = Math.max(3, height - 3 - (expanded ? 8 : 0));
  // Wider terminals give the source column more room (pod names run to ~40 characters).
  const sourceWidth = Math.max(14, Math.min(26, Math.floor(width / 6)));
  const list = useList(view.length, bodyHeight, 0, 'logs');

  // Jump to a record named by the evidence of a finding (filters cleared so it is visible).
  useEffect(() => {
    const target = focus?.kind === 'record' ? focus : focus?.kind === 'evidence' ? { file: focus.evidence.file, line: focus.evidence.line } : null;
    if (!target) return;
    setFilter(NO_FILTER);
    const at = rows.findIndex((r) => r.file === target.file && r.line === target.line);
    if (at >= 0) { list.set(at); setMessage(`jumped to ${target.file}:${target.line}${backTo ? ` · esc: back to ${backTo}` : ''}`); }
    else setMessage(`${target.file}:${target.line} is not a log record in memory`);
  }, [focus]); // only when a new focus arrives

  const prompt = usePrompt<'search' | 'filter' | 'time'>(isActive, (mode, text) => {
    if (mode === 'search') {
      setQuery(text);
      if (!text) { setMessage('search cleared'); return; }
      // From the cursor row itself: the first match at or after it.
      const found = matchPositions(rows, view, text);
      showMatch(nextMatch(found, list.index - 1, 1), text, found.length);
    } else if (mode === 'filter') {
      setFilter((f) => ({ ...f, fields: parseFieldFilter(text) }));
      setMessage(text ? `filter: ${text}` : 'field filter cleared');
    } else {
      const ts = parseJumpTime(text, rows.find((r) => r.ts != null)?.ts);
      if (ts == null) setMessage(`cannot read time "${text}" (use HH:MM[:SS] or RFC 3339)`);
      else list.set(positionAtTime(rows, view, ts));
    }
  }, setTyping);

  /** Put the cursor on a match and say which one it is, or say why there is none. */
  function showMatch(hit: { pos: number; nth: number } | null, q: string, total: number) {
    if (!hit) { setMessage(q ? `no match for "${q}"` : 'no search yet: press /'); return; }
    list.set(hit.pos);
    setMessage(`match ${hit.nth}/${total} for "${q}" · n/N next/previous`);
  }

  useKeys((input, key) => {
    // A message answers the key before; the next key clears it (its own answer replaces it).
    setMessage('');
    if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.pageDown || input === ' ') list.move(bodyHeight);
    else if (key.pageUp) list.move(-bodyHeight);
    else if (key.home || input === 'g') list.set(0);
    else if (key.end || input === 'G') list.set(view.length - 1);
    // A new search starts empty (the last one is in the status line; n/N still repeat it).
    else if (input === '/') prompt.open('search');
    else if (input === 'n' || input === 'N') showMatch(nextMatch(matches, list.index, input === 'n' ? 1 : -1), query, matches.length); else if (input === 'f') prompt.open('filter', filter.fields.map((f) => `${f.key}=${f.value}`).join(' '));
    else if (input === 't') prompt.open('time');
    else if (input === 'l') setFilter((f) => ({ ...f, minLevel: LEVELS[(LEVELS.indexOf(f.minLevel) + 1) % LEVELS.length]! }));
    else if (input === 's') setFilter((f) => {
      const at = f.sources.length ? sources.indexOf(f.sources[0]!) + 1 : 0;
      return { ...f, sources: at < sources.length ? [sources[at]!] : [] };
    });
    else if (input === 'c') { setFilter(NO_FILTER); setMessage('filters cleared'); }
    else if (key.return) setExpanded((e) => !e);
    // Back closes the record pane first, then returns to the finding whose evidence opened the logs.
    else if (isBackKey(key)) {
      if (expanded) setExpanded(false);
      else back();
    }
  }, { isActive: isActive && prompt.mode == null });

  const current = rows[view[list.index] ?? -1];
  // Past the retain limit routine lines, and repeats of outage lines beyond their first and latest, are counted only.
  const notKept = model.logs.sampled.length ? 'routine and repeated lines' : 'routine lines';
  const status = `${view.length}/${rows.length} records${model.logs.isComplete ? '' : ` (of ${model.logs.total}; ${notKept} counted, not kept)`} · level≥${filter.minLevel}` +
    `${filter.sources.length ? ` · source=${filter.sources[0]}` : ''}${filter.fields.length ? ` · ${filter.fields.map((f) => `${f.key}=${f.value}`).join(' ')}` : ''}${query ? ` · /${query}` : ''}`;
  return (
    <Box flexDirection="column">
      <Text dimColor>{fit(status, width)}</Text>
      {view.length === 0 ? <Text dimColor>No log records match. c: clear filters</Text> : null}
      {Array.from({ length: Math.min(bodyHeight, view.length - list.top) }, (_, i) => {
        const idx = list.top + i;
        const r = rows[view[idx]!]!;
        const selected = idx === list.index;
        const line = `${selected ? '›' : ' '} ${clock(r.ts)} ${sourceLabel(r.source, sourceWidth)} ${r.level.padEnd(5)} ${r.msg.split('\n')[0]} ${attrsLine(r)}`;
        return <Text key={view[idx]} bold={selected} color={color ? LEVEL_COLOR[r.level] : undefined}>{fit(show(line), width)}</Text>;
      })}
      {expanded && current ? (
        <Box flexDirection="column" borderStyle="single" borderDimColor>
          <Text>{fit(show(`${current.file}:${current.line}  ${current.time ?? ''}  ${current.source} (${current.origin}, ${current.format})`), width - 2)}</Text>
          <Text wrap="truncate-end">{show(current.msg.split('\n').slice(0, 3).join(' ⏎ '))}</Text>
          <Text wrap="wrap">{fit(show(attrsLine(current)), (width - 2) * 4)}</Text>
        </Box>
      ) : null}
      <Text color={prompt.mode ? 'cyan' : undefined} dimColor={!prompt.mode}>
        {prompt.mode ? `${{ search: '/', filter: 'filter (key=value …): ', time: 'jump to time: ' }[prompt.mode]}${prompt.text}▏` : fit(message || `${backTo ? `esc: back to ${backTo} · ` : ''}/ search · n/N next · f field filter · l level · s source · t time · c clear · enter details${expanded ? ' · esc close' : ''}`, width)}
      </Text>
    </Box>
  );
}
