import { render } from 'ink-testing-library';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runEngine } from '../../src/rules/index.ts';
import { App } from '../../src/tui/App.tsx';
import { storyList } from '../../src/tui/views/AuditView.tsx';
import { nextTraceLimit, TRACE_PAGE } from '../../src/tui/views/TracesView.tsx';
import { log, model, resetCounters } from '../helpers/records.ts';

beforeEach(resetCounters);

const PAGE_DOWN = '\x1b[6~';
const at = (s: number) => new Date(Date.parse('2026-10-03T09:00:00Z') + s * 1000).toISOString();

describe('traces listed a page at a time', () => {
  // More ok requests than one page: in start order, the last one is listed past the first page.
  const n = TRACE_PAGE + 100;
  const id = (i: number) => `req-${String(i).padStart(4, '0')}`;
  const okRequests = (count: number) => Array.from({ length: count }, (_, i) =>
    log('http request', { status: 200, method: 'GET', path: '/health', request_id: id(i) }, { time: at(i) }));

  it('lists more only when the cursor comes within a screen of the end of a full page', () => {
    expect(nextTraceLimit(500, 500, 700_000, 10, 30)).toBe(500);
    expect(nextTraceLimit(500, 500, 700_000, 480, 30)).toBe(1000);
    // everything is listed already, or the last page was not full
    expect(nextTraceLimit(500, 120, 120, 119, 30)).toBe(500);
    expect(nextTraceLimit(1000, 700, 700, 690, 30)).toBe(1000);
  });

  it('scrolls past the first page of traces in the Traces view', async () => {
    const m = model(okRequests(n));
    const app = render(<App model={m} analysis={runEngine(m)} color={false} />);
    const frame = () => app.lastFrame() ?? '';
    app.stdin.write('3');
    await vi.waitFor(() => expect(frame()).toContain('start (UTC)'), { timeout: 5000 });
    // ok traces in start order: the last one is past the first page
    for (let i = 0; i < 200 && !frame().includes(`req:${id(n - 1)}`); i++) {
      const before = frame();
      app.stdin.write(PAGE_DOWN);
      await vi.waitFor(() => expect(frame()).not.toBe(before), { timeout: 5000 });
    }
    expect(frame()).toMatch(new RegExp(`› .*req:${id(n - 1)}`));
  }, 60_000);

  it('lists a trace a finding cites first, though in start order it is past the first page', async () => {
    const m = model(okRequests(n));
    const analysis = runEngine(m);
    // A finding whose evidence is the last ok trace: position n - 1 in start order, past the first page.
    analysis.findings.unshift({
      rule: 'AP0000', cause: 'server-unreachable', step: 1, severity: 'info', confidence: 0.5, title: 'A late request',
      explanation: 'One request late in the hour.', fix: 'None.', docs: '', related: [],
      evidence: [{ kind: 'log', file: 'logs/authserver.log', line: n, request_id: id(n - 1), trace_id: id(n - 1), excerpt: 'http request' }],
    });
    const app = render(<App model={m} analysis={analysis} color={false} />);
    const frame = () => app.lastFrame() ?? '';
    const press = async (k: string, seen: string | RegExp) => {
      app.stdin.write(k);
      await vi.waitFor(() => expect(frame()).toMatch(seen), { timeout: 5000 });
    };
    await press('2', '› AP0000');
    await press('\r', /Evidence \(1\)/);
    await press('\r', 'Trace ');
    // esc goes back to the finding; the Traces tab then lists that trace first, marked with the finding
    await press('\x1b', /Evidence \(1\)/);
    await press('3', 'start (UTC)');
    expect(frame().split('\n')[2]).toMatch(new RegExp(`^› AP0000 .*req:${id(n - 1)}`));
  }, 60_000);
});

describe('the audit story list', () => {
  const line = (action: string, actor: string, client: string, detail: string, s: number) =>
    log('audit', { action, actor_id: actor, client_id: client, ip: '10.0.0.1', detail }, { time: at(s) });

  it('puts the largest stories first, with their row counts and actions', () => {
    const m = model([
      line('token.issued', 'u1', 'c1', 'family=f1', 0),
      line('token.refreshed', 'u1', 'c1', 'family=f1', 1),
      line('user.login', 'u2', '', '', 2),
      line('token.issued', 'u2', 'c1', 'family=f2', 3),
    ]);
    expect(storyList(m).map((s) => [s.key, s.rows])).toEqual([
      ['client:c1', 3], ['user:u1', 2], ['family:f1', 2], ['user:u2', 2], ['family:f2', 1],
    ]);
    expect(storyList(m)[0]!.actions()).toEqual(['token.issued', 'token.refreshed']);
  });
});
