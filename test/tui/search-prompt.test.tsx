import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import { CTRL_U, drive, ENTER } from './drive.tsx';

// The cascade sample: one "no signing key found, generating" line, then a run of "token rejected" 401s.
let sample: PipelineResult;
beforeAll(async () => {
  sample = await runPipeline('samples/signing-key-regenerated.tgz', { progress: false });
}, 60_000);

/** The sample in the Logs view. */
async function logs() {
  const d = drive(sample.model, sample.analysis);
  await d.press('4', 'records · level≥DEBUG');
  return d;
}

describe('the Logs search prompt', () => {
  it('starts each search empty, so the new query is not glued to the last one', async () => {
    const { frame, press, type } = await logs();
    await press('/', '/▏');
    await type('generating');
    await press(ENTER, /› .*no signing key found, generating/);
    await press('/', /^\/▏/m);
    expect(frame()).not.toContain('/generating▏');
    await type('token rejected');
    await press(ENTER, /› .*token rejected/);
    expect(frame()).toContain('· /token rejected');
  });

  it('clears the prompt on ctrl-u', async () => {
    const { press, type } = await logs();
    await press('/', '/▏');
    await type('tokne');
    await press(CTRL_U, /^\/▏/m);
    await type('generating');
    await press(ENTER, /› .*no signing key found, generating/);
  });

  it('clears a pre-filled field filter on ctrl-u', async () => {
    const { press, type } = await logs();
    await press('f', 'filter (key=value …): ▏');
    await type('level=WARN');
    await press(ENTER, '· level=WARN');
    await press('f', 'filter (key=value …): level=WARN▏');
    await press(CTRL_U, 'filter (key=value …): ▏');
  });
});

describe('n and N', () => {
  it('say which match the cursor is on, out of how many, wrapping around', async () => {
    const { press, type } = await logs();
    // every "token rejected" line, counted from the records themselves
    const total = sample.model.logs.records().filter((r) => r.msg === 'token rejected').length;
    expect(total).toBeGreaterThan(2);
    await press('/', '/▏');
    await type('token rejected');
    await press(ENTER, `match 1/${total} for "token rejected"`);
    await press('n', `match 2/${total} `);
    await press('n', `match 3/${total} `);
    await press('N', `match 2/${total} `);
    await press('N', `match 1/${total} `);
    await press('N', `match ${total}/${total} `);
    await press('n', `match 1/${total} `);
  });

  it('say there is no search yet before the first /', async () => {
    const { press } = await logs();
    await press('n', 'no search yet: press /');
  });
});

describe('Logs messages', () => {
  it('are cleared by the next key', async () => {
    const { frame, press } = await logs();
    await press('l', 'level≥INFO');
    await press('c', 'filters cleared');
    await press('s', 'source=');
    expect(frame()).not.toContain('filters cleared');
    expect(frame()).toContain('/ search · n/N next');
  });
});

describe('app notices', () => {
  it('are cleared by the next key', async () => {
    const makeRedactor = () => { throw new Error('no key'); };
    const { frame, press } = drive(sample.model, sample.analysis, { props: { makeRedactor } });
    await press('r', 'redaction unavailable: no key');
    await press('j', /› ✔ +2 /);
    expect(frame()).not.toContain('redaction unavailable');
  });
});

describe('jump to time', () => {
  it.each(['25:99', 'garbage', '12:60', '2026-02-30T09:00:00Z'])('rejects %s with the same error', async (bad) => {
    const { press, type } = await logs();
    await press('t', 'jump to time: ▏');
    await type(bad);
    await press(ENTER, `cannot read time "${bad}" (use HH:MM[:SS] or RFC 3339)`);
  });

  it('jumps to the first record at a valid time, as the list shows it', async () => {
    const { press, type } = await logs();
    await press('t', 'jump to time: ▏');
    await type('08:34:19.164');
    await press(ENTER, /› 08:34:19\.164 .*no signing key found, generating/);
  });
});
