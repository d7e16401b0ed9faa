// The TUI root: tab bar, the active view, the status line, and the global keys.
import { KeyRouter, KeyRouterContext, useKeyRouter, type TypedKey } from './hooks/use-keys.ts';
import { Box, Text, useApp } from 'ink';
import { useMemo, useRef, useState } from 'react';
import type { Model } from '../correlate/index.ts';
import type { Redactor } from '../report/index.ts';
import type { Analysis } from '../rules/index.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { TuiContext, type Focus, type TuiContextValue, type ViewId } from './context.ts';
import { useSize } from './hooks/use-size.ts';
import { fit } from './lib/format.ts';
import { AuditView } from './views/AuditView.tsx';
import { ChecklistView } from './views/ChecklistView.tsx';
import { FindingsView } from './views/FindingsView.tsx';
import { HelpView } from './views/HelpView.tsx';
import { LogsView } from './views/LogsView.tsx';
import { MetricsView } from './views/MetricsView.tsx';
import { ProblemsView } from './views/ProblemsView.tsx';
import { TracesView } from './views/TracesView.tsx';

const VIEWS: { id: ViewId; label: string }[] = [
  { id: 'checklist', label: 'Checklist' }, { id: 'findings', label: 'Findings' }, { id: 'traces', label: 'Traces' },
  { id: 'logs', label: 'Logs' }, { id: 'metrics', label: 'Metrics' }, { id: 'audit', label: 'Audit' },
];

export interface AppProps {
  model: Model;
  analysis: Analysis;
  color: boolean;
  /** Creates the report's redactor for the `r` toggle (lazily: most sessions never press r). */
  makeRedactor?: (model: Model, analysis: Analysis) => Redactor;
  initialView?: ViewId;
  /** Keys typed before the app was on screen (while the bundle loaded), handled first, in order. */
  typeAhead?: readonly TypedKey[];
}

