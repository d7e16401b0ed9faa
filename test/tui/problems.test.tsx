import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import type { Analysis } from '../../src/rules/index.ts';
import { drive, ENTER, ESC } from './drive.tsx';

// A bundle with three damaged or skipped parts: a cut JSON line, a truncated gzip and a binary file.
let dir: string;
let damaged: PipelineResult;
let sample: PipelineResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-tui-problems-'));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs/authserver.log'), [
    '{"time":"2026-10-03T08:00:00Z","level":"INFO","msg":"starting authserver","version":"0.2.2"}',
    '{"time":"2026-10-03T08:00:01Z","level":"INFO","msg":"http request","status":200,"path":"/health"}',
    '{"time":"2026-10-03T08:00:02Z","level":"INFO","msg":"http req',
    '{"time":"2026-10-03T08:00:03Z","level":"INFO","msg":"http request","status":200,"path":"/health"}',
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'logs/old.log.2.gz'), Buffer.from('1f8b080067617262616765', 'hex'));
  writeFileSync(join(dir, 'random.bin'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
  damaged = await runPipeline(dir, { progress: false });
  sample = await runPipeline('samples/signing-key-regenerated.tgz', { progress: false });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundle problems in the TUI', () => {
  it('counts them on the main screen', async () => {
    expect(damaged.analysis.bundle.problems).toHaveLength(3);
    const { frame } = drive(damaged.model, damaged.analysis);
    await expect.poll(frame).toContain('[1 Checklist]');
    expect(frame()).toContain('! 3 problems reading the bundle (damaged or skipped parts) · p: list them');
  });

  it('lists each with its place on p, and esc closes the list', async () => {
    const { frame, press } = drive(damaged.model, damaged.analysis);
    await press('p', '3 problems reading the bundle; the rest was analyzed:');
    expect(frame()).toMatch(/^ {2}logs\/authserver\.log:3: truncated JSON line/m);
    expect(frame()).toMatch(/^ {2}logs\/old\.log\.2\.gz: truncated gzip/m);
    expect(frame()).toMatch(/^ {2}random\.bin: binary file skipped/m);
    // and the files that were read, with their skipped lines
    expect(frame()).toMatch(/^ {2}logs\/authserver\.log: 3 records, 1 line skipped \(log\/slog-json\)/m);
    await press(ESC, '! 3 problems reading the bundle');
    expect(frame()).toContain('[1 Checklist]');
  });

  it('says nothing on the main screen when the bundle was read whole, and p says so', async () => {
    const { frame, press } = drive(sample.model, sample.analysis);
    await expect.poll(frame).toContain('[1 Checklist]');
    expect(frame()).not.toContain('problems reading the bundle');
    await press('p', 'No problems: every file was read whole.');
    await press('p', /✘ +4 +Token signed/);
  });

  it('scrolls a long list', async () => {
    const problems = Array.from({ length: 40 }, (_, i) => ({ path: `logs/pod-${i + 1}.log`, line: i + 1, problem: 'invalid or truncated JSON' }));
    const analysis: Analysis = { ...sample.analysis, bundle: { ...sample.analysis.bundle, problems } };
    const { frame, press } = drive(sample.model, analysis);
    await press('p', /lines 1–\d+ of \d+ · j\/k scroll/);
    expect(frame()).not.toContain('logs/pod-40.log:40');
    await press(' ', /lines 2\d–/);
    await press(' ', 'logs/pod-40.log:40');
    await press('k', /lines 38–/);
  });

  it('leaves the view under it as it was: an open finding is still open after esc', async () => {
    const { press } = drive(sample.model, sample.analysis);
    await press('2', 'most likely root cause first');
    await press(ENTER, 'Fix: Persist the key directory');
    await press('p', 'No problems');
    await press(ESC, 'Fix: Persist the key directory');
  });
});
