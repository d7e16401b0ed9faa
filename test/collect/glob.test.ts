import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGlob, segmentRegex } from '../../src/collect/glob.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'forensic-glob-'));
  mkdirSync(join(root, 'var/log/authserver'), { recursive: true });
  mkdirSync(join(root, 'pods/a'), { recursive: true });
  for (const f of ['var/log/authserver/app.log', 'var/log/authserver/app.log.1', 'var/log/authserver/app.log.2.gz', 'var/log/authserver/.hidden.log', 'pods/a/x.log']) {
    writeFileSync(join(root, f), 'x\n');
  }
  symlinkSync(join(root, 'pods/a/x.log'), join(root, 'var/log/linked.log'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('expandGlob', () => {
  it('names a plain path when it is a file, and nothing when it is missing', async () => {
    expect(await expandGlob(join(root, 'pods/a/x.log'))).toEqual([join(root, 'pods/a/x.log')]);
    expect(await expandGlob(join(root, 'pods/a/none.log'))).toEqual([]);
  });

  it('matches rotated copies with *, skipping hidden files', async () => {
    expect(await expandGlob(join(root, 'var/log/authserver/*'))).toEqual(
      ['app.log', 'app.log.1', 'app.log.2.gz'].map((f) => join(root, 'var/log/authserver', f)));
  });

  it('descends any depth with ** and follows file symlinks', async () => {
    expect(await expandGlob(join(root, '**/*.log'))).toEqual(
      [join(root, 'pods/a/x.log'), join(root, 'var/log/authserver/app.log'), join(root, 'var/log/linked.log')]);
  });
});

describe('segmentRegex', () => {
  it.each([
    ['app.log.[0-9]', 'app.log.3', true],
    ['app.log.[!0-9]', 'app.log.3', false],
    ['app.?og', 'app.log', true],
    ['*.log', '.hidden.log', false],
    ['.*.log', '.hidden.log', true],
  ])('%s against %s is %s', (seg, name, expected) => {
    expect(segmentRegex(seg).test(name)).toBe(expected);
  });
});
