// Registry of log formats (slog JSON/text, container wrappers, SDK lines, generic JSON). Every
// format shares one line parser (engine.ts); each claims a file when it is the head's main format.
import type { FileFormat, FileHead, LineParser, ParseContext } from '../../format.ts';
import { LogLineParser } from './engine.ts';
import { analyzeHead } from './sniff.ts';

/** Inventory format ids of log files, most specific first. `plain` is the fallback for log-named text. */
const LOG_FORMAT_IDS = [
  'slog-json', 'slog-text', 'generic-json', 'python', 'java-jul', 'dotnet-console', 'ts-console', 'go-log', 'rust-tracing', 'access-log', 'fatal', 'plain',
] as const;

function logFormat(id: string): FileFormat {
  return {
    id,
    kind: 'log',
    mode: 'lines',
    sniff(head: FileHead): number {
      const a = analyzeHead(head);
      return a.format === id ? a.score : 0;
    },
    openLines(ctx: ParseContext, head: FileHead): LineParser {
      return new LogLineParser(ctx, analyzeHead(head).hints);
    },
  };
}

/** Log formats, most specific first. Exactly one of them claims a given log file. */
export const logFormats: FileFormat[] = LOG_FORMAT_IDS.map(logFormat);

export { LogLineParser, type EngineHints } from './engine.ts';
export { analyzeHead, type HeadAnalysis } from './sniff.ts';
export { sourceFromPath } from './wrappers.ts';
