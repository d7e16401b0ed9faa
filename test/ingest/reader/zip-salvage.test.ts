// A zip whose central directory is gone or damaged (a cut upload, a flipped byte) still gives up
// the entries before the damage, read from their local headers; each loss is reported with its place.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, fileOf, logLine, noisyLog, problemList, read, rows, tempDir, treeDir, zipOf } from './fixtures.ts';

afterAll(cleanup);

const LOG = `${logLine('one')}\n${logLine('two')}\n`;

const centralDirectoryAt = (zip: Buffer) => zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));

describe('zip without its central directory', () => {
  it('reads the whole first entry and the lines of the second up to the cut', async () => {
    const zip = readFileSync(zipOf({ 'a.log': LOG, 'b.log': noisyLog(2000) }));
    const cut = zip.subarray(0, Math.floor(centralDirectoryAt(zip) * 0.6));
    const { result, records } = await read(fileOf(cut, 'bundle.zip'));
    const kept = records.filter((r) => r.kind === 'log' && r.file === 'b.log').length;
    expect(rows(result)).toContain('a.log log fake-json-log 2 0');
    expect(kept).toBeGreaterThan(100);
    expect(kept).toBeLessThan(2000);
    expect(problemList(result)).toContainEqual(expect.stringMatching(/^bundle\.zip zip central directory missing or damaged \(.+\): 2 entries read from their local headers$/));
    expect(problemList(result)).toContainEqual(expect.stringMatching(/^b\.log damaged zip entry \(cut after \d+ unpacked bytes\): kept what was read$/));
  });

  it('reads every entry of a streamed zip (sizes after the data) cut just before its directory', async () => {
    const src = treeDir({ 'a.log': LOG, 'b.log': noisyLog(300) });
    const zip = execFileSync('sh', ['-c', 'zip -q - a.log b.log | cat'], { cwd: src });
    const { result, records } = await read(fileOf(zip.subarray(0, centralDirectoryAt(zip)), 'streamed.zip'));
    expect(rows(result)).toContain('a.log log fake-json-log 2 0');
    expect(records.filter((r) => r.kind === 'log' && r.file === 'b.log')).toHaveLength(300);
    expect(problemList(result).filter((p) => p.includes('damaged zip entry'))).toEqual([]);
  });

  it('reads the entries of a zip whose directory bytes were overwritten', async () => {
    const zip = readFileSync(zipOf({ 'a.log': LOG, 'b.log': LOG }));
    const at = centralDirectoryAt(zip);
    zip.fill(0x41, at, at + 40);
    const { result } = await read(fileOf(zip, 'flipped.zip'));
    expect(rows(result)).toEqual(expect.arrayContaining(['a.log log fake-json-log 2 0', 'b.log log fake-json-log 2 0']));
    expect(problemList(result)).toContainEqual(expect.stringMatching(/^flipped\.zip zip central directory (missing or )?damaged \(.+\): 2 entries read from their local headers$/));
  });

  it('still refuses entries whose path would leave the bundle', async () => {
    const dir = tempDir();
    const zip = readFileSync(zipOf({ 'a.log': LOG, 'zz.log': LOG }));
    // Overwrite the second entry's name in its local header: "zz.log" becomes "../zzg" (same length).
    const bad = Buffer.from(zip);
    bad.write('../zz', bad.indexOf(Buffer.from('zz.log'), 30), 'latin1');
    const path = join(dir, 'escape.zip');
    writeFileSync(path, bad.subarray(0, centralDirectoryAt(bad)));
    const { result } = await read(path);
    expect(problemList(result)).toContain('../zzg unsafe path (absolute or with ..) skipped');
    expect(rows(result)).toContain('a.log log fake-json-log 2 0');
  });

  it('does not unpack a bomb hidden in a zip without its directory', async () => {
    const zip = readFileSync(zipOf({ 'a.log': LOG, 'bomb.log': 'a'.repeat(5_000_000) }));
    const { result } = await read(fileOf(zip.subarray(0, centralDirectoryAt(zip)), 'bomb.zip'), { maxTotalBytes: 100_000 });
    expect(rows(result)).toContain('a.log log fake-json-log 2 0');
    expect(problemList(result)).toContainEqual(expect.stringMatching(/^bomb\.log unpacks past the \d+-byte limit left: skipped$/));
  });
});
