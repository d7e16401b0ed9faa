// Test helper: a ParseContext that collects what a log parser emits, and a runner that sniffs and
// parses a list of lines the way the reader does (head = first 50 lines, then every line in order).
import type { FileHead, ParseContext } from '../../../../src/ingest/format.ts';
import type { BundleRecord, LogRecord } from '../../../../src/ingest/types.ts';
import { logFormats } from '../../../../src/ingest/parsers/log/index.ts';

export interface Collected {
  records: LogRecord[];
  problems: { line: number | undefined; problem: string }[];
  wrapper: string | null;
  format: string | null;
}

/** A ParseContext that keeps everything in memory. */
export function fakeContext(path: string): { ctx: ParseContext; out: Collected } {
  const out: Collected = { records: [], problems: [], wrapper: null, format: null };
  const ctx: ParseContext = {
    path,
    mtime: null,
    emit(rec: BundleRecord) {
      if (rec.kind === 'log') out.records.push(rec);
    },
    problem(line, problem) {
      out.problems.push({ line, problem });
    },
    setWrapper(w) {
      out.wrapper = w;
    },
    setFormat(f) {
      out.format = f;
    },
    tokenVault: new Map(),
  };
  return { ctx, out };
}

/** The head the reader would build for these lines. */
export function headOf(lines: string[], path = 'logs/app.log'): FileHead {
  const text = lines.join('\n') + '\n';
  return { path, text, lines: lines.slice(0, 50), size: Buffer.byteLength(text) };
}

/** Best log-format score for a head, and which format id gave it. */
export function sniffLog(head: FileHead): { id: string | null; score: number } {
  let best: { id: string | null; score: number } = { id: null, score: 0 };
  for (const f of logFormats) {
    const s = f.sniff(head);
    if (s > best.score) best = { id: f.id, score: s };
  }
  return best;
}

/** Sniffs and parses `lines` as one file, like the reader: returns everything the parser reported. */
export function parseLog(lines: string[], path = 'logs/app.log'): Collected {
  const head = headOf(lines, path);
  const { id } = sniffLog(head);
  const format = logFormats.find((f) => f.id === (id ?? 'plain'))!;
  const { ctx, out } = fakeContext(path);
  const parser = format.openLines!(ctx, head);
  let offset = 0;
  lines.forEach((l, i) => {
    parser.line(l, i + 1, offset);
    offset += Buffer.byteLength(l) + 1;
  });
  parser.end();
  return out;
}

/** Parses and returns the single record the lines make (fails the test if there is not exactly one). */
export function one(lines: string[] | string, path?: string): LogRecord {
  const out = parseLog(Array.isArray(lines) ? lines : [lines], path);
  if (out.records.length !== 1) throw new Error(`expected one record, got ${out.records.length}: ${JSON.stringify(out)}`);
  return out.records[0]!;
}
