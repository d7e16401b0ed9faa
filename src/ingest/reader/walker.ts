// The container walker: from the input path down to every plain file, through gzip, tar and zip
// layers detected by magic bytes, with hashing, progress, bomb guards and the unusable-input exits.
import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { access, constants, lstat, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ForensicError } from '../errors.ts';
import type { FileInfo, IngestOptions, IngestProgress, Problem } from '../types.ts';
import { ByteSource, ReportedError, errorText, swallowOwn } from './bytes.ts';
import { detectContainer } from './detect.ts';
import { gunzipSource } from './gzip.ts';
import { Budget, HEAD_BYTES, ZIP_IN_MEMORY_BYTES, resolveLimits, type Limits } from './limits.ts';
import type { Place, WalkerApi } from './place.ts';
import { readTar } from './tar.ts';
import { readZip } from './zip.ts';

const READ_CHUNK = 1024 * 1024;
const PROGRESS_EVERY_MS = 50;

/** A plain (non-container) file reached by the walk. `head` is its first ≤ 64 KiB, still in `source`. */
export interface LeafFile {
  path: string;
  mtime: number | null;
  size: number | null;
  head: Buffer;
  /** Yields the whole file, head included. Whatever the visitor leaves unread is skipped after it. */
  source: ByteSource;
  /** The input itself (possibly gzipped): an unrecognised top file means "not a bundle". */
  isTop: boolean;
}

export interface WalkHooks {
  onFile(file: LeafFile): Promise<void>;
  onArchive?(row: FileInfo): void;
  onProblem(p: Problem): void;
}

export interface WalkOptions extends IngestOptions {
  /** Nested zips larger than this go to a temp file instead of memory. Default 256 MiB. */
  zipInMemoryBytes?: number;
}

export interface WalkSummary {
  sha256: string;
  /** Bytes of the input read from disk (compressed bytes for archives). */
  bytesRead: number;
  /** Plain files reached. */
  files: number;
}

/** Walk `input` (archive, directory or single file), calling hooks for every file, archive and problem. */
export async function walkInput(input: string, hooks: WalkHooks, opts: WalkOptions = {}): Promise<WalkSummary> {
  return new Walker(input, hooks, opts).run();
}

class Walker implements WalkerApi {
  readonly limits: Limits;
  readonly budget: Budget;
  readonly zipInMemoryBytes: number;
  private readonly hash = createHash('sha256');
  private bytesRead = 0;
  private bytesTotal: number | null = null;
  private files = 0;
  private lastProgress = 0;
  private currentFile: string | undefined;
  private problems = 0;
  private firstProblem: Problem | undefined;
  private isDirInput = false;

  constructor(private readonly input: string, private readonly hooks: WalkHooks, private readonly opts: WalkOptions) {
    this.limits = resolveLimits(opts);
    this.budget = new Budget(this.limits);
    this.zipInMemoryBytes = opts.zipInMemoryBytes ?? ZIP_IN_MEMORY_BYTES;
  }

  async run(): Promise<WalkSummary> {
    const st = await statInput(this.input);
    const name = basename(this.input) || this.input;
    if (st.isDirectory()) {
      this.isDirInput = true;
      await this.walkDir(this.input, '');
      if (this.files === 0) throw this.emptyError(`empty directory: no files in ${this.input}`);
    } else {
      this.bytesTotal = st.size;
      const at: Place = { path: name, prefix: '', mtime: Math.trunc(st.mtimeMs), size: st.size, depth: 0, isTop: true, diskPath: this.input };
      await this.readDiskFile(this.input, at);
      if (this.files === 0) throw this.emptyError(`empty archive: no files in ${this.input}`);
    }
    this.progress(true);
    return { sha256: this.hash.digest('hex'), bytesRead: this.bytesRead, files: this.files };
  }

  problem(path: string, text: string): void {
    this.report({ path, problem: text });
  }

  stopped(at: Place, text: string, isArchive = true): void {
    // Only the bundle's own archive: the input, or an archive lying in the directory given as the
    // input (attachments saved to a folder). A cut log.2.gz costs that file alone.
    const isBundle = at.isTop || (this.isDirInput && isArchive && at.depth <= 1);
    this.report(isBundle ? { path: at.path, problem: text, endsInput: true } : { path: at.path, problem: text });
  }

  private report(p: Problem): void {
    this.problems++;
    this.firstProblem ??= p;
    this.hooks.onProblem(p);
  }

  archiveRow(at: Place, format: string): FileInfo {
    const row: FileInfo = { path: at.path, kind: 'archive', format, wrapper: null, records: 0, skipped: 0, bytes: 0, timeRange: null, mtime: at.mtime };
    this.hooks.onArchive?.(row);
    return row;
  }

