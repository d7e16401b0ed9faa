// A recording ParseContext plus helpers that feed text to a FileFormat the way the reader would.
import type { FileFormat, FileHead, ParseContext } from '../../../../src/ingest/format.ts';
import type { BundleRecord, TokenVault } from '../../../../src/ingest/types.ts';

export interface FakeContext extends ParseContext {
  records: BundleRecord[];
  problems: { line: number | undefined; problem: string }[];
  format: string | null;
  wrapper: string | null;
}

/** A context for `path` that records everything a parser hands on. */
export function fakeContext(path: string, mtime: number | null = null, vault: TokenVault = new Map()): FakeContext {
  const ctx: FakeContext = {
    path, mtime, tokenVault: vault, records: [], problems: [], format: null, wrapper: null,
    emit(rec) { ctx.records.push(rec); },
    problem(line, problem) { ctx.problems.push({ line, problem }); },
    setWrapper(w) { ctx.wrapper = w; },
    setFormat(f) { ctx.format = f; },
  };
  return ctx;
}

/** The head a sniffer would see for this text. */
export function headOf(path: string, text: string): FileHead {
  const cut = text.slice(0, 64 * 1024);
  const lines = cut.split('\n');
  if (cut.length < text.length || !cut.endsWith('\n')) lines.pop();
  return { path, text: cut, lines: lines.slice(0, 50).map((l) => l.replace(/\r$/, '')), size: Buffer.byteLength(text) };
}

/** Run `format` over `text` (lines or whole mode) and return the context with what it recorded. */
export function runFormat(format: FileFormat, path: string, text: string, mtime: number | null = null, vault?: TokenVault): FakeContext {
  const ctx = fakeContext(path, mtime, vault);
  if (format.mode === 'whole') {
    format.parseWhole!(text, ctx);
    return ctx;
  }
  const parser = format.openLines!(ctx, headOf(path, text));
  let offset = 0;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((l, i) => {
    parser.line(l.replace(/\r$/, ''), i + 1, offset);
    offset += Buffer.byteLength(l) + 1;
  });
  parser.end();
  return ctx;
}

/** Only the records of one kind, typed. */
export function recordsOf<K extends BundleRecord['kind']>(ctx: FakeContext, kind: K): Extract<BundleRecord, { kind: K }>[] {
  return ctx.records.filter((r): r is Extract<BundleRecord, { kind: K }> => r.kind === kind);
}
