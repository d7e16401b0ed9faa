import { createHash } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkBundle } from '../../../src/ingest/index.ts';
import { cleanup, fileOf, gzOf, logLine, problemList, read, rows, tarOf, tempDir, treeDir, zipOf } from './fixtures.ts';

afterAll(cleanup);

const LOG = `${logLine('starting authserver', '2026-10-03T09:15:02Z')}\n${logLine('http request', '2026-10-03T09:16:11Z')}\n`;
const AUDIT = '[{"id":"a1","action":"token.issued","created_at":"2026-10-03T09:20:00Z"}]';
const FILES = { 'logs/authserver.log': LOG, 'audit/dump1.json': AUDIT };

describe('containers', () => {
  it('reads a plain directory in sorted order', async () => {
    const { result, records } = await read(treeDir(FILES));
    expect(rows(result)).toEqual([
      'audit/dump1.json audit fake-audit-array 1 0',
      'logs/authserver.log log fake-json-log 2 0',
    ]);
    expect(records).toHaveLength(3);
  });

  it('reads a .tgz and lists the archive itself first', async () => {
    const { result } = await read(tarOf(FILES, 'bundle.tgz'));
    expect(rows(result)).toEqual([
      'bundle.tgz archive tgz 0 0',
      'audit/dump1.json audit fake-audit-array 1 0',
      'logs/authserver.log log fake-json-log 2 0',
    ]);
    expect(result.problems).toEqual([]);
  });

  it('reads a plain .tar', async () => {
    const { result } = await read(tarOf(FILES, 'bundle.tar', false));
    expect(rows(result)[0]).toBe('bundle.tar archive tar 0 0');
    expect(rows(result)).toContain('logs/authserver.log log fake-json-log 2 0');
  });

  it('reads a .zip', async () => {
    const { result } = await read(zipOf(FILES, 'support.zip'));
    expect(rows(result)).toEqual([
      'support.zip archive zip 0 0',
      'audit/dump1.json audit fake-audit-array 1 0',
      'logs/authserver.log log fake-json-log 2 0',
    ]);
  });

  it('reads a single gzip-compressed log (a rotated authserver.log.2.gz)', async () => {
    const { result, records } = await read(gzOf(LOG, 'authserver.log.2.gz'));
    expect(rows(result)).toEqual(['authserver.log.2.gz log fake-json-log 2 0']);
    expect(records.map((r) => (r.kind === 'log' ? r.msg : ''))).toEqual(['starting authserver', 'http request']);
  });

  it('reads a single plain file as a one-file bundle', async () => {
    const { result } = await read(fileOf(LOG, 'authserver.log'));
    expect(rows(result)).toEqual(['authserver.log log fake-json-log 2 0']);
  });

  it('finds archives by content, not by name', async () => {
    const tgz = tarOf(FILES, 'bundle.tgz');
    const renamed = join(tempDir(), 'attachment.bin');
    renameSync(tgz, renamed);
    const { result } = await read(renamed);
    expect(rows(result)[0]).toBe('attachment.bin archive tgz 0 0');
    expect(result.files).toHaveLength(3);
  });

  it('reads a tgz inside a zip, naming files with !/', async () => {
    const inner = readFileSync(tarOf({ 'pod-a.log': LOG }, 'pods.tgz'));
    const { result } = await read(zipOf({ 'pods.tgz': inner, 'notes/dump1.json': AUDIT }, 'support.zip'));
    expect(rows(result)).toEqual([
      'support.zip archive zip 0 0',
      'notes/dump1.json audit fake-audit-array 1 0',
      'pods.tgz archive tgz 0 0',
      'pods.tgz!/pod-a.log log fake-json-log 2 0',
    ]);
  });

  it('reads a zip inside a tgz', async () => {
    const inner = readFileSync(zipOf({ 'logs/a.log': LOG }, 'extra.zip'));
    const { result } = await read(tarOf({ 'extra.zip': inner }, 'bundle.tgz'));
    expect(rows(result)).toEqual([
      'bundle.tgz archive tgz 0 0',
      'extra.zip archive zip 0 0',
      'extra.zip!/logs/a.log log fake-json-log 2 0',
    ]);
  });

  it('reads a rotated .log.gz inside a tgz', async () => {
    const gz = readFileSync(gzOf(LOG, 'x.gz'));
    const { result } = await read(tarOf({ 'logs/authserver.log.2.gz': gz, 'logs/authserver.log': LOG }));
    expect(rows(result)).toEqual([
      'bundle.tgz archive tgz 0 0',
      'logs/authserver.log log fake-json-log 2 0',
      'logs/authserver.log.2.gz log fake-json-log 2 0',
    ]);
  });

  it('joins three levels: a directory holding a zip holding a tgz', async () => {
    const tgz = readFileSync(tarOf({ 'pod-a.log': LOG }, 'pods.tgz'));
    const zip = readFileSync(zipOf({ 'pods.tgz': tgz }, 'support.zip'));
    const { result } = await read(treeDir({ 'support.zip': zip }));
    expect(result.files.map((f) => f.path)).toEqual(['support.zip', 'support.zip!/pods.tgz', 'support.zip!/pods.tgz!/pod-a.log']);
  });

  it('fills each inventory row: bytes, time range and mtime', async () => {
    const { result } = await read(tarOf(FILES));
    const log = result.files.find((f) => f.path === 'logs/authserver.log')!;
    expect(log.bytes).toBe(Buffer.byteLength(LOG));
    expect(log.timeRange).toEqual({ from: '2026-10-03T09:15:02.000Z', to: '2026-10-03T09:16:11.000Z' });
    expect(log.wrapper).toBeNull();
    expect(typeof log.mtime).toBe('number');
    const audit = result.files.find((f) => f.path === 'audit/dump1.json')!;
    expect(audit.timeRange).toEqual({ from: '2026-10-03T09:20:00.000Z', to: '2026-10-03T09:20:00.000Z' });
  });

  it('gives records their file, line and byte offset', async () => {
    const { records } = await read(tarOf(FILES));
    const logs = records.filter((r) => r.kind === 'log');
    expect(logs.map((r) => [r.file, r.line, r.offset])).toEqual([
      ['logs/authserver.log', 1, 0],
      ['logs/authserver.log', 2, Buffer.byteLength(logLine('starting authserver', '2026-10-03T09:15:02Z')) + 1],
    ]);
  });

  it('reports the sha256 of the input file and the bytes read', async () => {
    const tgz = tarOf(FILES);
    const bytes = readFileSync(tgz);
    const { result } = await read(tgz);
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.bytesRead).toBe(bytes.length);
    expect(result.source).toBe(tgz);
  });

  it('hashes a directory from its relative paths and contents', async () => {
    const a = await read(treeDir(FILES));
    const b = await read(treeDir(FILES));
    const c = await read(treeDir({ ...FILES, 'audit/dump1.json': `${AUDIT} ` }));
    const expected = createHash('sha256')
      .update('audit/dump1.json\0').update(AUDIT)
      .update('logs/authserver.log\0').update(LOG)
      .digest('hex');
    expect(a.result.sha256).toBe(expected);
    expect(b.result.sha256).toBe(expected);
    expect(c.result.sha256).not.toBe(expected);
  });

  it('reports progress with bytes read and files done', async () => {
    const tgz = tarOf(FILES);
    const seen: { bytesRead: number; filesDone: number; bytesTotal: number | null }[] = [];
    await read(tgz, { onProgress: (p) => seen.push(p) });
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ bytesRead: readFileSync(tgz).length, bytesTotal: readFileSync(tgz).length, filesDone: 2 });
  });
});

