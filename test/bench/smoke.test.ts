// Keeps `npm run bench` working: a 20 MB smoke run must finish and print every report line.
// Timings are printed, never asserted (benchmarks are not tests).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run bench -- --smoke', () => {
  it('generates a bundle, measures gzip and forensic on it, and reports the targets', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], { cwd: ROOT, encoding: 'utf8', timeout: 110_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain('reference 2 MB bundle: causes signing-key-regenerated, kid-unknown, dpop-replay');
    expect(out).toMatch(/bundle 20 MB: [\d.]+ MB uncompressed, [\d.]+ MB \.tgz/);
    expect(out).toMatch(/gzip -dc +[\d.]+ s +[\d.]+ MB\/s/);
    expect(out).toMatch(/forensic +[\d.]+ s +[\d.]+ MB\/s +peak RSS [\d.]+ MB/);
    expect(out).toMatch(/ratio +[\d.]+× gzip -dc/);
    expect(out).toContain('same findings as the reference bundle: yes');
    expect(out).toMatch(/TUI on 20 MB: first frame \d+ ms after the analysis/);
    expect(out).toMatch(/time ≤ 1\.5× gzip -dc: [\d.]+× — (met|NOT met)/);
    expect(out).toMatch(/peak RSS ≤ 400 MB: [\d.]+ MB — (met|NOT met)/);
    expect(out).toContain('same findings at every size: met');
  }, 120_000);
});
