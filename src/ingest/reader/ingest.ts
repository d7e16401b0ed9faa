// ingest: walks the bundle, sniffs each plain file by content and feeds it to its format, line by
// line or as one document, collecting the inventory and the problems on the way.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { basename } from 'node:path';
import { ForensicError } from '../errors.ts';
import type { FileFormat, FileHead } from '../format.ts';
import { allFormats } from '../formats.ts';
import type { FileInfo, IngestOptions, IngestResult, Problem, RecordSink, TokenVault } from '../types.ts';
import { ReportedError, drain, errorText, type ByteSource } from './bytes.ts';
import { FileContext } from './context.ts';
import { formatSize, resolveLimits, type Limits } from './limits.ts';
import { LineSplitter } from './lines.ts';
import { makeHead, pickFormat } from './sniff.ts';
import { walkInput, type LeafFile } from './walker.ts';

const NOT_A_BUNDLE = 'not an AuthPlane support bundle';
const APPLE_DOUBLE = /(^|\/)(__MACOSX\/|\._[^/]*$)/;

/**
 * Read `input` (a .tgz/.tar/.zip/.gz, a directory or a single file), sniff every file by
 * content and stream its records to `sink`. Damaged parts become problems; an input that is
 * not a bundle at all throws ForensicError('input-unusable').
 */
export async function ingest(input: string, sink: RecordSink, opts: IngestOptions = {}): Promise<IngestResult> {
  const formats = opts.formats ?? allFormats();
  const limits = resolveLimits(opts);
  const files: FileInfo[] = [];
  const problems: Problem[] = [];
  const tokenVault: TokenVault = new Map();
  const reader = new FileReader(input, formats, limits, sink, files, problems, tokenVault);
  const summary = await walkInput(input, {
    onFile: (file) => reader.read(file).catch((err: unknown) => {
      // Stream failures were reported by their layer; anything else is a bug that costs this file only.
      if (err instanceof ReportedError || err instanceof ForensicError) throw err;
      problems.push({ path: file.path, problem: `could not read: ${errorText(err)}` });
    }),
    onArchive: (row) => { files.push(row); },
    onProblem: (p) => { problems.push(p); },
  }, opts);
  if (!files.some(isAuthPlaneEvidence)) {
    const n = files.filter((f) => f.kind !== 'archive').length;
    // A single file given as the input is named itself, not as "the 1 file in" itself.
    const alone = files.length === 1 && files[0]!.kind !== 'archive' && files[0]!.path === basename(input);
    const what = alone ? `${input} is not` : `none of the ${n} file${n === 1 ? '' : 's'} in ${input} is`;
    throw new ForensicError('input-unusable', `${NOT_A_BUNDLE}: ${what} an AuthPlane log, /metrics snapshot, audit dump, discovery/health document, config or token`);
  }
  return { source: input, sha256: summary.sha256, files, problems, tokenVault, bytesRead: summary.bytesRead };
}

/** A file that says something about an AuthPlane deployment (a generic JSON file does not). */
function isAuthPlaneEvidence(f: FileInfo): boolean {
  if (f.kind === 'log' || f.kind === 'metrics' || f.kind === 'audit' || f.kind === 'token') return true;
  return f.kind === 'document' && f.format !== 'other-json';
}

class FileReader {
  constructor(
    private readonly input: string,
    private readonly formats: readonly FileFormat[],
    private readonly limits: Limits,
    private readonly sink: RecordSink,
    private readonly files: FileInfo[],
    private readonly problems: Problem[],
    private readonly tokenVault: TokenVault,
  ) {}

  async read(file: LeafFile): Promise<void> {
    const base = { path: file.path, wrapper: null, mtime: file.mtime };
    // Only when nothing unpacked before the break: a damaged tail still leaves the head to read.
    if (file.isTop && file.source.hasFailed && file.head.length === 0) await this.explainBrokenTop(file.source);
    // NUL bytes mean binary (containers were already recognised by the walker).
    // macOS archive helpers (`__MACOSX/`, `._name` AppleDouble files) carry no logs: listed, not flagged.
    if (APPLE_DOUBLE.test(file.path) && !file.isTop) return this.skip({ ...base, kind: 'unknown', format: 'macos-metadata' }, file.source, null);
    if (file.head.includes(0)) {
      if (file.isTop) throw new ForensicError('input-unusable', `${NOT_A_BUNDLE}: ${this.input} is a binary file, not an archive (tgz, tar, zip, gz) or a text file`);
      return this.skip({ ...base, kind: 'unknown', format: 'binary' }, file.source, 'binary file skipped');
    }
    const head = makeHead(file.path, file.head, file.source.ended, file.size);
    // An empty input is refused as empty, even when its name (`metrics.prom`) would claim it.
    const format = file.isTop && file.head.length === 0 ? null : pickFormat(this.formats, head);
    if (!format) {
      if (file.isTop) {
        // A .gz of one text file was unpacked to get here: what it holds is the problem, not its form.
        const gz = isGzipFile(this.input);
        const what = file.head.length === 0 ? 'is empty'
          : gz ? 'unpacks to a text file that is not a recognised log, metrics, audit or document file'
            : 'is neither an archive (tgz, tar, zip, gz) nor a recognised log, metrics, audit or document file';
        throw new ForensicError('input-unusable', `${NOT_A_BUNDLE}: ${this.input} ${what}`);
      }
      return this.skip({ ...base, kind: 'unknown', format: 'unknown' }, file.source, null);
    }
    const ctx = new FileContext(file.path, file.mtime, { ...base, kind: format.kind, format: format.id }, this.sink, this.problems, this.tokenVault);
    this.files.push(ctx.row);
    const counter = { bytes: 0 };
    try {
      if (format.mode === 'whole') await this.readWhole(format, ctx, file.source, counter);
      else await this.readLines(format, ctx, head, file.source, counter);
    } finally {
      ctx.finish(counter.bytes);
    }
  }

