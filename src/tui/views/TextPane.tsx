// A pane of text lines that scrolls (no cursor): j/k and PgUp/PgDn move it; esc/←/backspace close it.
import { Box, Text } from 'ink';
import { useKeys } from '../hooks/use-keys.ts';
import { useSticky } from '../hooks/use-sticky.ts';
import { fit } from '../lib/format.ts';
import { isBackKey } from '../lib/keys.ts';

export interface TextPaneProps {
  title: string;
  /** Lines already wrapped to `width` (longer ones are cut) and redacted when redaction is on. */
  lines: string[];
  height: number;
  width: number;
  isActive: boolean;
  /** A letter that also closes the pane (the one that opened it), and what closing leads back to. */
  closeKey: string;
  closeTo: string;
  onClose(): void;
  /** Remember the scroll position across view switches under this key. */
  memoryKey?: string;
}

/** The first visible line after scrolling `delta` lines from `top`, kept inside [0, lastTop]. */
export function scrolled(top: number, delta: number, lastTop: number): number {
  return Math.max(0, Math.min(Math.min(top, lastTop) + delta, lastTop));
}

export function TextPane({ title, lines, height, width, isActive, closeKey, closeTo, onClose, memoryKey }: TextPaneProps) {
  const bodyHeight = Math.max(1, height - 2);
  const lastTop = Math.max(0, lines.length - bodyHeight);
  const [at, setTop] = useSticky(memoryKey, 0);
  const top = Math.min(at, lastTop);
  useKeys((input, key) => {
    if (isBackKey(key) || input === closeKey) onClose();
    else if (key.downArrow || input === 'j') setTop((t) => scrolled(t, 1, lastTop));
    else if (key.upArrow || input === 'k') setTop((t) => scrolled(t, -1, lastTop));
    else if (key.pageDown || input === ' ') setTop((t) => scrolled(t, bodyHeight, lastTop));
    else if (key.pageUp) setTop((t) => scrolled(t, -bodyHeight, lastTop));
  }, { isActive });
  // Where you are comes first: on a narrow terminal the end of the line is what gets cut.
  const where = lines.length > bodyHeight ? `lines ${top + 1}–${Math.min(lines.length, top + bodyHeight)} of ${lines.length} · j/k scroll · ` : '';
  return (
    <Box flexDirection="column">
      <Text bold>{fit(title, width)}</Text>
      {lines.slice(top, top + bodyHeight).map((l, i) => <Text key={top + i}>{fit(l, width)}</Text>)}
      <Text dimColor>{fit(`${where}esc/${closeKey}: back to ${closeTo}`, width)}</Text>
    </Box>
  );
}
