// Fixture builders for reader tests: temp dirs, real tar/zip/gzip archives, and a one-call ingest.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { ingest, type BundleRecord, type FileFormat, type IngestOptions, type IngestResult } from '../../../src/ingest/index.ts';
import { auditArrayFormat, jsonLogFormat, type SeenLine } from './fake-formats.ts';

const made: string[] = [];

/** A fresh temp directory, removed by cleanup(). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'forensic-reader-test-'));
  made.push(dir);
  return dir;
}

/** Remove every temp directory made so far (call from afterAll). */
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Write `files` (relative path → content) under `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): string {
  for (const [rel, content] of Object.entries(files)) {
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

/** A directory holding `files`. */
export function treeDir(files: Record<string, string | Buffer>): string {
  return writeTree(join(tempDir(), 'bundle'), files);
}

/** `tar czf` (or `tar cf` when gzip is false) of `files`, written to `name` in a temp dir. */
export function tarOf(files: Record<string, string | Buffer>, name = 'bundle.tgz', gzip = true): string {
  const src = treeDir(files);
  const out = join(tempDir(), name);
  execFileSync('tar', ['--sort=name', gzip ? '-czf' : '-cf', out, '-C', src, '.']);
  return out;
}

/** `zip` of `files` (sorted, no directory entries), written to `name` in a temp dir. */
export function zipOf(files: Record<string, string | Buffer>, name = 'bundle.zip'): string {
  const src = treeDir(files);
  const out = join(tempDir(), name);
  execFileSync('zip', ['-q', '-y', out, ...Object.keys(files).sort()], { cwd: src });
  return out;
}

/** gzip of `content` written to `name` in a temp dir. */
export function gzOf(content: string | Buffer, name: string): string {
  const out = join(tempDir(), name);
  writeFileSync(out, gzipSync(content));
  return out;
}

/** Raw bytes written to `name` in a temp dir. */
export function fileOf(content: string | Buffer, name: string): string {
  const out = join(tempDir(), name);
  writeFileSync(out, content);
  return out;
}

export interface TarEntrySpec {
  name: string;
  content?: string;
  type?: 'file' | 'symlink' | 'link' | 'directory' | 'fifo';
  linkname?: string;
}

/** A tar built entry by entry with tar-stream, for names and types `tar` itself refuses to write. */
export async function packTar(entries: TarEntrySpec[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (type === 'file') pack.entry({ name: e.name, type }, e.content ?? '', cb);
      else pack.entry({ name: e.name, type, linkname: e.linkname }, cb);
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A slog-like JSON line with a message and a time. */
export function logLine(msg: string, time = '2026-10-03T09:15:02Z'): string {
  return JSON.stringify({ time, level: 'INFO', msg });
}

export interface Read {
  result: IngestResult;
  records: BundleRecord[];
  seen: SeenLine[];
}

/** ingest() with the fake formats (JSON log lines, audit arrays), collecting every record. */
export async function read(input: string, opts: IngestOptions = {}, formats?: (seen: SeenLine[]) => FileFormat[]): Promise<Read> {
  const seen: SeenLine[] = [];
  const records: BundleRecord[] = [];
  const result = await ingest(input, (r) => records.push(r), {
    formats: formats ? formats(seen) : [auditArrayFormat(), jsonLogFormat(seen)],
    ...opts,
  });
  return { result, records, seen };
}

/** The inventory as `path kind format records skipped` strings, easy to compare by hand. */
export function rows(result: IngestResult): string[] {
  return result.files.map((f) => `${f.path} ${f.kind} ${f.format} ${f.records} ${f.skipped}`);
}

/** Problems as `path[:line] problem` strings. */
export function problemList(result: IngestResult): string[] {
  return result.problems.map((p) => `${p.path}${p.line !== undefined ? `:${p.line}` : ''} ${p.problem}`);
}

/** Lines that compress poorly, so a cut in the compressed file lands inside them. */
export function noisyLog(lines: number): string {
  let out = '';
  let x = 12345;
  for (let i = 0; i < lines; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += `${JSON.stringify({ time: '2026-10-03T09:15:02Z', msg: 'http request', request_id: `${x.toString(16)}${(x * 7).toString(36)}`, n: i })}\n`;
  }
  return out;
}
