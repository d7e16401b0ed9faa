import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import { drive, ENTER } from './drive.tsx';

// The cascade sample (AP0401 has a long explanation and fix), and db-unreachable (two authserver pods).
let sample: PipelineResult;
let twoPods: PipelineResult;
beforeAll(async () => {
  sample = await runPipeline('samples/signing-key-regenerated.tgz', { progress: false });
  twoPods = await runPipeline('samples/db-unreachable.tgz', { progress: false });
}, 60_000);

const squash = (s: string) => s.replace(/\s+/g, '');

describe('a finding on a 70-column terminal', () => {
  it('wraps the whole explanation and fix instead of cutting them, and still lists evidence', async () => {
    const f = sample.analysis.findings[0]!;
    const { frame, press } = drive(sample.model, sample.analysis, { size: { columns: 70, rows: 24 } });
    await expect.poll(frame).toContain('[1 Checklist]');
    await press('2', 'most likely root cause first');
    await press(ENTER, /Evidence \(\d+\)/);
    const lines = frame().split('\n');
    const at = lines.findIndex((l) => l.startsWith('Fix: '));
    const docs = lines.findIndex((l) => l.startsWith('Docs: '));
    // every line between the head and Docs: is the explanation then the fix, word for word
    expect(squash(lines.slice(2, at).join(' '))).toBe(squash(f.explanation));
    expect(squash(lines.slice(at, docs).join(' '))).toBe(squash(`Fix: ${f.fix}`));
    expect(frame()).toMatch(/^› log /m);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(70);
  });
});

describe('a 30×8 terminal', () => {
  const size = { columns: 30, rows: 8 };

  it('draws the checklist rows in order, one per line', async () => {
    const { frame } = drive(sample.model, sample.analysis, { size });
    await expect.poll(frame).toContain('[1 Checklist]');
    expect(frame().split('\n')[1]).toMatch(/^› \S +1 /);
    const lines = frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(8);
    for (let step = 2; step <= 5; step++) expect(lines[step]).toMatch(new RegExp(`^ {2}\\S +${step} `));
  });

  it('shows a finding\'s head, cut text and the e key, then the whole text a screen at a time', async () => {
    const f = sample.analysis.findings[0]!;
    const { frame, press } = drive(sample.model, sample.analysis, { size });
    await expect.poll(frame).toContain('[1 Checklist]');
    await press('2', '› AP0401');
    await press(ENTER, /^AP0401 · /m);
    expect(frame().split('\n')[2]).toMatch(/^pod\/authserver/);
    expect(frame()).toMatch(/^Fix: Persist the key/m);
    expect(frame()).toMatch(/^Evidence \(7\) · e: the whole/m);
    await press('e', 'AP0401: the whole text');
    // scroll to the end, reading every line once
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      const body = frame().split('\n').slice(2, 5);
      const m = /lines (\d+)–(\d+) of (\d+)/.exec(frame());
      if (!m) break;
      seen[Number(m[1]) - 1] = body[0]!;
      if (m[2] === m[3]) { seen.push(...body.slice(1)); break; }
      await press('j', `lines ${Number(m[1]) + 1}–`);
    }
    const text = squash(seen.join(' '));
    expect(text).toContain(squash(f.explanation));
    expect(text).toContain(squash(`Fix: ${f.fix}`));
    await press('e', /^Evidence \(7\)/m);
  });
});

describe('the Logs source column', () => {
  it('keeps the end of a pod name, which tells two pods of one deployment apart', async () => {
    const { press } = drive(twoPods.model, twoPods.analysis);
    await press('4', 'records · level≥DEBUG');
    await press('s', 'source=pod/authserver-7f78a1e10-lhnfn/authserver');
    await press('g', /^› [\d:.]+ authserv\S*…\S*-lhnfn (DEBUG|INFO |WARN |ERROR)/m);
    await press('s', 'source=pod/authserver-7f78a1e10-vgmvx/authserver');
    await press('g', /^› [\d:.]+ authserv\S*…\S*-vgmvx (DEBUG|INFO |WARN |ERROR)/m);
  });
});

describe('a trace timeline on an 80-column terminal', () => {
  it('keeps each record\'s file:line whole at the end of its row', async () => {
    const { frame, press } = drive(twoPods.model, twoPods.analysis, { size: { columns: 80, rows: 24 } });
    await expect.poll(frame).toContain('[1 Checklist]');
    await press('3', 'start (UTC)');
    await press(ENTER, /^Trace /m);
    const rows = frame().split('\n').filter((l) => /^[› ] \d\d:\d\d:\d\d\.\d{3}/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatch(/\.log:\d+$/);
  });
});

describe('the ? help on an 80×24 terminal', () => {
  it('fits whole, one line per key', async () => {
    const { frame, press } = drive(sample.model, sample.analysis, { size: { columns: 80, rows: 24 } });
    await expect.poll(frame).toContain('[1 Checklist]');
    await press('?', 'Keys');
    expect(frame()).toContain('Press any key to close.');
    for (const k of ['esc ← backspace', 'ctrl-u', '  p  ', '  e  ']) expect(frame()).toContain(k);
    expect(frame()).toMatch(/^ {2}e +the whole text of a finding or a timeline record/m);
    // t is two keys: a finding's traces, and the Logs view's jump to a time
    expect(frame()).toMatch(/^ {2}t +a finding's traces/m);
    expect(frame()).toMatch(/^ {2}t +logs: jump to a time/m);
    for (const l of frame().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });
});
