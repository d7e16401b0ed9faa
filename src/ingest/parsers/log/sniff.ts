// Scores a file head as a log: runs the real line parser over the first lines and measures the
// share it recognises, so detection and parsing never disagree. Cached per head (every log format asks).
import type { FileHead, ParseContext } from '../../format.ts';
import type { BundleRecord } from '../../types.ts';
import { LogLineParser, type EngineHints } from './engine.ts';
import { sourceFromPath } from './wrappers.ts';

/** What the head says about a file. */
export interface HeadAnalysis {
  /** 0..1: ≥ 0.8 when at least half the non-empty lines are recognised log lines. */
  score: number;
  /** Most common inner format of the head's records (`plain` when none). */
  format: string;
  hints: EngineHints;
}

const cache = new WeakMap<FileHead, HeadAnalysis>();

const COMPOSE_ANY = /^([A-Za-z0-9][\w.-]*) +\|(?: |$)/;
// A text file with one of these names is a log even when no line format is recognised.
const LOG_PATH = /(?:\.log(?:\.\d+)?(?:\.gz)?|\.out|\.err|[/_.-](?:stdout|stderr|logs?|journal)(?:\.txt)?)$|(?:^|\/)logs?\//i;

/** Analyses (once per head) how much of the head is log lines, and in which format. */
export function analyzeHead(head: FileHead): HeadAnalysis {
  const hit = cache.get(head);
  if (hit !== undefined) return hit;
  const lines = head.lines.length > 0 || head.text.length === 0 ? head.lines : [head.text];
  let nonEmpty = 0;
  let braces = 0;
  let compose = 0;
  for (const l of lines) {
    if (l.length === 0) continue;
    nonEmpty++;
    if (l.charCodeAt(0) === 0x7b) braces++;
    else if (COMPOSE_ANY.test(l)) compose++;
  }
  const source = sourceFromPath(head.path);
  const probeHints: EngineHints = {
    source, composeLoose: nonEmpty > 0 && compose / nonEmpty >= 0.6, jsonDominant: true, wrapper: null, format: 'plain',
  };
  const engine = new LogLineParser(countingContext(head.path), probeHints);
  lines.forEach((l, i) => engine.line(l, i + 1, 0));
  engine.end();
  const share = engine.lines === 0 ? 0 : engine.recognised / engine.lines;
  let score = share >= 0.5 ? 0.8 + 0.4 * (share - 0.5) : share * 1.6;
  const format = engine.dominantFormat() ?? 'plain';
  if (format === 'plain' && score < 0.3 && nonEmpty > 0 && LOG_PATH.test(head.path)) score = 0.3;
  const analysis: HeadAnalysis = {
    score: Math.min(1, score),
    format,
    hints: {
      source,
      composeLoose: probeHints.composeLoose,
      jsonDominant: nonEmpty > 0 && braces / nonEmpty >= 0.5,
      wrapper: engine.dominantWrapper(),
      format,
    },
  };
  cache.set(head, analysis);
  return analysis;
}

/** A context that only counts: sniffing must not emit records or problems. */
function countingContext(path: string): ParseContext {
  return {
    path,
    mtime: null,
    emit(_rec: BundleRecord) { /* discarded */ },
    problem() { /* the score already reflects unrecognised lines */ },
    setWrapper() { /* not during sniffing */ },
    setFormat() { /* not during sniffing */ },
    tokenVault: new Map(),
  };
}
