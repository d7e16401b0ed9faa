import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { cleanup, tempDir } from './fixtures.ts';

afterAll(cleanup);

describe('forensic analyze on input that is not a bundle', () => {
  it('exits 3 with exactly one line on stderr for random bytes', () => {
    const input = join(tempDir(), 'random.bin');
    writeFileSync(input, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 197 + 3) % 256)));
    const r = runCli(['analyze', input]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`forensic: not an AuthPlane support bundle: ${input} is a binary file, not an archive (tgz, tar, zip, gz) or a text file\n`);
  });

  it('exits 3 with one line when the file does not exist', () => {
    const input = join(tempDir(), 'missing.tgz');
    const r = runCli(['analyze', input]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`forensic: cannot read ${input}: no such file or directory\n`);
  });
});