export function App({ model, analysis, color, makeRedactor, initialView = 'checklist', typeAhead }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useSize();
  const [view, setView] = useState<ViewId>(initialView);
  const [focus, setFocus] = useState<Focus | undefined>(undefined);
  const [stepFilter, setStepFilter] = useState<number | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [problemsOpen, setProblemsOpen] = useState(false);
  const [typing, setTyping] = useState(false);
  const [redactor, setRedactor] = useState<Redactor | null>(null);
  const [redacted, setRedacted] = useState(false);
  const [notice, setNotice] = useState('');
  // The finding (and the step filter it was listed under) whose evidence is on screen: Esc returns there.
  const [from, setFrom] = useState<{ finding: number; evidence: number; step: number | undefined } | null>(null);
  const router = useRef(new KeyRouter()).current;
  const memory = useRef(new Map<string, unknown>()).current;

  const ctx: TuiContextValue = useMemo(() => ({
    model, analysis, color, redacted, setTyping, memory,
    show: (text: string) => (redacted && redactor ? redactor.text(text) : text),
    backTo: from ? `finding ${analysis.findings[from.finding]?.rule ?? ''}`.trim() : null,
    back: () => {
      if (!from) return false;
      setFrom(null);
      setStepFilter(from.step);
      setFocus({ kind: 'finding', finding: from.finding, evidence: from.evidence });
      setView('findings');
      return true;
    },
    go: (target: ViewId, f?: Focus) => {
      // Evidence or traces opened from a finding remember it for Esc; any other move forgets it.
      const origin = f?.kind === 'evidence' ? f.from : f?.kind === 'traces-of' ? { finding: f.finding, evidence: f.evidence } : undefined;
      setFrom(origin ? { ...origin, step: stepFilter } : null);
      if (f?.kind === 'step') setStepFilter(f.step);
      else if (target === 'findings' && f?.kind !== 'finding') setStepFilter(undefined);
      // Evidence that belongs to a trace opens in the trace's timeline.
      if (f?.kind === 'evidence' && f.evidence.trace_id && model.traces.find(f.evidence.trace_id)) {
        setFocus({ kind: 'trace', id: f.evidence.trace_id, file: f.evidence.file, line: f.evidence.line });
        setView('traces');
        return;
      }
      setFocus(f);
      setView(target);
    },
  }), [model, analysis, color, redacted, redactor, memory, from, stepFilter]);

  // App-wide keys; returns true when the key is consumed (views don't see it). While a view's
  // prompt is open every key goes to the view, so q or a digit can be typed.
  useKeyRouter(router, (input, key) => {
    if (typing) return false;
    // A notice answers the key before it; any next key clears it.
    if (notice) setNotice('');
    if (help) { setHelp(false); return true; }
    if (input === 'q') { exit(); return true; }
    if (input === '?') { setHelp(true); return true; }
    if (input === 'p') { setProblemsOpen((o) => !o); return true; }
    if (input === 'r') {
      if (!redactor && makeRedactor) {
        try { setRedactor(makeRedactor(model, analysis)); } catch (e) { setNotice(`redaction unavailable: ${(e as Error).message}`); return true; }
      }
      setRedacted((r) => !r);
      setNotice('');
      return true;
    }
    const n = Number(input);
    if (input.length === 1 && n >= 1 && n <= VIEWS.length) { setFocus(undefined); setFrom(null); setProblemsOpen(false); if (n === 2) setStepFilter(undefined); setView(VIEWS[n - 1]!.id); return true; }
    if (key.tab) {
      const at = VIEWS.findIndex((v) => v.id === view);
      setFocus(undefined);
      setFrom(null);
      setProblemsOpen(false);
      setView(VIEWS[(at + (key.shift ? VIEWS.length - 1 : 1)) % VIEWS.length]!.id);
      return true;
    }
    return false;
  }, typeAhead);

  const height = Math.max(4, rows - 3);
  const width = Math.max(20, columns - 1);
  // An overlay (help, the problems pane) hides the view without unmounting it, so an open finding
  // or timeline is still there when the overlay closes.
  const overlay = help || problemsOpen;
  const props = { height, width, isActive: !overlay };
  const top = analysis.findings[0];
  const tabs = VIEWS.map((v, i) => (v.id === view ? `[${i + 1} ${v.label}]` : ` ${i + 1} ${v.label} `)).join('');
  const status = notice || `${top ? `root cause: ${top.title}` : 'no findings'} · ${redacted ? 'REDACTED' : 'r: redact'} · ?: keys · q: quit`;
  return (
    <KeyRouterContext.Provider value={router}>
    <TuiContext.Provider value={ctx}>
      <Box flexDirection="column" width={columns} height={rows - 1}>
        <Text bold inverse={color}>{fit(`forensic · ${tabs}`, width)}</Text>
        {/* Views keep their natural height and the box cuts what does not fit: shrunk to the box
            (Yoga's default), their rows would be drawn over each other on a short terminal. */}
        <Box flexDirection="column" height={height} overflow="hidden">
          <Box flexDirection="column" flexShrink={0}>
            <ErrorBoundary>
              {help ? <HelpView /> : null}
              {!help && problemsOpen ? <ProblemsView height={height} width={width} isActive onClose={() => setProblemsOpen(false)} /> : null}
            </ErrorBoundary>
          </Box>
          <Box flexDirection="column" flexShrink={0} display={overlay ? 'none' : 'flex'}>
            <ErrorBoundary key={view}>
              {view === 'checklist' ? <ChecklistView {...props} /> : null}
              {view === 'findings' ? <FindingsView {...props} step={stepFilter} focus={focus} /> : null}
              {view === 'traces' ? <TracesView {...props} focus={focus} /> : null}
              {view === 'logs' ? <LogsView {...props} focus={focus} /> : null}
              {view === 'metrics' ? <MetricsView {...props} /> : null}
              {view === 'audit' ? <AuditView {...props} /> : null}
            </ErrorBoundary>
          </Box>
        </Box>
        <Text dimColor>{fit(status, width)}</Text>
      </Box>
    </TuiContext.Provider>
    </KeyRouterContext.Provider>
  );
}
