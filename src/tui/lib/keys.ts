// Key meanings shared by every view (pure, so views agree on them).
import type { Key } from 'ink';

/**
 * Esc, ← or Backspace: "back" (close a pane, leave a detail). Terminals send DEL (0x7f) for the
 * Backspace key, which Ink reports as `delete`; only Ctrl-H arrives as `backspace`.
 */
export function isBackKey(key: Key): boolean {
  return key.escape || key.leftArrow || key.backspace || key.delete;
}

/** Control characters that can arrive inside a run of typed text, and the key Ink reports for each alone. */
const CONTROL: Record<string, Partial<Key>> = {
  '\r': { return: true }, '\n': { return: true }, '\t': { tab: true }, '\b': { backspace: true }, '\x7f': { delete: true },
};

/**
 * One read of several keys ("2⏎" from a fast typist or a script) as the keys Ink would have
 * reported one by one: Ink parses the run as text, so an Enter inside it has no `return` flag.
 */
export function splitKeys(input: string, key: Key): { input: string; key: Key }[] {
  return [...input].map((ch) => {
    const control = CONTROL[ch];
    return control ? { input: '', key: { ...key, ...control } } : { input: ch, key };
  });
}
