// tar layer: streams entries through tar-stream, skipping links, devices and unsafe names.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { ByteSource, ReportedError, errorText, swallowOwn, type FailHandler } from './bytes.ts';
import { UpstreamTap } from './gzip.ts';
import { LimitError } from './limits.ts';
import { childPath, safeEntryPath } from './paths.ts';
import type { Place, WalkerApi } from './place.ts';

/** An entry as tar-stream yields it (its type is not exported). */
type TarEntry = ReturnType<typeof tarStream.extract> extends AsyncIterable<infer E> ? E : never;

const SKIPPED_TYPES: Record<string, string> = {
  symlink: 'symlink skipped (links are not followed)',
  link: 'hard link skipped (links are not followed)',
  'character-device': 'device entry skipped',
  'block-device': 'device entry skipped',
  fifo: 'fifo entry skipped',
};

/** Read every entry of the tar stream `src` (the archive at `at`, whose row is already listed). */
export async function readTar(w: WalkerApi, src: ByteSource, at: Place, format: string): Promise<void> {
  const owner = {};
  const row = w.archiveRow(at, format);
  const tap = new UpstreamTap(src);
  // v7 tars (no ustar magic) pass our checksum test; tar-stream reads them with this (untyped) option.
  const extract = tarStream.extract({ allowUnknownFormat: true } as Parameters<typeof tarStream.extract>[0]);
  pipeline(Readable.from(tap.iterate(), { objectMode: false }), extract).catch(() => undefined);
  let entries = 0;
  let failure: ReportedError | null = null;
  const fail: (err: unknown) => never = (err) => {
    if (tap.failure) throw tap.failure;
    if (err instanceof ReportedError) throw err;
    // A visitor may have caught the entry's error and returned; the extractor then fails again.
    if (failure) throw failure;
    const text = /unexpected end/i.test(errorText(err))
      ? `truncated tar after ${entries} entries`
      : `damaged tar after ${entries} entries: ${errorText(err)}`;
    w.stopped(at, text);
    failure = new ReportedError(owner, text);
    throw failure;
  };
  try {
    await swallowOwn(owner, async () => {
      const it = extract[Symbol.asyncIterator]();
      let isDone = false;
      try {
        while (!isDone) {
          let r: IteratorResult<TarEntry>;
          try {
            r = await it.next();
          } catch (err) {
            fail(err); // only the archive's own errors: a visitor's errors pass through untouched
          }
          if (r.done) {
            isDone = true;
            break;
          }
          entries++;
          try {
            w.budget.addEntry();
          } catch (err) {
            if (!(err instanceof LimitError)) throw err;
            w.problem(at.path, err.message);
            break;
          }
          const header = r.value.header;
          const read: EntryRead = { path: null, bytes: 0 };
          const source = new ByteSource(counted(w, r.value as AsyncIterable<Buffer>, header, read, fail), fail, true);
          await readEntry(w, source, header, at, read);
          await source.skipRest();
        }
      } finally {
        // Stopped early (limit, error): tear the extractor down, which stops reading this archive.
        if (!isDone) await it.return?.().catch(() => undefined);
      }
    });
  } finally {
    row.bytes = tap.bytes;
  }
}

/** A file entry being read: its path once it is known to be a file, and the bytes it gave so far. */
interface EntryRead {
  path: string | null;
  bytes: number;
}

/**
 * The entry's bytes, counted. When the archive breaks inside the entry (here or upstream, in the
 * gzip around it) the entry is named too: the archive's own problem does not say which file lost its end.
 */
async function* counted(w: WalkerApi, entry: AsyncIterable<Buffer>, h: tarStream.Header, read: EntryRead, fail: FailHandler): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of entry) {
      read.bytes += chunk.length;
      yield chunk;
    }
  } catch (err) {
    try {
      if (!(err instanceof ReportedError)) fail(err); // the archive's own problem first, then the file's
      throw err;
    } finally {
      if (read.path !== null) w.problem(read.path, `cut off: the archive breaks off inside this file (${read.bytes} of ${h.size ?? '?'} bytes read)`);
    }
  }
}

async function readEntry(w: WalkerApi, source: ByteSource, h: tarStream.Header, at: Place, read: EntryRead): Promise<void> {
  const type: string = h.type ?? 'file';
  if (type === 'directory') return;
  const shown = childPath(at.prefix, h.name);
  const skipped = SKIPPED_TYPES[type];
  if (skipped) {
    w.problem(shown, h.linkname ? `${skipped}: -> ${h.linkname}` : skipped);
    return;
  }
  if (type !== 'file' && type !== 'contiguous-file') {
    w.problem(shown, `tar entry of type ${type} skipped`);
    return;
  }
  const safe = safeEntryPath(h.name);
  if (safe === null) {
    w.problem(shown, 'unsafe path (absolute or with ..) skipped');
    return;
  }
  const path = childPath(at.prefix, safe);
  read.path = path;
  await w.handle(source, {
    path, prefix: path, mtime: h.mtime ? h.mtime.getTime() : null, size: Number.isFinite(h.size) ? h.size : null,
    depth: at.depth, isTop: false,
  });
}