  /** The input itself broke before its first bytes were seen (a stub gzip): exit with that reason. */
  private async explainBrokenTop(source: ByteSource): Promise<void> {
    try {
      await drain(source);
    } catch (err) {
      if (!(err instanceof ReportedError)) throw err;
      const p = this.problems.at(-1);
      throw new ForensicError('input-unusable', `no file could be read from ${this.input} (${p ? `${p.path}: ${p.problem}` : errorText(err)})`);
    }
  }

  /** Listed in the inventory, not parsed; read through so the archive can move on. */
  private async skip(row: Omit<FileInfo, 'records' | 'skipped' | 'bytes' | 'timeRange'>, source: ByteSource, problem: string | null): Promise<void> {
    const info: FileInfo = { path: row.path, kind: row.kind, format: row.format, wrapper: null, records: 0, skipped: 0, bytes: 0, timeRange: null, mtime: row.mtime };
    this.files.push(info);
    if (problem) this.problems.push({ path: row.path, problem });
    info.bytes = await drain(source);
  }

  private async readLines(format: FileFormat, ctx: FileContext, head: FileHead, source: ByteSource, counter: { bytes: number }): Promise<void> {
    let parser;
    try {
      if (!format.openLines) throw new Error('format has no line parser');
      parser = format.openLines(ctx, head);
    } catch (err) {
      ctx.note(undefined, `format ${format.id} could not start: ${errorText(err)}`);
      counter.bytes = await drain(source);
      return;
    }
    const p = parser;
    const splitter = new LineSplitter({
      line(text, lineNo, offset) {
        // The contract says parsers never throw; if one does, it costs that line only.
        try {
          p.line(text, lineNo, offset);
        } catch (err) {
          ctx.problem(lineNo, `format ${format.id} failed on this line: ${errorText(err)}`);
        }
      },
      problem(lineNo, text, isSkipped) {
        if (isSkipped) ctx.problem(lineNo, text);
        else ctx.note(lineNo, text);
      },
    }, this.limits.maxLineBytes);
    try {
      for await (const chunk of source) {
        counter.bytes += chunk.length;
        splitter.push(chunk);
      }
    } finally {
      // Also on a truncated stream: what was read is kept, the last partial line included.
      splitter.end();
      try {
        p.end();
      } catch (err) {
        ctx.problem(undefined, `format ${format.id} failed at end of file: ${errorText(err)}`);
      }
    }
  }

  private async readWhole(format: FileFormat, ctx: FileContext, source: ByteSource, counter: { bytes: number }): Promise<void> {
    const max = this.limits.maxDocumentBytes;
    const it = source[Symbol.asyncIterator]();
    const chunks: Buffer[] = [];
    try {
      let isTooBig = false;
      for (let r = await it.next(); !r.done; r = await it.next()) {
        counter.bytes += r.value.length;
        chunks.push(r.value);
        if (counter.bytes > max) {
          isTooBig = true;
          break;
        }
      }
      if (!isTooBig) return this.parseWhole(format, ctx, Buffer.concat(chunks, counter.bytes));
      if (!format.parseStream) {
        ctx.problem(undefined, `document larger than ${formatSize(max)} skipped`);
        for (let r = await it.next(); !r.done; r = await it.next()) counter.bytes += r.value.length;
        return;
      }
      await this.parseStream(format, ctx, chunks, it, counter);
    } finally {
      await it.return?.(undefined); // a parser that stopped early must not stall the archive
    }
  }

  private parseWhole(format: FileFormat, ctx: FileContext, buf: Buffer): void {
    let text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.includes('\uFFFD') && !isUtf8(buf)) ctx.note(undefined, 'invalid UTF-8 (replaced)');
    try {
      if (!format.parseWhole) throw new Error('format has no document parser');
      format.parseWhole(text, ctx);
    } catch (err) {
      ctx.problem(undefined, `format ${format.id} failed: ${errorText(err)}`);
    }
  }

  private async parseStream(format: FileFormat, ctx: FileContext, first: Buffer[], it: AsyncIterator<Buffer>,
    counter: { bytes: number }): Promise<void> {
    async function* all(): AsyncGenerator<Buffer> {
      yield* first.splice(0);
      for (let r = await it.next(); !r.done; r = await it.next()) {
        counter.bytes += r.value.length;
        yield r.value;
      }
    }
    const stream = Readable.from(all(), { objectMode: false });
    try {
      await format.parseStream!(stream, ctx);
    } catch (err) {
      if (err instanceof ReportedError || err instanceof ForensicError) throw err;
      ctx.problem(undefined, `format ${format.id} failed: ${errorText(err)}`);
    } finally {
      stream.destroy();
    }
  }
}

/** True when the file at `path` starts with the gzip magic bytes (only asked on the way to an error). */
function isGzipFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const b = Buffer.alloc(2);
      return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