  async handle(src: ByteSource, at: Place): Promise<void> {
    const head = await src.peek(HEAD_BYTES);
    const kind = detectContainer(head);
    if (kind === null) return this.leaf(src, at, head);
    if (at.depth >= this.limits.maxNesting) {
      this.problem(at.path, `archive nested deeper than ${this.limits.maxNesting} levels skipped`);
      return src.skipRest();
    }
    const inner: Place = { ...at, depth: at.depth + 1, diskPath: undefined };
    if (kind === 'tar') return readTar(this, src, inner, 'tar');
    if (kind === 'zip') return readZip(this, src, { ...inner, diskPath: at.diskPath });
    let holdsTar = false;
    const { source, owner } = gunzipSource(src, at.path, this.budget, (p, t, isEnd) => (isEnd ? this.stopped(at, t, holdsTar) : this.problem(p, t)));
    await swallowOwn(owner, async () => {
      const innerHead = await source.peek(HEAD_BYTES);
      holdsTar = detectContainer(innerHead) === 'tar';
      // A gzip holding a tar is one archive (tgz), not two levels.
      if (holdsTar) await readTar(this, source, inner, 'tgz');
      else await this.handle(source, inner);
    });
  }

  private async leaf(src: ByteSource, at: Place, head: Buffer): Promise<void> {
    this.files++;
    this.currentFile = at.path;
    // Errors of the visitor itself propagate (walkBundle's caller may be writing and run out of disk).
    await this.hooks.onFile({ path: at.path, mtime: at.mtime, size: at.size, head, source: src, isTop: at.isTop });
    await src.skipRest();
    this.progress(false);
  }

  /** Read one file from disk (hashed as it streams) and handle it. */
  private async readDiskFile(full: string, at: Place): Promise<void> {
    const owner = {};
    const state = { pos: 0, isComplete: false, isFailed: false };
    const source = new ByteSource(this.chunks(full, state), (err) => {
      state.isFailed = true;
      const text = `unreadable: ${fsErrorText(err)}`;
      this.stopped(at, text);
      throw new ReportedError(owner, text);
    });
    await swallowOwn(owner, () => this.handle(source, at));
    // Reading stopped early (a bomb guard): sha256 is still of the whole input.
    if (!state.isComplete && !state.isFailed) {
      for await (const chunk of createReadStream(full, { start: state.pos, highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
        this.hash.update(chunk);
        this.bytesRead += chunk.length;
      }
    }
  }

  /** The file's bytes, hashed and counted as they stream. */
  private async *chunks(full: string, state: { pos: number; isComplete: boolean }): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(full, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
      this.hash.update(chunk);
      state.pos += chunk.length;
      this.bytesRead += chunk.length;
      this.progress(false);
      yield chunk;
    }
    state.isComplete = true;
  }

  /** Sorted recursive walk; links and special files are reported, never followed. */
  private async walkDir(dir: string, rel: string): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (err) {
      if (rel === '') throw new ForensicError('input-unusable', `cannot read directory ${dir}: ${fsErrorText(err)}`);
      return this.problem(rel, `directory unreadable: ${fsErrorText(err)}`);
    }
    for (const name of names) {
      const full = join(dir, name);
      const path = rel === '' ? name : `${rel}/${name}`;
      let st: Stats;
      try {
        st = await lstat(full);
      } catch (err) {
        this.problem(path, `unreadable: ${fsErrorText(err)}`);
        continue;
      }
      if (st.isSymbolicLink()) this.problem(path, 'symlink skipped (links are not followed)');
      else if (st.isDirectory()) await this.walkDir(full, path);
      else if (!st.isFile()) this.problem(path, 'not a regular file: skipped');
      else {
        // Directory hash: each relative path, a NUL, then the content, in walk order.
        this.hash.update(`${path}\0`);
        await this.readDiskFile(full, { path, prefix: path, mtime: Math.trunc(st.mtimeMs), size: st.size, depth: 0, isTop: false, diskPath: full });
      }
    }
  }

  private progress(force: boolean): void {
    const onProgress = this.opts.onProgress;
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
    this.lastProgress = now;
    const p: IngestProgress = { bytesRead: this.bytesRead, bytesTotal: this.bytesTotal, filesDone: this.files };
    if (this.currentFile !== undefined) p.currentFile = this.currentFile;
    onProgress(p);
  }

  private emptyError(text: string): ForensicError {
    if (this.problems > 0 && this.firstProblem) {
      const p = this.firstProblem;
      return new ForensicError('input-unusable', `no file could be read from ${this.input} (${p.path}: ${p.problem})`);
    }
    return new ForensicError('input-unusable', text);
  }
}

/** stat the input, turning "missing" and "unreadable" into one-line exits. */
async function statInput(input: string): Promise<Stats> {
  let st: Stats;
  try {
    st = await stat(input);
  } catch (err) {
    throw new ForensicError('input-unusable', `cannot read ${input}: ${fsErrorText(err)}`);
  }
  if (!st.isDirectory() && !st.isFile()) throw new ForensicError('input-unusable', `${input} is neither a file nor a directory`);
  try {
    await access(input, st.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch (err) {
    throw new ForensicError('input-unusable', `cannot read ${input}: ${fsErrorText(err)}`);
  }
  return st;
}

const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'permission denied',
  EISDIR: 'is a directory', ENOTDIR: 'not a directory', EIO: 'input/output error', ELOOP: 'too many symlinks',
};

function fsErrorText(err: unknown): string {
  const code = (err as { code?: string }).code;
  return (code && FS_ERRORS[code]) ?? errorText(err);
}