describe('walkBundle', () => {
  it('visits every plain file through nested archives with its decompressed bytes', async () => {
    const gz = readFileSync(gzOf(LOG, 'x.gz'));
    const inner = readFileSync(zipOf({ 'a.txt': 'hello' }, 'inner.zip'));
    const got: [string, string][] = [];
    await walkBundle(tarOf({ 'logs/old.log.gz': gz, 'inner.zip': inner }), async (e) => {
      const chunks: Buffer[] = [];
      for await (const c of e.stream) chunks.push(c as Buffer);
      got.push([e.path, Buffer.concat(chunks).toString('utf8')]);
    });
    expect(got).toEqual([['inner.zip!/a.txt', 'hello'], ['logs/old.log.gz', LOG]]);
  });

  it('moves on when the visitor ignores a file', async () => {
    const paths: string[] = [];
    await walkBundle(tarOf({ 'a.log': LOG, 'b.log': LOG, 'c.log': LOG }), async (e) => { paths.push(e.path); });
    expect(paths).toEqual(['a.log', 'b.log', 'c.log']);
  });

  it('passes problems to onProblem', async () => {
    const problems: string[] = [];
    const dir = treeDir({ 'a.log': LOG });
    const { symlinkSync } = await import('node:fs');
    symlinkSync('/etc/passwd', join(dir, 'passwd'));
    await walkBundle(dir, async () => {}, { onProblem: (path, problem) => problems.push(`${path} ${problem}`) });
    expect(problems).toEqual(['passwd symlink skipped (links are not followed)']);
  });

  it('spills a big nested zip to a temp file and still reads it', async () => {
    const inner = readFileSync(zipOf({ 'a.txt': 'hello', 'b.txt': 'world' }, 'inner.zip'));
    const got: string[] = [];
    await walkBundle(tarOf({ 'inner.zip': inner }), async (e) => {
      let text = '';
      for await (const c of e.stream) text += (c as Buffer).toString();
      got.push(`${e.path}=${text}`);
    }, { zipInMemoryBytes: 16 });
    expect(got).toEqual(['inner.zip!/a.txt=hello', 'inner.zip!/b.txt=world']);
  });
});

