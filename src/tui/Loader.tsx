// Shows reading progress while the bundle is analyzed, then the app (or the error, on one line).
// Keys typed meanwhile are kept for the app, except q, which quits at once.
import { Box, Text, useApp, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useRef, useState } from 'react';
import type { Model } from '../correlate/index.ts';
import type { IngestProgress } from '../ingest/index.ts';
import type { Redactor } from '../report/index.ts';
import type { Analysis } from '../rules/index.ts';
import { App } from './App.tsx';
import type { TypedKey } from './hooks/use-keys.ts';

export type LoadFn = (onProgress: (p: IngestProgress) => void) => Promise<{ model: Model; analysis: Analysis }>;

export interface LoaderProps { load: LoadFn; color: boolean; makeRedactor?: (model: Model, analysis: Analysis) => Redactor; onError(e: unknown): void; title: string }

export function Loader({ load, color, makeRedactor, onError, title }: LoaderProps) {
  const { exit } = useApp();
  const [progress, setProgress] = useState<IngestProgress | null>(null);
  const [result, setResult] = useState<{ model: Model; analysis: Analysis } | null>(null);
  useEffect(() => {
    let last = 0;
    load((p) => {
      const now = Date.now();
      if (now - last > 100) { last = now; setProgress(p); }
    }).then(setResult, (e: unknown) => { onError(e); exit(); });
  }, []); // load once
  // Listening also puts the terminal in raw mode: typed keys are not echoed over the progress line,
  // and Ctrl-C reaches Ink (which quits) instead of killing the process in the alternate screen.
  const typed = useRef<TypedKey[]>([]);
  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) exit();
    else typed.current.push({ input, key });
  }, { isActive: result === null });
  if (result) return <App model={result.model} analysis={result.analysis} color={color} makeRedactor={makeRedactor} typeAhead={typed.current} />;
  const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
  return (
    <Box>
      <Text color={color ? 'cyan' : undefined}><Spinner type="dots" /></Text>
      <Text>{` reading ${title}: ${progress ? `${mb(progress.bytesRead)}${progress.bytesTotal ? ` / ${mb(progress.bytesTotal)}` : ''}, ${progress.filesDone} files` : 'starting'}${progress?.currentFile ? ` (${progress.currentFile})` : ''}`}</Text>
    </Box>
  );
}
