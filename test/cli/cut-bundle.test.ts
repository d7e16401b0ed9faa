import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'forensic-cut-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first `bytes` of samples/kid-unknown.tgz, as an upload that stopped early leaves it. */
function cutSample(bytes: number, name: string): string {
  const out = join(dir, name);
  writeFileSync(out, readFileSync('samples/kid-unknown.tgz').subarray(0, bytes));
  return out;
}

describe('analyze on a bundle that breaks off early', () => {
  it('refuses an archive cut before anything checkable (exit 3, one line) instead of calling it clean', () => {
    const input = cutSample(300, 'head.tgz');
    const r = runCli(['analyze', input]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^forensic: too little of ${input} could be read to check anything: truncated gzip at byte 300, after \\d+ unpacked bytes\\n$`));
  });

  it('refuses a folder whose only bundle is such an archive, naming the archive', () => {
    const folder = join(dir, 'attachments');
    mkdirSync(folder);
    writeFileSync(join(folder, 'bundle.tgz'), readFileSync('samples/kid-unknown.tgz').subarray(0, 300));
    const r = runCli(['analyze', folder]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`^forensic: too little of ${folder} could be read to check anything: bundle\\.tgz: truncated gzip at byte 300, after \\d+ unpacked bytes\\n$`));
  });

  it('still lists what a cut archive held under --inventory, the file cut in the middle included', () => {
    const r = runCli(['analyze', cutSample(300, 'head.tgz'), '--inventory']);
    expect(r.code).toBe(0);
    // kid-unknown's admin/system-status.json is 359 bytes; the first 300 bytes of the .tgz hold part of it.
    expect(r.stdout).toMatch(/support-bundle\/admin\/system-status\.json {2}cut off: the archive breaks off inside this file \(\d+ of 359 bytes read\)/);
  });

  it('says where a half bundle breaks off before the checklist, and does not call its silence clean', () => {
    const half = readFileSync('samples/kid-unknown.tgz').length >> 1;
    const r = runCli(['analyze', cutSample(half, 'half.tgz')], { env: { COLUMNS: '200' } });
    const lines = r.stdout.split('\n');
    expect(lines[2]).toMatch(new RegExp(`^The bundle breaks off early \\(half\\.tgz: truncated gzip at byte ${half}, after \\d+ unpacked bytes\\): whatever came after that point is missing`));
    expect(lines.indexOf('Checklist')).toBeGreaterThan(2);
    expect(r.stdout).not.toMatch(/^No findings:/m);
  });

  it('warns in the Markdown report that the bundle breaks off, above the checklist table', () => {
    const half = readFileSync('samples/kid-unknown.tgz').length >> 1;
    const r = runCli(['report', cutSample(half, 'half.tgz'), '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`## Summary\\n\\n> \\*\\*Warning:\\*\\* The bundle breaks off early \\(half\\.tgz: truncated gzip at byte ${half},`));
  });
});
