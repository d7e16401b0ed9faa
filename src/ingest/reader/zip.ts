// zip layer: random access through yauzl (the file itself, a buffer, or a temp file for big nested zips).
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ForensicError } from '../errors.ts';
import { ByteSource, ReportedError, errorText, swallowOwn } from './bytes.ts';
import { LimitError } from './limits.ts';
import { childPath, safeEntryPath } from './paths.ts';
import type { Place, WalkerApi } from './place.ts';
import { salvageZip, type SalvagedEntry } from './zip-salvage.ts';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const ZIP_OPTIONS: yauzl.Options = { lazyEntries: true, decodeStrings: false, autoClose: false };
/** Largest zip read whole into memory to recover entries when its central directory is gone. */
const SALVAGE_MAX_BYTES = 1 << 30;

/** Read every entry of the zip archive at `at`; `src` holds its bytes (consumed here). */
export async function readZip(w: WalkerApi, src: ByteSource, at: Place): Promise<void> {
  const row = w.archiveRow(at, 'zip');
  const opened = await openZip(w, src, at);
  if (!opened) return;
  if ('salvaged' in opened) return readSalvaged(w, opened.salvaged, at);
  const { zip, cleanup, bytes } = opened;
  row.bytes = zip.fileSize;
  const owner = {};
  let entries = 0;
  let salvaged: SalvagedEntry[] = [];
  try {
    await swallowOwn(owner, async () => {
      const it = zip.eachEntry();
      for (;;) {
        let r: IteratorResult<yauzl.Entry>;
        try {
          r = await it.next();
        } catch (err) {
          // Only the archive's own errors: a visitor's errors pass through untouched. A central
          // directory that fails before its first entry may still leave the local headers readable.
          const recovered = entries === 0 ? await recoverFrom(w, bytes) : [];
          if (recovered.length > 0) {
            salvageProblem(w, at, `zip central directory damaged (${errorText(err)}): ${recovered.length} entries read from their local headers`, recovered);
            salvaged = recovered;
          } else w.stopped(at, `damaged zip archive: ${errorText(err)}`);
          return;
        }
        if (r.done) return;
        entries++;
        try {
          w.budget.addEntry();
        } catch (err) {
          if (!(err instanceof LimitError)) throw err;
          w.problem(at.path, err.message);
          return;
        }
        await readEntry(w, zip, r.value, at, owner);
      }
    });
  } finally {
    zip.close();
    await cleanup();
  }
  if (salvaged.length > 0) await readSalvaged(w, salvaged, at);
}

/**
 * A zip read from its local headers breaks off only where an entry was cut (an upload that stopped);
 * a damaged central directory after whole entries loses nothing but the directory.
 */
function salvageProblem(w: WalkerApi, at: Place, text: string, entries: readonly SalvagedEntry[]): void {
  if (entries.some((e) => e.damage)) w.stopped(at, text);
  else w.problem(at.path, text);
}

/** Entries from the local headers of the zip's bytes, when they can be had within the memory cap. */
async function recoverFrom(w: WalkerApi, bytes: () => Promise<Buffer | null>): Promise<SalvagedEntry[]> {
  try {
    const b = await bytes();
    return b ? salvageZip(b, w.budget.room()) : [];
  } catch {
    return [];
  }
}

async function readEntry(w: WalkerApi, zip: yauzl.ZipFile, entry: yauzl.Entry, at: Place, zipOwner: object): Promise<void> {
  const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
  if (name.endsWith('/')) return; // a directory
  const shown = childPath(at.prefix, name);
  // Unix mode bits live in the high half of the external attributes (when made on Unix).
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return w.problem(shown, 'symlink skipped (links are not followed)');
  if (mode !== 0 && mode !== S_IFREG) return w.problem(shown, 'special file entry skipped');
  const path = entryPath(w, at, name);
  if (path === null) return;
  if (entry.isEncrypted()) return w.problem(shown, 'encrypted zip entry skipped');
  if (!entry.canDecodeFileData()) return w.problem(shown, `zip compression method ${entry.compressionMethod} not supported: skipped`);
  let stream: Readable;
  try {
    stream = await zip.openReadStreamPromise(entry);
  } catch (err) {
    return w.problem(path, `damaged zip entry: ${errorText(err)}`);
  }
  const owner = {};
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const room = w.budget.room();
      if (chunk.length > room && room > 0) yield chunk.subarray(0, room); // keep what fits, then trip
      w.budget.addBytes(chunk.length);
      bytes += chunk.length;
      yield chunk;
    }
  }
  const source = new ByteSource(counted(), (err) => {
    if (err instanceof LimitError) {
      w.problem(at.path, err.message);
      throw new ReportedError(zipOwner, err.message); // stops the whole archive
    }
    const text = `damaged zip entry after ${bytes} bytes: ${errorText(err)}`;
    w.problem(path, text);
    throw new ReportedError(owner, text); // costs this entry only: zip entries are independent
  });
  const mtime = entry.getLastModDate().getTime();
  await swallowOwn(owner, () => w.handle(source, {
    path, prefix: path, mtime: Number.isFinite(mtime) ? mtime : null, size: entry.uncompressedSize, depth: at.depth, isTop: false,
  }));
}

