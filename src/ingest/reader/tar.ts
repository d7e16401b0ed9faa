// tar layer: streams entries through tar-stream, skipping links, devices and unsafe names.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { ByteSource, ReportedError, errorText, swallowOwn } from './bytes.ts';
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
    w.problem(at.path, text);
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
          const source = new ByteSource(r.value as AsyncIterable<Buffer>, fail, true);
          await readEntry(w, source, r.value.header, at);
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

async function readEntry(w: WalkerApi, source: ByteSource, h: tarStream.Header, at: Place): Promise<void> {
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
  await w.handle(source, {
    path, prefix: path, mtime: h.mtime ? h.mtime.getTime() : null, size: Number.isFinite(h.size) ? h.size : null,
    depth: at.depth, isTop: false,
  });
}
