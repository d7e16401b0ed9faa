import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectLogFiles } from '../../src/collect/log-files.ts';
import { KEY_MARKER } from '../../src/collect/scrub.ts';
import { itemContext, type TestContext } from './item-context.ts';

const KEY = 'apk_live_0123456789abcdef';
let dir: string;
let ctx: TestContext;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-logfiles-'));
  writeFileSync(join(dir, 'authserver.log'), '{"msg":"starting authserver"}\n{"msg":"http request"}\n');
  writeFileSync(join(dir, 'big.log'), Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n');
  writeFileSync(join(dir, 'authserver.log.2.gz'), gzipSync('{"msg":"older line"}\n'));
  writeFileSync(join(dir, 'leaky.log'), `admin key is ${KEY}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  ctx = await itemContext([KEY]);
});
afterEach(() => ctx.staging.dispose());

describe('collectLogFiles', () => {
  it('copies a log file whole under logs/ and records where it came from', async () => {
    await collectLogFiles(ctx, [join(dir, 'authserver.log')], 1 << 20);
    expect(ctx.read('logs/authserver.log')).toBe('{"msg":"starting authserver"}\n{"msg":"http request"}\n');
    expect(ctx.items[0]).toMatchObject({ name: 'logs/authserver.log', path: join(dir, 'authserver.log'), file: 'logs/authserver.log', outcome: 'ok', bytes: 53 });
  });

  it('keeps only the newest whole lines of a file larger than the cap', async () => {
    await collectLogFiles(ctx, [join(dir, 'big.log')], 20);
    expect(ctx.read('logs/big.log')).toBe('line 8\nline 9\n');
    expect(ctx.items[0]).toMatchObject({ truncated: true });
  });

  it('keeps a line that fits the cap exactly', async () => {
    await collectLogFiles(ctx, [join(dir, 'big.log')], 21);
    expect(ctx.read('logs/big.log')).toBe('line 7\nline 8\nline 9\n');
  });

  it('unpacks a gzip-compressed rotation', async () => {
    await collectLogFiles(ctx, [join(dir, 'authserver.log.2.gz')], 1 << 20);
    expect(ctx.read('logs/authserver.log.2')).toBe('{"msg":"older line"}\n');
  });

  it('unpacks both members of a rotation made with cat a.gz b.gz', async () => {
    writeFileSync(join(dir, 'joined.log.gz'), Buffer.concat([gzipSync('{"msg":"first"}\n'), gzipSync('{"msg":"second"}\n')]));
    await collectLogFiles(ctx, [join(dir, 'joined.log.gz')], 1 << 20);
    expect(ctx.read('logs/joined.log')).toBe('{"msg":"first"}\n{"msg":"second"}\n');
    expect(ctx.items[0]).toMatchObject({ outcome: 'ok', error: null });
  });

  it('keeps the lines of a rotation cut short and says where the cut is', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `{"msg":"request ${i}","n":${(i * 7919) % 1009}}`).join('\n');
    const gz = gzipSync(text);
    const cut = gz.subarray(0, gz.length - 200);
    writeFileSync(join(dir, 'cut.log.gz'), cut);
    await collectLogFiles(ctx, [join(dir, 'cut.log.gz')], 1 << 20);
    const kept = ctx.read('logs/cut.log');
    expect(kept.startsWith('{"msg":"request 0","n":0}\n{"msg":"request 1","n":856}\n')).toBe(true);
    expect(kept.length).toBeLessThan(text.length);
    expect(ctx.items[0]).toMatchObject({ outcome: 'ok', error: expect.stringMatching(new RegExp(`^truncated gzip at byte ${cut.length}, after \\d+ unpacked bytes: the part unpacked is kept$`)) });
  });

  it('fails a .gz of which nothing unpacks, naming the damage', async () => {
    writeFileSync(join(dir, 'broken.log.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0xe0, 0, 0, 0, 0, 0, 3, 9, 9]));
    await collectLogFiles(ctx, [join(dir, 'broken.log.gz')], 1 << 20);
    expect(ctx.items[0]).toMatchObject({ outcome: 'failed', file: null, error: 'damaged gzip at byte 0: reserved header flags set' });
  });

  it('replaces the admin key if a log happens to hold it', async () => {
    await collectLogFiles(ctx, [join(dir, 'leaky.log')], 1 << 20);
    expect(ctx.read('logs/leaky.log')).toBe(`admin key is ${KEY_MARKER}\n`);
  });

  it('records a pattern that matches nothing as skipped', async () => {
    await collectLogFiles(ctx, [join(dir, 'nothing-*.log')], 1 << 20);
    expect(ctx.items).toEqual([expect.objectContaining({ outcome: 'skipped', error: 'no file matches this path or pattern', file: null })]);
  });
});
