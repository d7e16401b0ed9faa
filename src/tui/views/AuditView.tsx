// Audit view: the per-user / client / family / grant stories, listed by their heads (counts and span,
// no row built); enter builds and shows one story's rows and logs.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { AuditStory, AuditStoryHead, Model } from '../../correlate/index.ts';
import { useTui } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { fit, span, stamp } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';

function StoryDetail({ story, height, width, isActive, onClose }: { story: AuditStory; height: number; width: number; isActive: boolean; onClose(): void }) {
  const { show } = useTui();
  const items = [
    ...story.rows.map((r) => ({ ts: r.ts, text: `${stamp(r.ts)}  audit  ${r.action.padEnd(24)} actor=${r.actorId || '-'} client=${r.clientId || '-'} ${r.detail}${r.origin !== 'dump' ? ` [from ${r.origin} log]` : ''}` })),
    ...story.logs.map((l) => ({ ts: l.ts, text: `${stamp(l.ts)}  log    ${l.level.padEnd(5)} ${l.msg.split('\n')[0]} (${l.file}:${l.line})` })),
  ].sort((a, b) => (a.ts ?? 0) - (b.ts ?? 0));
  const list = useList(items.length, height - 2);
  useKeys((input, key) => {
    if (isBackKey(key)) onClose();
    else if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
  }, { isActive });
  return (
    <Box flexDirection="column">
      <Text bold>{fit(show(`${story.key}: ${story.rows.length} audit row(s), ${story.logs.length} log line(s)`), width)}</Text>
      {items.slice(list.top, list.top + height - 2).map((it, i) => (
        <Text key={i} bold={list.top + i === list.index}>{fit(show(`${list.top + i === list.index ? '›' : ' '} ${it.text}`), width)}</Text>
      ))}
      <Text dimColor>esc: back to stories</Text>
    </Box>
  );
}

/** Every story's head, largest first (ties keep first-seen order); no audit row is built. */
export function storyList(model: Model): AuditStoryHead[] {
  return model.audit.storyHeads().sort((a, b) => b.rows - a.rows);
}

export function AuditView({ height, width, isActive }: { height: number; width: number; isActive: boolean }) {
  const { model, show } = useTui();
  const stories = useMemo(() => storyList(model), [model]);
  // Actions are read only for the stories on screen, once each.
  const actions = useMemo(() => new Map<string, string>(), [model]);
  const actionsOf = (s: AuditStoryHead): string => {
    let a = actions.get(s.key);
    if (a === undefined) actions.set(s.key, (a = s.actions().join(' → ')));
    return a;
  };
  const list = useList(stories.length, height - 1, 0, 'audit');
  const [open, setOpen] = useSticky<AuditStory | null>('audit:open', null);
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.pageDown) list.move(height - 1);
    else if (key.pageUp) list.move(-(height - 1));
    else if (key.return && stories[list.index]) setOpen(model.audit.story(stories[list.index]!.key) ?? null);
  }, { isActive: isActive && !open });
  if (open) return <StoryDetail story={open} height={height} width={width} isActive={isActive} onClose={() => setOpen(null)} />;
  if (stories.length === 0) return <Text dimColor>No audit rows: add `GET :9001/admin/audit` pages (or the server logs, which copy every audit event).</Text>;
  return (
    <Box flexDirection="column">
      <Text dimColor>{fit(`${model.audit.count()} audit row(s)${model.audit.hasDump ? '' : ' rebuilt from log lines (no audit dump in the bundle)'} · ${stories.length} stories`, width)}</Text>
      {stories.slice(list.top, list.top + height - 1).map((s, i) => {
        const idx = list.top + i;
        const selected = idx === list.index;
        return <Text key={s.key} bold={selected}>{fit(show(`${selected ? '›' : ' '} ${fit(s.key, 28)} ${String(s.rows).padStart(4)} rows  ${span(s.first, s.last)}  ${actionsOf(s)}`), width)}</Text>;
      })}
    </Box>
  );
}