describe('problems are listed with their place', () => {
  it('lists no problems for a clean bundle', async () => {
    const { result } = await read(zipOf(FILES));
    expect(problemList(result)).toEqual([]);
  });
});

describe('walkBundle errors', () => {
  it('passes an error of the visitor itself on to the caller', async () => {
    const run = walkBundle(tarOf({ 'a.log': LOG }), async () => { throw new Error('ENOSPC: no space left on device'); });
    await expect(run).rejects.toThrow('ENOSPC');
  });

  it('reports a stream that breaks under the visitor as a problem and goes on', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(`${'x'.repeat(100_000)}\n`);
    const problems: string[] = [];
    const paths: string[] = [];
    await walkBundle(tarOf({ 'a.gz': gz.subarray(0, gz.length - 10), 'b.log': LOG }), async (e) => {
      paths.push(e.path);
      for await (const _ of e.stream) { /* read */ }
    }, { onProblem: (p, text) => problems.push(`${p} ${text}`) });
    expect(paths).toEqual(['a.gz', 'b.log']);
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^a\\.gz truncated gzip at byte ${gz.length - 10}, after \\d+ unpacked bytes$`))]);
  });
});

describe('walkBundle with a forgiving visitor', () => {
  it('reports a truncated tar once, and the file it breaks off in, even when the visitor swallows the stream error', async () => {
    const { readFileSync: read0 } = await import('node:fs');
    const tar = read0(tarOf({ 'a.log': LOG, 'b.log': 'y'.repeat(5000) }, 'bundle.tar', false));
    const cut = fileOf(tar.subarray(0, 512 * 3 + 1024 + 512 + 2000), 'cut.tar');
    const problems: string[] = [];
    await walkBundle(cut, async (e) => {
      try {
        for await (const _ of e.stream) { /* read */ }
      } catch {
        // a visitor that carries on after a read error
      }
    }, { onProblem: (p, text) => problems.push(`${p} ${text}`) });
    // tar-stream hands over none of b.log's 2000 bytes before the cut: 0 of 5000 were read.
    expect(problems).toEqual(['cut.tar truncated tar after 3 entries', 'b.log cut off: the archive breaks off inside this file (0 of 5000 bytes read)']);
  });
});
