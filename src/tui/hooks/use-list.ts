// Cursor + scroll state for a list of `length` rows shown in `height` rows.
import { useCallback, useEffect, useState } from 'react';
import { moveCursor, scrollTop } from '../lib/cursor.ts';

export interface ListState {
  index: number;
  top: number;
  move(delta: number): void;
  set(index: number): void;
}

/** Keeps the cursor inside the list and the cursor row inside the visible window. */
export function useList(length: number, height: number, initial = 0): ListState {
  const [state, setState] = useState({ index: moveCursor(initial, 0, length), top: 0 });
  const apply = useCallback((next: number) => {
    setState((s) => {
      const index = moveCursor(next, 0, length);
      return { index, top: scrollTop(s.top, index, height, length) };
    });
  }, [length, height]);
  // Re-clamp when the list or the window changes size (filters, terminal resize).
  useEffect(() => { apply(state.index); }, [length, height]);
  return {
    index: state.index,
    top: state.top,
    move: (delta: number) => apply(state.index + delta),
    set: apply,
  };
}
