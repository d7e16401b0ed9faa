// Drives the real `forensic tui` binary in a real terminal (tmux), as a person would.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.ts';

const SESSION = `forensic-e2e-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);

/** Wait until the screen shows `want`, or fail with what it shows instead. */
async function waitFor(want: string | RegExp, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (typeof want === 'string' ? last.includes(want) : want.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screen never showed ${String(want)}; it shows:\n${last}`);
}

async function keys(...k: string[]): Promise<void> {
  tmux('send-keys', '-t', SESSION, ...k);
}

describe('forensic tui in a real terminal', () => {
  beforeAll(() => {
    // CI=true as on a CI runner: the app must still draw (Ink alone would wait for exit to draw).
    // The shell prints forensic's exit status when it ends and then stays a while: tmux 3.3 can
    // mark a pane dead before reading its last output (and may never record pane_dead_status).
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', '-c', ROOT, 'sh');
    tmux('respawn-pane', '-k', '-t', SESSION, '-c', ROOT, `CI=true NO_COLOR=1 ${process.execPath} ${BIN} tui samples/signing-key-regenerated.tgz; echo "forensic-exit=$?"; sleep 30`);
  });
  afterAll(() => {
    try { tmux('kill-session', '-t', SESSION); } catch { /* already gone */ }
  });

  it('opens a sample, follows a failing trace into its timeline, searches the logs and quits cleanly', async () => {
    const first = await waitFor('[1 Checklist]', 60_000);
    expect(first).toMatch(/✘ +4 +Token signed by the expected key/);

    await keys('3');
    await waitFor('start (UTC)');
    const traces = screen();
    // failing traces come first: the cursor row is not an ok trace
    expect(traces).toMatch(/› .*(server-error|denied|client-error)/);

    await keys('Enter');
    const timeline = await waitFor(/Trace \S+ · (server-error|denied|client-error)/);
    expect(timeline).toMatch(/\S+\.log:\d+\s*$/m);

    await keys('Escape');
    await waitFor('start (UTC)');
    await keys('4');
    await waitFor('records · level≥DEBUG');
    await keys('/');
    await keys('-l', 'generating');
    await waitFor('/generating▏');
    await keys('Enter');
    await waitFor(/› .*no signing key found, generating/);

    await keys('q');
    const after = await waitFor(/forensic-exit=\d+/);
    expect(after).toContain('forensic-exit=0');
    // the alternate screen was left: the app's frame is gone from the terminal
    expect(after).not.toContain('[1 Checklist]');
  }, 120_000);
});