/** The entry's path in the bundle, or null (and a problem) when its name would leave the bundle. */
function entryPath(w: WalkerApi, at: Place, name: string): string | null {
  const safe = safeEntryPath(name);
  if (safe === null) {
    w.problem(childPath(at.prefix, name), 'unsafe path (absolute or with ..) skipped');
    return null;
  }
  return childPath(at.prefix, safe);
}

/** Hand each entry recovered from local headers to the walker, with the same path checks as readEntry. */
async function readSalvaged(w: WalkerApi, entries: SalvagedEntry[], at: Place): Promise<void> {
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    if (e.skipped) { w.problem(childPath(at.prefix, e.name), e.skipped); continue; }
    const path = entryPath(w, at, e.name);
    if (path === null) continue;
    try {
      w.budget.addEntry();
      w.budget.addBytes(e.data.length);
    } catch (err) {
      if (!(err instanceof LimitError)) throw err;
      w.problem(at.path, err.message);
      return;
    }
    if (e.damage) w.problem(path, `damaged zip entry (${e.damage}): kept what was read`);
    // The bytes are already in memory, so this source cannot fail on its own.
    const source = new ByteSource((async function* () { yield e.data; })());
    await w.handle(source, { path, prefix: path, mtime: e.mtime, size: e.data.length, depth: at.depth, isTop: false });
  }
}

interface OpenedZip { zip: yauzl.ZipFile; cleanup: () => Promise<void>; bytes: () => Promise<Buffer | null> }
interface SalvagedZip { salvaged: SalvagedEntry[] }

/** Open the zip from disk when it is a file, else from memory or a temp file. Null when unreadable. */
async function openZip(w: WalkerApi, src: ByteSource, at: Place): Promise<OpenedZip | SalvagedZip | null> {
  let tmpDir: string | null = null;
  let held: Buffer | null = null; // the bytes when they were read into memory
  const bytesOf = async (): Promise<Buffer | null> => {
    if (held) return held;
    const file = at.diskPath ?? (tmpDir ? join(tmpDir, 'nested.zip') : null);
    return file && (await stat(file)).size <= SALVAGE_MAX_BYTES ? readFile(file) : null;
  };
  const cleanup = async () => {
    if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
  };
  try {
    let zip: yauzl.ZipFile;
    if (at.diskPath) {
      await src.skipRest(); // the bytes still go through hashing and progress
      zip = await yauzl.openPromise(at.diskPath, ZIP_OPTIONS);
    } else {
      const chunks: Buffer[] = [];
      let size = 0;
      let file: Awaited<ReturnType<typeof open>> | null = null;
      try {
        for await (const chunk of src) {
          if (file) {
            await file.write(chunk);
            continue;
          }
          chunks.push(chunk);
          size += chunk.length;
          if (size > w.zipInMemoryBytes) {
            // Too big to hold: spill to a private temp dir, deleted when this archive is done.
            tmpDir = await mkdtemp(join(tmpdir(), 'forensic-zip-'));
            file = await open(join(tmpDir, 'nested.zip'), 'wx', 0o600);
            for (const c of chunks) await file.write(c);
            chunks.length = 0;
          }
        }
      } finally {
        await file?.close();
      }
      zip = tmpDir
        ? await yauzl.openPromise(join(tmpDir, 'nested.zip'), ZIP_OPTIONS)
        : await yauzl.fromBufferPromise((held = Buffer.concat(chunks, size)), ZIP_OPTIONS);
    }
    return { zip, cleanup, bytes: bytesOf };
  } catch (err) {
    if (err instanceof ReportedError || err instanceof ForensicError) { await cleanup(); throw err; }
    // A cut upload loses the central directory at the end, but the entries before the cut are intact.
    const salvaged = await recoverFrom(w, bytesOf);
    await cleanup();
    if (salvaged.length > 0) {
      salvageProblem(w, at, `zip central directory missing or damaged (${errorText(err)}): ${salvaged.length} entries read from their local headers`, salvaged);
      return { salvaged };
    }
    if (at.isTop) throw new ForensicError('input-unusable', `unreadable zip archive ${at.path}: ${errorText(err)}`);
    w.stopped(at, `damaged zip archive: ${errorText(err)}`);
    return null;
  }
}
