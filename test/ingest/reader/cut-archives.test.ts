import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, fileOf, noisyLog, read, tarOf, treeDir, zipOf } from './fixtures.ts';

afterAll(cleanup);

const LOG = `${JSON.stringify({ time: '2026-10-03T09:15:02Z', level: 'INFO', msg: 'starting authserver' })}\n`;
const BIG = noisyLog(3000);

/** The first `fraction` of a .tgz holding a.log, then b.log (large, compresses poorly). */
function cutTgz(fraction: number): string {
  const whole = readFileSync(tarOf({ 'a.log': LOG, 'b.log': BIG }));
  return fileOf(whole.subarray(0, Math.floor(whole.length * fraction)), 'cut.tgz');
}

describe('an archive that breaks off early', () => {
  it('names the file it breaks off inside, with how much of it was read', async () => {
    const { result } = await read(cutTgz(0.5));
    const inside = result.problems.filter((p) => p.path === 'b.log' && p.line === undefined);
    expect(inside).toHaveLength(1);
    const m = /^cut off: the archive breaks off inside this file \((\d+) of (\d+) bytes read\)$/.exec(inside[0]!.problem);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBe(Buffer.byteLength(BIG));
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![1])).toBeLessThan(Buffer.byteLength(BIG));
  });

  it('marks only the input\'s own break as the end of the input, not a cut .gz inside a whole bundle', async () => {
    const { result } = await read(cutTgz(0.5));
    const archive = result.problems.find((p) => p.path === 'cut.tgz');
    expect(archive?.problem).toMatch(/^truncated gzip at byte \d+, after \d+ unpacked bytes$/);
    expect(archive?.endsInput).toBe(true);
    expect(result.problems.filter((p) => p.endsInput)).toHaveLength(1);

    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(BIG);
    const whole = await read(tarOf({ 'a.log': LOG, 'b.log.2.gz': gz.subarray(0, gz.length >> 1) }));
    const inner = whole.result.problems.find((p) => p.path === 'b.log.2.gz' && /^truncated gzip/.test(p.problem));
    expect(inner).toBeDefined();
    expect(inner?.endsInput).toBeUndefined();
  });

  it('says a zip breaks off only when an entry was cut, not when only its central directory was', async () => {
    const whole = readFileSync(zipOf({ 'a.log': LOG, 'b.log': BIG }, 'z.zip'));
    // The central directory and its end record are the zip's last 172 bytes here: cutting 40 leaves every entry whole.
    const dirCut = await read(fileOf(whole.subarray(0, whole.length - 40), 'dir-cut.zip'));
    const dirProblem = dirCut.result.problems.find((p) => p.path === 'dir-cut.zip');
    expect(dirProblem?.problem).toMatch(/central directory .*: 2 entries read from their local headers$/);
    expect(dirProblem?.endsInput).toBeUndefined();

    const entryCut = await read(fileOf(whole.subarray(0, whole.length >> 1), 'entry-cut.zip'));
    expect(entryCut.result.problems.find((p) => p.path === 'entry-cut.zip')?.endsInput).toBe(true);
  });

  it('treats a cut bundle archive saved into the folder given as the input as the bundle breaking off', async () => {
    const { gzipSync } = await import('node:zlib');
    const tgz = readFileSync(tarOf({ 'a.log': LOG, 'b.log': BIG }));
    const gz = gzipSync(BIG);
    const { result } = await read(treeDir({ 'attachments/bundle.tgz': tgz.subarray(0, tgz.length >> 1), 'authserver.log.2.gz': gz.subarray(0, gz.length >> 1) }));
    expect(result.problems.find((p) => p.path === 'attachments/bundle.tgz')?.endsInput).toBe(true);
    const log = result.problems.find((p) => p.path === 'authserver.log.2.gz');
    expect(log?.problem).toMatch(/^truncated gzip/);
    expect(log?.endsInput).toBeUndefined();
  });
});
