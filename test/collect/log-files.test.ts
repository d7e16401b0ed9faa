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

  it('replaces the admin key if a log happens to hold it', async () => {
    await collectLogFiles(ctx, [join(dir, 'leaky.log')], 1 << 20);
    expect(ctx.read('logs/leaky.log')).toBe(`admin key is ${KEY_MARKER}\n`);
  });

  it('records a pattern that matches nothing as skipped', async () => {
    await collectLogFiles(ctx, [join(dir, 'nothing-*.log')], 1 << 20);
    expect(ctx.items).toEqual([expect.objectContaining({ outcome: 'skipped', error: 'no file matches this path or pattern', file: null })]);
  });
});
