import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import { drive, ENTER, ESC } from './drive.tsx';

// The cascade sample: a restart regenerated the signing key, then the MCP server 401s on an unknown kid.
let sample: PipelineResult;
beforeAll(async () => {
  sample = await runPipeline('samples/signing-key-regenerated.tgz', { progress: false });
}, 60_000);

/** The app on the sample, driven like a person (see drive.tsx). */
const open = () => drive(sample.model, sample.analysis);

describe('TUI checklist and findings', () => {
  it('opens on the checklist with the failing step marked', async () => {
    const { frame } = open();
    await vi.waitFor(() => expect(frame()).toContain('[1 Checklist]'));
    expect(frame()).toMatch(/✘ +4 +Token signed by the expected key/);
    expect(frame()).toContain('root cause: A restart generated a new signing key');
  });

  it('says which step the note under the checklist describes', async () => {
    const { frame, press } = open();
    await vi.waitFor(() => expect(frame()).toContain('[1 Checklist]'));
    expect(frame()).toMatch(/^Step 1: /m);
    await press('j', /› ✔ +2 /);
    await press('j', /› ✔ +3 /);
    await press('j', /› ✘ +4 /);
    expect(frame()).toMatch(/^Step 4: .*AP0401/m);
  });

  it('enter on a step opens only that step\'s findings', async () => {
    const { frame, press } = open();
    await vi.waitFor(() => expect(frame()).toContain('[1 Checklist]'));
    await press('j', /› ✔ +2 /);
    await press('j', /› ✔ +3 /);
    await press('j', /› ✘ +4 /);
    await press(ENTER, 'Step 4: 2 finding(s)');
    expect(frame()).toContain('AP0401');
    expect(frame()).toContain('└ AP0402');
  });

  it('opens a finding with its fix and evidence, and jumps from evidence to the log record', async () => {
    const { frame, press } = open();
    await press('2', 'most likely root cause first');
    await press(ENTER, 'Fix: Persist the key directory');
    expect(frame()).toMatch(/Evidence \(\d+\)/);
    // the second evidence item is line 8 of the server log: "no signing key found, generating"
    await press('j', /› log +\S*fmwfb\.log:8 +INFO "no signing key found/);
    await press(ENTER, /jumped to support-bundle\/logs\/authserver-74cf9d0e4-fmwfb\.log:8/);
    expect(frame()).toContain('[4 Logs]');
    expect(frame()).toMatch(/› .*no signing key found, generating/);
  });
});

describe('TUI traces and logs', () => {
  it('lists traces and opens a timeline with file:line per record, then goes back', async () => {
    const { frame, press } = open();
    await press('3', 'start (UTC)');
    await press(ENTER, 'Trace ');
    expect(frame()).toMatch(/ \S+\.log:\d+$/m);
    await press(ESC, 'start (UTC)');
  });

  it('searches the logs with / and moves between matches with n', async () => {
    const { frame, press, type } = open();
    await press('4', 'records · level≥DEBUG');
    await press('/', '/▏');
    await type('generating');
    await press(ENTER, /› .*no signing key found, generating/);
    expect(frame()).toContain('· /generating');
    // n wraps around to the same (only) match
    await press('n', /› .*no signing key found, generating/);
  });

  it('filters the logs by a field and clears the filter', async () => {
    const { press, type } = open();
    const all = sample.model.logs.records();
    const traceId = all.find((r) => r.traceId)!.traceId!;
    await press('4', 'records · level≥DEBUG');
    await press('f', 'filter (key=value …): ▏');
    await type(`trace_id=${traceId}`);
    const expected = all.filter((r) => r.traceId === traceId).length;
    await press(ENTER, `${expected}/${all.length} records`);
    await press('c', 'filters cleared');
  });

  it('raises the minimum level with l', async () => {
    const { frame, press } = open();
    await press('4', 'records · level≥DEBUG');
    await press('l', 'level≥INFO');
    await press('l', 'level≥WARN');
    expect(frame()).not.toMatch(/› .* INFO /);
  });
});

describe('TUI metrics, audit and help', () => {
  it('shows counters with their change between snapshots', async () => {
    const { frame, press } = open();
    await press('5', 'snapshot(s)');
    expect(frame()).toMatch(/authserver_\w+_total/);
    await press('h', 'p99');
  });

  it('lists audit stories and opens one', async () => {
    const { press } = open();
    await press('6', /\d+ audit row\(s\)/);
    await press(ENTER, 'esc: back to stories');
  });

  it('shows every key on ? and closes on any key', async () => {
    const { frame, press } = open();
    await press('?', 'Press any key to close.');
    expect(frame()).toContain('redaction on/off');
    await press('x', /✘ +4 +Token signed/);
    expect(frame()).not.toContain('Press any key to close.');
  });

  it('fits an 80-column terminal without wrapping rows', async () => {
    const { frame } = open();
    await vi.waitFor(() => expect(frame()).toContain('[1 Checklist]'));
    for (const line of frame().split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});

describe('TUI input handling', () => {
  it('handles keys that arrive together in one read, one at a time', async () => {
    const { app, frame } = open();
    await vi.waitFor(() => expect(frame()).toContain('[1 Checklist]'));
    // "jjj" then enter, written at once like a fast typist or a script would
    app.stdin.write('jjj');
    await vi.waitFor(() => expect(frame()).toMatch(/› ✘ +4 /), { timeout: 5000 });
    // a view switch and a key for the new view in the same read: G reaches the Logs view
    app.stdin.write('4G');
    const last = sample.model.logs.records().at(-1)!;
    await vi.waitFor(() => expect(frame()).toMatch(new RegExp(`› ${new Date(last.ts!).toISOString().slice(11, 23)} `)), { timeout: 5000 });
    expect(frame()).toContain('[4 Logs]');
  });
});

describe('TUI input handling: a view and its first key together', () => {
  it('opens the first finding when 2 and enter arrive in one read', async () => {
    const { app, frame } = open();
    await vi.waitFor(() => expect(frame()).toContain('[1 Checklist]'));
    app.stdin.write(`2${ENTER}`);
    await vi.waitFor(() => expect(frame()).toContain('Fix: Persist the key directory'), { timeout: 5000 });
    // and it stays open
    await new Promise((r) => setTimeout(r, 200));
    expect(frame()).toContain('Fix: Persist the key directory');
  });
});

describe('TUI views remember where you were', () => {
  it('keeps the Logs view\'s level filter, search and cursor across a switch to another view', async () => {
    const { frame, press, type } = open();
    await press('4', 'records · level≥DEBUG');
    await press('l', 'level≥INFO');
    await press('/', '/▏');
    await type('generating');
    await press(ENTER, /› .*no signing key found, generating/);
    await press('1', '[1 Checklist]');
    await press('4', '[4 Logs]');
    expect(frame()).toContain('level≥INFO');
    expect(frame()).toContain('· /generating');
    expect(frame()).toMatch(/› .*no signing key found, generating/);
  });

  it('keeps the checklist cursor and the metrics tab when you come back to them', async () => {
    const { frame, press } = open();
    await press('j', /› ✔ +2 /);
    await press('j', /› ✔ +3 /);
    await press('5', 'snapshot(s)');
    await press('h', 'p99');
    await press('1', '[1 Checklist]');
    expect(frame()).toMatch(/› ✔ +3 /);
    await press('5', '[5 Metrics]');
    expect(frame()).toContain('p99');
  });

  it('brings back the open timeline and the audit cursor after a trip to another view', async () => {
    const { frame, press } = open();
    await press('3', 'start (UTC)');
    await press(ENTER, 'Trace ');
    const timeline = frame().split('\n')[1];
    await press('1', '[1 Checklist]');
    await press('3', '[3 Traces]');
    expect(frame().split('\n')[1]).toBe(timeline);
    await press('6', /\d+ audit row\(s\)/);
    // wait for the cursor to leave the first story (a row without it, then the cursor row)
    await press('j', /^ {2}\S.*\n› /m);
    const cursor = frame().split('\n').find((l) => l.startsWith('› '));
    await press('2', 'most likely root cause first');
    await press('6', /\d+ audit row\(s\)/);
    expect(frame().split('\n').find((l) => l.startsWith('› '))).toBe(cursor);
  });
});

