import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import { runEngine } from '../../src/rules/index.ts';
import { log, model, resetCounters } from '../helpers/records.ts';
import { BACKSPACE, drive, ENTER, ESC, LEFT } from './drive.tsx';

// The cascade sample: AP0401's second evidence item is line 8 of the server log.
let sample: PipelineResult;
beforeAll(async () => {
  sample = await runPipeline('samples/signing-key-regenerated.tgz', { progress: false });
}, 60_000);
beforeEach(resetCounters);

/** The record pane under the log list is the only bordered box on screen. */
const PANE = '┌';
const EVIDENCE_8 = /› log +\S*fmwfb\.log:8 +INFO "no signing key found/;

describe('esc, ← and backspace in the Logs view', () => {
  it.each([['esc', ESC], ['←', LEFT], ['backspace', BACKSPACE], ['ctrl-h', '\b']])('%s closes the record pane', async (_name, k) => {
    const { frame, press } = drive(sample.model, sample.analysis);
    await press('4', 'records · level≥DEBUG');
    await press(ENTER, PANE);
    expect(frame()).toMatch(/│\S+\.log:1 /);
    await press(k, /^(?![\s\S]*┌)[\s\S]*enter details/);
    expect(frame()).toContain('[4 Logs]');
  });

  it('stays in the Logs view on esc when the logs were opened from the tab bar', async () => {
    const { frame, press } = drive(sample.model, sample.analysis);
    await press('4', 'records · level≥DEBUG');
    await press(ESC, '[4 Logs]');
    // the next key still reaches the Logs view
    await press('l', 'level≥INFO');
    expect(frame()).toContain('[4 Logs]');
  });
});

describe('esc returns to the finding whose evidence was opened', () => {
  it('from the log record, with the cursor back on that evidence item', async () => {
    const { frame, press } = drive(sample.model, sample.analysis);
    await press('2', 'most likely root cause first');
    await press(ENTER, 'Fix: Persist the key directory');
    await press('j', EVIDENCE_8);
    await press(ENTER, /jumped to \S+fmwfb\.log:8 · esc: back to finding AP0401/);
    await press(ESC, 'Fix: Persist the key directory');
    expect(frame()).toContain('[2 Findings]');
    expect(frame()).toMatch(EVIDENCE_8);
    // and esc again leaves the finding for the list
    await press(ESC, 'most likely root cause first');
  });

  it('closes the record pane first, then returns to the finding', async () => {
    const { press } = drive(sample.model, sample.analysis);
    await press('2', 'most likely root cause first');
    await press(ENTER, 'Fix: Persist the key directory');
    await press('j', EVIDENCE_8);
    await press(ENTER, '[4 Logs]');
    await press(ENTER, PANE);
    await press(BACKSPACE, /^(?![\s\S]*┌)[\s\S]*esc: back to finding AP0401/);
    await press(BACKSPACE, EVIDENCE_8);
  });

  it('keeps the step the findings were listed under', async () => {
    const { frame, press } = drive(sample.model, sample.analysis);
    for (const n of [2, 3, 4]) await press('j', new RegExp(`› \\S +${n} `));
    await press(ENTER, 'Step 4: 2 finding(s)');
    await press('j', /› +└ AP0402/);
    await press(ENTER, /Evidence \(\d+\)/);
    await press('j', /› log +\S*7q2nd\.log:333 /);
    await press(ENTER, '[4 Logs]');
    await press(LEFT, /› log +\S*7q2nd\.log:333 /);
    expect(frame()).toMatch(/^AP0402 · kid-unknown/m);
    await press(ESC, 'Step 4: 2 finding(s)');
    expect(frame()).toMatch(/› +└ AP0402/);
  });

  it('forgets the finding once you switch views yourself', async () => {
    const { frame, press } = drive(sample.model, sample.analysis);
    await press('2', 'most likely root cause first');
    await press(ENTER, 'Fix: Persist the key directory');
    await press(ENTER, '[4 Logs]');
    await press('1', '[1 Checklist]');
    await press('4', '[4 Logs]');
    expect(frame()).not.toContain('esc: back to');
    await press(ESC, '[4 Logs]');
    await press('l', 'level≥INFO');
    expect(frame()).toContain('[4 Logs]');
  });

  it('from a trace timeline the evidence opened', async () => {
    const m = model([
      log('http request', { status: 200, method: 'GET', path: '/health', request_id: 'req-1' }),
      log('http request', { status: 200, method: 'GET', path: '/health', request_id: 'req-2' }),
    ]);
    const analysis = runEngine(m);
    analysis.findings.unshift({
      rule: 'AP0000', cause: 'server-unreachable', step: 1, severity: 'info', confidence: 0.5, title: 'A request',
      explanation: 'One request.', fix: 'None.', docs: '', related: [],
      evidence: [{ kind: 'log', file: 'logs/authserver.log', line: 2, request_id: 'req-2', trace_id: 'req-2', excerpt: 'http request' }],
    });
    const { frame, press } = drive(m, analysis);
    await press('2', '› AP0000');
    await press(ENTER, /Evidence \(1\)/);
    await press(ENTER, 'esc: back to finding AP0000');
    expect(frame()).toMatch(/^Trace \S*req-2/m);
    await press(ESC, /Evidence \(1\)/);
    expect(frame()).toContain('[2 Findings]');
    // the timeline was closed on the way back: the Traces tab shows the list, cursor on that trace
    await press('3', 'start (UTC)');
    expect(frame()).toMatch(/› .*req-2/);
  });
});

describe('esc, ← and backspace in the other views', () => {
  it.each([['esc', ESC], ['←', LEFT], ['backspace', BACKSPACE]])('%s closes a finding, a timeline and an audit story', async (_name, k) => {
    const { press } = drive(sample.model, sample.analysis);
    await press('2', 'most likely root cause first');
    await press(ENTER, 'Fix: Persist the key directory');
    await press(k, 'most likely root cause first');
    await press('3', 'start (UTC)');
    await press(ENTER, 'esc: back to traces');
    await press(k, 'start (UTC)');
    await press('6', /\d+ audit row\(s\)/);
    await press(ENTER, 'esc: back to stories');
    await press(k, /\d+ audit row\(s\)/);
  });
});
