// Cursor + scroll state for a list of `length` rows shown in `height` rows.
import { useEffect } from 'react';
import { moveCursor, scrollTop } from '../lib/cursor.ts';
import { useSticky } from './use-sticky.ts';

export interface ListState {
  index: number;
  top: number;
  move(delta: number): void;
  set(index: number): void;
}

interface Pos { index: number; top: number }

function place(s: Pos, next: number, length: number, height: number): Pos {
  const index = moveCursor(next, 0, length);
  const top = scrollTop(s.top, index, height, length);
  return index === s.index && top === s.top ? s : { index, top };
}

/**
 * Keeps the cursor inside the list and the cursor row inside the visible window. Every update
 * is computed from the latest state, so keys typed faster than the screen redraws all count.
 * With a `memoryKey`, the position survives switching views.
 */
export function useList(length: number, height: number, initial = 0, memoryKey?: string): ListState {
  const [pos, setPos] = useSticky<Pos>(memoryKey, () => place({ index: -1, top: 0 }, initial, length, height));
  // Re-clamp when the list or the window changes size (filters, terminal resize).
  useEffect(() => { setPos((s) => place(s, s.index, length, height)); }, [length, height]);
  return {
    index: pos.index,
    top: pos.top,
    move: (delta: number) => setPos((s) => place(s, s.index + delta, length, height)),
    set: (index: number) => setPos((s) => place(s, index, length, height)),
  };
}
