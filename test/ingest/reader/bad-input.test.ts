import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ForensicError } from '../../../src/ingest/index.ts';
import { auditArrayFormat, jsonLogFormat } from './fake-formats.ts';
import {
  cleanup, fileOf, gzOf, logLine, noisyLog, packTar, problemList, read, rows, tarOf, tempDir, treeDir, zipOf,
} from './fixtures.ts';

afterAll(cleanup);

const LOG = `${logLine('one')}\n${logLine('two')}\n`;

async function unusable(input: string, opts = {}): Promise<ForensicError> {
  const err = await read(input, opts).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ForensicError);
  expect((err as ForensicError).code).toBe('input-unusable');
  expect((err as ForensicError).message).not.toContain('\n');
  return err as ForensicError;
}

describe('damaged streams cost only the damaged part', () => {
  it('keeps the entries before the cut of a truncated tgz and reports it on the archive', async () => {
    const tgz = tarOf({ 'a.log': LOG, 'b.log': noisyLog(20000), 'c.log': LOG });
    const bytes = readFileSync(tgz);
    const cut = fileOf(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.tgz');
    const { result } = await read(cut);
    expect(rows(result).slice(0, 2)).toEqual(['cut.tgz archive tgz 0 0', 'a.log log fake-json-log 2 0']);
    const b = result.files.find((f) => f.path === 'b.log')!;
    expect(b.records).toBeGreaterThan(1000);
    expect(b.records).toBeLessThan(20000);
    expect(result.files.some((f) => f.path === 'c.log')).toBe(false);
    expect(problemList(result).filter((p) => p.startsWith('cut.tgz '))).toEqual([
      expect.stringMatching(new RegExp(`^cut\\.tgz truncated gzip at byte ${Math.floor(bytes.length / 2)}, after \\d+ unpacked bytes$`)),
    ]);
  });

  it('keeps what was read of a truncated single .log.gz', async () => {
    const gz = gzipSync(noisyLog(20000));
    const { result, records } = await read(fileOf(gz.subarray(0, gz.length - 5000), 'authserver.log.1.gz'));
    expect(records.length).toBeGreaterThan(1000);
    expect(problemList(result)).toContainEqual(expect.stringMatching(new RegExp(`^authserver\\.log\\.1\\.gz truncated gzip at byte ${gz.length - 5000}, after \\d+ unpacked bytes$`)));
  });

  it('reports a truncated .log.gz inside a healthy tgz on that file and reads the next entry', async () => {
    const gz = gzipSync(noisyLog(3000));
    const { result } = await read(tarOf({ 'a.log.gz': gz.subarray(0, gz.length - 3000), 'b.log': LOG }));
    expect(rows(result)).toContain('b.log log fake-json-log 2 0');
    expect(problemList(result).filter((p) => !p.startsWith('a.log.gz:'))).toEqual([
      expect.stringMatching(new RegExp(`^a\\.log\\.gz truncated gzip at byte ${gz.length - 3000}, after \\d+ unpacked bytes$`)),
    ]);
  });

  it('hashes the whole input even when a bomb guard stopped reading it', async () => {
    const tar = await packTar([{ name: 'a.log', content: LOG }, { name: 'b.log', content: noisyLog(2000) }]);
    const bytes = gzipSync(tar);
    const { result } = await read(fileOf(bytes, 'bomb.tgz'), { maxTotalBytes: 10_000 });
    expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(result.bytesRead).toBe(bytes.length);
  });

  it('reports a truncated plain tar after the entries it could read', async () => {
    const tar = readFileSync(tarOf({ 'a.log': LOG, 'b.log': noisyLog(200) }, 'bundle.tar', false));
    // Entries: ./, ./a.log, ./b.log; cut inside b.log's data.
    const cut = fileOf(tar.subarray(0, 512 * 3 + 1024 + 512 + 2000), 'cut.tar');
    const { result } = await read(cut);
    expect(rows(result)).toContain('a.log log fake-json-log 2 0');
    expect(problemList(result)).toContain('cut.tar truncated tar after 3 entries');
  });

  it('passes a half-written last line to the parser, which reports it with its line', async () => {
    const { result, records } = await read(tarOf({ 'a.log': `${LOG}{"msg":"half wri` }));
    expect(records).toHaveLength(2);
    expect(rows(result)).toContain('a.log log fake-json-log 2 1');
    expect(problemList(result)).toEqual(['a.log:3 invalid or truncated JSON']);
  });

  it('reads CRLF line ends and a UTF-8 BOM as if they were not there', async () => {
    const crlf = `\uFEFF${logLine('one')}\r\n${logLine('two')}\r\n`;
    const { result, seen } = await read(tarOf({ 'win.log': crlf }));
    expect(rows(result)).toContain('win.log log fake-json-log 2 0');
    expect(seen.map((s) => s.text)).toEqual([logLine('one'), logLine('two')]);
  });

  it('passes a line with invalid UTF-8 on and reports it with its line', async () => {
    const bad = Buffer.concat([Buffer.from(`${logLine('one')}\n{"msg":"caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    const { result, records } = await read(tarOf({ 'latin1.log': bad }));
    expect(records.map((r) => (r.kind === 'log' ? r.msg : ''))).toEqual(['one', 'caf\uFFFD']);
    expect(problemList(result)).toEqual(['latin1.log:2 invalid UTF-8 (replaced)']);
  });

  it('skips a 50 MB line and still reads the lines around it', async () => {
    const huge = `{"msg":"${'x'.repeat(50 * 1024 * 1024)}"}`;
    const { result, records } = await read(tarOf({ 'big.log': `${logLine('before')}\n${huge}\n${logLine('after')}\n` }));
    expect(records.map((r) => (r.kind === 'log' ? [r.line, r.msg] : null))).toEqual([[1, 'before'], [3, 'after']]);
    expect(problemList(result)).toEqual(['big.log:2 line 2 longer than 1 MiB skipped']);
    expect(rows(result)).toContain('big.log log fake-json-log 2 1');
  });

  it('lists a damaged nested zip as a problem and reads the rest', async () => {
    const broken = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]);
    const { result } = await read(tarOf({ 'a.log': LOG, 'extra.zip': broken }));
    expect(rows(result)).toContain('a.log log fake-json-log 2 0');
    expect(problemList(result)).toContainEqual(expect.stringMatching(/^extra\.zip damaged zip archive: /));
  });

  it('lists at most 1000 problems per file, counts all of them, and says how many more there were', async () => {
    const garbage = `${logLine('ok')}\n${'{"msg": nope\n'.repeat(1500)}`;
    const { result } = await read(tarOf({ 'junk.log': garbage }));
    expect(rows(result)).toContain('junk.log log fake-json-log 1 1500');
    expect(result.problems).toHaveLength(1001);
    expect(result.problems[0]).toEqual({ path: 'junk.log', line: 2, problem: 'invalid or truncated JSON' });
    expect(result.problems.at(-1)).toEqual({ path: 'junk.log', problem: '500 more problems in this file not listed' });
  });

  it('notes invalid UTF-8 in a whole document and still parses it', async () => {
    const doc = Buffer.concat([Buffer.from('[{"action":"caf'), Buffer.from([0xe9]), Buffer.from('"}]')]);
    const { result, records } = await read(tarOf({ 'dump.json': doc }));
    expect(records.map((r) => (r.kind === 'audit' ? r.action : ''))).toEqual(['caf\uFFFD']);
    expect(problemList(result)).toEqual(['dump.json invalid UTF-8 (replaced)']);
  });

  it('costs only the line when a parser throws on it', async () => {
    const throwing = jsonLogFormat();
    const open = throwing.openLines!;
    throwing.openLines = (ctx, head) => {
      const inner = open(ctx, head);
      return { line: (t, n, o) => { if (t.includes('boom')) throw new Error('parser bug'); inner.line(t, n, o); }, end: () => inner.end() };
    };
    const { result, records } = await read(tarOf({ 'a.log': `${logLine('one')}\n${logLine('boom')}\n${logLine('three')}\n` }), {}, () => [throwing]);
    expect(records).toHaveLength(2);
    expect(problemList(result)).toEqual(['a.log:2 format fake-json-log failed on this line: parser bug']);
  });
});

describe('archive safety', () => {
  it('skips a ../ entry as an unsafe path and writes nothing outside', async () => {
    const dir = tempDir();
    const tar = await packTar([{ name: '../evil.log', content: LOG }, { name: 'good.log', content: LOG }]);
    const { result } = await read(fileOf(gzipSync(tar), 'bundle.tgz'));
    expect(rows(result)).toEqual(['bundle.tgz archive tgz 0 0', 'good.log log fake-json-log 2 0']);
    expect(problemList(result)).toEqual(['../evil.log unsafe path (absolute or with ..) skipped']);
    expect(existsSync(join(dir, '..', 'evil.log'))).toBe(false);
  });

  it('skips an absolute path entry', async () => {
    const tar = await packTar([{ name: '/etc/cron.d/evil', content: LOG }, { name: 'good.log', content: LOG }]);
    const { result } = await read(fileOf(tar, 'bundle.tar'));
    expect(problemList(result)).toEqual(['/etc/cron.d/evil unsafe path (absolute or with ..) skipped']);
    expect(rows(result)).toContain('good.log log fake-json-log 2 0');
  });

  it('skips symlink and hard link entries without following them', async () => {
    const tar = await packTar([
      { name: 'passwd.log', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'copy.log', type: 'link', linkname: 'good.log' },
      { name: 'good.log', content: LOG },
    ]);
    const { result } = await read(fileOf(tar, 'bundle.tar'));
    expect(problemList(result)).toEqual([
      'passwd.log symlink skipped (links are not followed): -> /etc/passwd',
      'copy.log hard link skipped (links are not followed): -> good.log',
    ]);
    expect(rows(result)).toEqual(['bundle.tar archive tar 0 0', 'good.log log fake-json-log 2 0']);
  });

  it('skips a symlink stored in a zip', async () => {
    const src = treeDir({ 'good.log': LOG });
    symlinkSync('/etc/passwd', join(src, 'passwd.log'));
    const out = join(tempDir(), 'links.zip');
    execFileSync('zip', ['-q', '-y', out, 'good.log', 'passwd.log'], { cwd: src });
    const { result } = await read(out);
    expect(problemList(result)).toEqual(['passwd.log symlink skipped (links are not followed)']);
    expect(rows(result)).toContain('good.log log fake-json-log 2 0');
  });

  it('skips symlinks and special files in a directory', async () => {
    const dir = treeDir({ 'good.log': LOG });
    symlinkSync('/etc', join(dir, 'etc'));
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const { result } = await read(dir);
    expect(problemList(result)).toEqual(['etc symlink skipped (links are not followed)', 'pipe not a regular file: skipped']);
    expect(rows(result)).toEqual(['good.log log fake-json-log 2 0']);
  });

  it('stops an archive at the unpacked size limit and keeps what came before', async () => {
    const tar = await packTar([{ name: 'a.log', content: LOG }, { name: 'b.log', content: noisyLog(2000) }, { name: 'c.log', content: LOG }]);
    const { result } = await read(fileOf(gzipSync(tar), 'bomb.tgz'), { maxTotalBytes: 50_000 });
    expect(rows(result).slice(0, 2)).toEqual(['bomb.tgz archive tgz 0 0', 'a.log log fake-json-log 2 0']);
    expect(result.files.some((f) => f.path === 'c.log')).toBe(false);
    expect(problemList(result)).toContain('bomb.tgz unpacked size limit (50000 bytes) exceeded: rest of the archive skipped');
  });

  it('stops a single gzip bomb at the unpacked size limit', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x61));
    const { result } = await read(fileOf(Buffer.concat([gzipSync(LOG), bomb]), 'x.log.gz'), { maxTotalBytes: 1024 * 1024 });
    expect(problemList(result)).toContain('x.log.gz unpacked size limit (1 MiB) exceeded: rest of the archive skipped');
  });

  it('stops an archive at the entry limit', async () => {
    const tar = await packTar(['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `${n}.log`, content: LOG })));
    const { result } = await read(fileOf(tar, 'many.tar'), { maxEntries: 3 });
    expect(result.files.map((f) => f.path)).toEqual(['many.tar', 'a.log', 'b.log', 'c.log']);
    expect(problemList(result)).toEqual(['many.tar entry limit (3 entries) exceeded: rest of the archive skipped']);
  });

  it('skips archives nested deeper than the nesting limit', async () => {
    const inner = readFileSync(zipOf({ 'deep.log': LOG }, 'deep.zip'));
    const mid = readFileSync(tarOf({ 'deep.zip': inner, 'mid.log': LOG }, 'mid.tgz'));
    const { result } = await read(zipOf({ 'mid.tgz': mid }, 'top.zip'), { maxNesting: 2 });
    expect(rows(result)).toContain('mid.tgz!/mid.log log fake-json-log 2 0');
    expect(problemList(result)).toEqual(['mid.tgz!/deep.zip archive nested deeper than 2 levels skipped']);
  });

  it('does not unwrap gzip inside gzip forever', async () => {
    let data: Buffer = Buffer.from(LOG);
    for (let i = 0; i < 6; i++) data = gzipSync(data);
    const { result } = await read(tarOf({ 'a.log': LOG, 'onion.gz': data }));
    expect(problemList(result)).toEqual([expect.stringMatching(/^onion\.gz archive nested deeper than 4 levels skipped$/)]);
  });
});

describe('whole documents', () => {
  const rowsOf = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: `a${i}`, action: 'token.issued' })));

  it('streams a document over the size limit to a streaming parser', async () => {
    const { result, records } = await read(tarOf({ 'dump1.json': rowsOf(50) }), { maxDocumentBytes: 256 }, () => [auditArrayFormat({ stream: true })]);
    expect(records).toHaveLength(50);
    expect(records.every((r) => r.kind === 'audit' && r.action === 'streamed')).toBe(true);
    expect(result.problems).toEqual([]);
  });

  it('skips a document over the size limit when the format cannot stream', async () => {
    const { result } = await read(tarOf({ 'dump1.json': rowsOf(50), 'small.json': rowsOf(1) }), { maxDocumentBytes: 256 });
    expect(problemList(result)).toEqual(['dump1.json document larger than 256 bytes skipped']);
    expect(rows(result)).toContain('small.json audit fake-audit-array 1 0');
  });

  it('reports a document the format cannot parse and reads the next file', async () => {
    const { result } = await read(tarOf({ 'a.json': '[{"action": "x"', 'b.log': LOG }));
    expect(problemList(result)).toEqual([expect.stringMatching(/^a\.json format fake-audit-array failed: /)]);
    expect(rows(result)).toContain('b.log log fake-json-log 2 0');
  });
});

describe('input that is not a bundle', () => {
  it('refuses random bytes', async () => {
    const input = fileOf(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)), 'random.bin');
    expect((await unusable(input)).message).toBe(`not an AuthPlane support bundle: ${input} is a binary file, not an archive (tgz, tar, zip, gz) or a text file`);
  });

  it('refuses a PNG', async () => {
    const png = fileOf(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]), 'shot.png');
    expect((await unusable(png)).message).toMatch(/^not an AuthPlane support bundle: .*shot\.png is a binary file/);
  });

  it('says a gzip file unpacks to an unrecognised text file, instead of calling it "not an archive"', async () => {
    const input = fileOf(gzipSync('Dear support, it does not work.\n'), 'letter.gz');
    expect((await unusable(input)).message).toBe(`not an AuthPlane support bundle: ${input} unpacks to a text file that is not a recognised log, metrics, audit or document file`);
  });

  it('refuses a text file no format recognises', async () => {
    const input = fileOf('Dear support, it does not work.\n', 'letter.txt');
    expect((await unusable(input)).message).toBe(`not an AuthPlane support bundle: ${input} is neither an archive (tgz, tar, zip, gz) nor a recognised log, metrics, audit or document file`);
  });

  it('refuses an empty file', async () => {
    const input = fileOf('', 'empty.log');
    expect((await unusable(input)).message).toBe(`not an AuthPlane support bundle: ${input} is empty`);
  });

  it('refuses a path that does not exist', async () => {
    const input = join(tempDir(), 'nope.tgz');
    expect((await unusable(input)).message).toBe(`cannot read ${input}: no such file or directory`);
  });

  it('refuses an empty tgz', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'empty'));
    const out = join(dir, 'empty.tgz');
    execFileSync('tar', ['-czf', out, '-C', join(dir, 'empty'), '.']);
    expect((await unusable(out)).message).toBe(`empty archive: no files in ${out}`);
  });

  it('refuses an empty zip', async () => {
    const out = fileOf(Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]), 'empty.zip');
    expect((await unusable(out)).message).toBe(`empty archive: no files in ${out}`);
  });

  it('refuses an empty directory', async () => {
    const dir = join(tempDir(), 'nothing');
    mkdirSync(dir);
    expect((await unusable(dir)).message).toBe(`empty directory: no files in ${dir}`);
  });

  it('refuses a zip whose structure is garbage', async () => {
    const out = fileOf(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(300, 9)]), 'broken.zip');
    expect((await unusable(out)).message).toMatch(/^unreadable zip archive broken\.zip: /);
  });

  it('refuses a gzip cut before any file could be read, naming the cut', async () => {
    const tgz = readFileSync(tarOf({ 'a.log': noisyLog(3000) }));
    const out = fileOf(tgz.subarray(0, 20), 'stub.tgz');
    expect((await unusable(out)).message).toMatch(/^no file could be read from .*stub\.tgz \(stub\.tgz: truncated gzip at byte 20, after 0 unpacked bytes\)$/);
  });

  it('refuses an archive in which no file is AuthPlane evidence (exit 3, one line)', async () => {
    const err = await unusable(tarOf({ 'notes.txt': 'hello\n' }));
    expect(err.message).toMatch(/^not an AuthPlane support bundle: none of the 1 file in .* is an AuthPlane log/);
  });

  it('reads a log given alone, even gzip-compressed and named oddly', async () => {
    const { result } = await read(gzOf(LOG, 'download'));
    expect(rows(result)).toEqual(['download log fake-json-log 2 0']);
    writeFileSync(join(tempDir(), 'unused'), '');
  });
});
