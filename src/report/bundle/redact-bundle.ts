// `forensic redact`: every file of a bundle through the redactor, written as a deterministic .tgz
// (walk order, fixed owner and mode, original mtimes, no gzip timestamp) that still analyzes.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { walkBundle } from '../../ingest/index.ts';
import type { Redactor } from '../redact/redactor.ts';
import { redactFile } from './redact-file.ts';

export interface RedactBundleResult {
  files: number;
  bytesIn: number;
  bytesOut: number;
  omitted: { path: string; reason: string }[];
  problems: { path: string; problem: string }[];
}

export interface RedactBundleOptions {
  onFile?: (path: string, done: number) => void;
}

/** The archive path of a bundle entry: nested archives become folders, `.gz` is dropped (content is written plain). */
export function outputPath(entryPath: string, taken: Set<string>): string {
  let p = entryPath.replace(/!\//g, '/').replace(/^\/+/, '').replace(/\.gz$/i, '');
  if (p === '' || p.split('/').some((s) => s === '..')) p = `file-${taken.size + 1}`;
  let out = p;
  for (let i = 2; taken.has(out); i++) out = `${p}.${i}`;
  taken.add(out);
  return out;
}

/** Redact every file of `input` into the .tgz at `output`. */
export async function redactBundle(input: string, output: string, r: Redactor, o: RedactBundleOptions = {}): Promise<RedactBundleResult> {
  const pack = tar.pack();
  const written = pipeline(pack, createGzip({ level: 6 }), createWriteStream(output, { mode: 0o600 }));
  const result: RedactBundleResult = { files: 0, bytesIn: 0, bytesOut: 0, omitted: [], problems: [] };
  const taken = new Set<string>();
  try {
    await walkBundle(input, async (entry) => {
      const outcome = await redactFile(entry.path, entry.stream, r);
      result.bytesIn += entry.size ?? 0;
      if (outcome.kind === 'omitted') {
        result.omitted.push({ path: entry.path, reason: outcome.reason });
        return;
      }
      const spool = outcome.spool;
      try {
        const header = {
          name: outputPath(entry.path, taken), size: spool.size, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '',
          mtime: new Date(entry.mtime ?? 0), type: 'file' as const,
        };
        const body = spool.contents();
        if (Buffer.isBuffer(body)) {
          await new Promise<void>((res, rej) => pack.entry(header, body, (err) => (err ? rej(err) : res())));
        } else {
          const sink = pack.entry(header);
          await pipeline(body, sink);
        }
        result.bytesOut += spool.size;
        result.files++;
        o.onFile?.(entry.path, result.files);
      } finally {
        spool.dispose();
      }
    }, { onProblem: (path, problem) => result.problems.push({ path, problem }) });
  } finally {
    pack.finalize();
    await written;
  }
  return result;
}
