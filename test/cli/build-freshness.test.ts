// The command runs the compiled dist/ only while it is as new as every source file, so an edit to
// src/ is never hidden by an old build. Checked on a tiny stand-in project next to the real bin.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.ts';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** A project whose built main prints "built" and whose source main prints "source". */
function standIn(): string {
  dir = mkdtempSync(join(tmpdir(), 'forensic-bin-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(BIN, join(dir, 'bin', 'forensic.js'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'cli', 'main.js'), 'export async function main() { console.log("built"); return 0; }\n');
  mkdirSync(join(dir, 'src', 'cli'), { recursive: true });
  writeFileSync(join(dir, 'src', 'cli', 'main.ts'), 'export async function main(): Promise<number> { console.log("source"); return 0; }\n');
  return dir;
}

const run = (d: string) => spawnSync(process.execPath, [join(d, 'bin', 'forensic.js')], { encoding: 'utf8', env: { ...process.env, FORENSIC_FROM_SOURCE: '' } }).stdout.trim();
const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

describe('which code the forensic command runs', () => {
  it('runs the build when its stamp is newer than every source file', () => {
    const d = standIn();
    at(join(d, 'src', 'cli', 'main.ts'), 1_000);
    writeFileSync(join(d, 'dist', '.built'), 'stamp\n');
    at(join(d, 'dist', '.built'), 2_000);
    expect(run(d)).toBe('built');
  });

  it('runs the sources once any source file is edited after the build', () => {
    const d = standIn();
    writeFileSync(join(d, 'dist', '.built'), 'stamp\n');
    at(join(d, 'dist', '.built'), 2_000);
    mkdirSync(join(d, 'src', 'rules'));
    writeFileSync(join(d, 'src', 'rules', 'edited.ts'), 'export {};\n');
    at(join(d, 'src', 'cli', 'main.ts'), 1_000);
    at(join(d, 'src', 'rules', 'edited.ts'), 3_000);
    expect(run(d)).toBe('source');
  });

  it('runs the sources when there is no finished build', () => {
    const d = standIn();
    expect(run(d)).toBe('source');
  });
});
