// A one-line text prompt driven by useInput (search, field filter, jump to time).

import { useKeys } from './use-keys.ts';
import { useState } from 'react';

export interface Prompt<K extends string> {
  mode: K | null;
  text: string;
  open(mode: K, initial?: string): void;
}

/** While open, keys edit the text (ctrl-u clears it); enter calls onSubmit(mode, text), esc cancels. */
export function usePrompt<K extends string>(isActive: boolean, onSubmit: (mode: K, text: string) => void, onOpenChange: (open: boolean) => void): Prompt<K> {
  const [mode, setMode] = useState<K | null>(null);
  const [text, setText] = useState('');
  const close = () => { setMode(null); onOpenChange(false); };
  useKeys((input, key) => {
    if (!mode) return;
    if (key.escape) close();
    else if (key.return) { const m = mode; close(); onSubmit(m, text); }
    else if (key.backspace || key.delete) setText((t) => t.slice(0, -1));
    else if (key.ctrl && input === 'u') setText('');
    else if (input && !key.ctrl && !key.meta && !key.upArrow && !key.downArrow) setText((t) => t + input);
  }, { isActive: isActive && mode != null });
  return {
    mode,
    text,
    open(m: K, initial = '') { setMode(m); setText(initial); onOpenChange(true); },
  };
}
