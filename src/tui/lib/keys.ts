// Key meanings shared by every view (pure, so views agree on them).
import type { Key } from 'ink';

/**
 * Esc, ← or Backspace: "back" (close a pane, leave a detail). Terminals send DEL (0x7f) for the
 * Backspace key, which Ink reports as `delete`; only Ctrl-H arrives as `backspace`.
 */
export function isBackKey(key: Key): boolean {
  return key.escape || key.leftArrow || key.backspace || key.delete;
}

