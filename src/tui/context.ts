// What every view can reach: the analysis, the model, colour and redaction state, and navigation.
import { createContext, useContext } from 'react';
import type { Model } from '../correlate/index.ts';
import type { Analysis, Evidence } from '../rules/index.ts';

export type ViewId = 'checklist' | 'findings' | 'traces' | 'logs' | 'metrics' | 'audit';

export interface TuiContextValue {
  model: Model;
  analysis: Analysis;
  /** False under NO_COLOR / non-TTY: views then use marks only. */
  color: boolean;
  /** Apply the report's redaction when the `r` toggle is on. */
  show(text: string): string;
  redacted: boolean;
  /** Switch views; `focus` tells the target what to select (a step, a trace, a record). */
  go(view: ViewId, focus?: Focus): void;
  /** What `back()` returns to (`finding AP0401`) while a finding's evidence is on screen; null otherwise. */
  backTo: string | null;
  /** Return to the finding whose evidence opened the current view; false when there is none. */
  back(): boolean;
  /** Views call this while a text prompt is open so global keys (q, digits) type instead. */
  setTyping(isTyping: boolean): void;
  /** Per-view state kept across view switches (see hooks/use-sticky.ts). */
  memory?: Map<string, unknown>;
}

export type Focus =
  | { kind: 'step'; step: number }
  /** Reopen `analysis.findings[finding]` with the cursor on its `evidence`-th item (Esc back from that evidence). */
  | { kind: 'finding'; finding: number; evidence: number }
  | { kind: 'trace'; id: string; file?: string; line?: number }
  | { kind: 'record'; file: string; line: number }
  /** `from` names the finding and evidence item opened, so Esc can return there. */
  | { kind: 'evidence'; evidence: Evidence; from?: { finding: number; evidence: number } }
  /** Only the traces `analysis.findings[finding]`'s evidence names; Esc returns to it, cursor on its `evidence`-th item. */
  | { kind: 'traces-of'; finding: number; evidence: number };

export const TuiContext = createContext<TuiContextValue | null>(null);

/** The TUI context; throws when used outside the app (a programming error). */
export function useTui(): TuiContextValue {
  const v = useContext(TuiContext);
  if (!v) throw new Error('useTui outside <TuiContext.Provider>');
  return v;
}
