import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import type { TraceSummary } from '../../src/correlate/index.ts';
import type { Evidence, Finding } from '../../src/rules/index.ts';
import { citedTraces, tracesOf } from '../../src/tui/lib/cited-traces.ts';
import { drive, ENTER, ESC } from './drive.tsx';

const trace = (id: string, requestIds: string[] = []): TraceSummary => ({
  id, requestIds, start: null, end: null, durationMs: null, outcome: 'denied', recordCount: 1, sources: [], origins: [],
});
const ev = (ids: { trace_id?: string; request_id?: string }): Evidence => ({ kind: 'log', file: 'a.log', line: 1, excerpt: '', ...ids });
const finding = (rule: string, evidence: Evidence[]): Finding => ({
  rule, cause: 'kid-unknown', step: 4, severity: 'error', confidence: 0.9, title: rule, explanation: '', fix: '', docs: '', related: [], evidence,
});

// Three traces: t1 (also reachable by its request r1), t2, and req:r3 (a request without trace id).
const byId = new Map<string, TraceSummary>();
for (const t of [trace('t1', ['r1']), trace('t2'), trace('req:r3', ['r3'])]) {
  byId.set(t.id, t);
  for (const r of t.requestIds) byId.set(r, t);
}
const find = (id: string) => byId.get(id);

describe('the traces a finding cites', () => {
  it('names each trace once, by trace id or request id, in evidence order, skipping ids of no trace', () => {
    const f = finding('AP0402', [ev({ request_id: 'r3' }), ev({ trace_id: 't1' }), ev({ request_id: 'r1' }), ev({ trace_id: 'gone' }), ev({})]);
    expect(tracesOf(f, find).map((t) => t.id)).toEqual(['req:r3', 't1']);
  });

  it('falls back to the request id when the trace id is not one the model knows', () => {
    expect(tracesOf(finding('AP0402', [ev({ trace_id: 'gone', request_id: 'r1' })]), find).map((t) => t.id)).toEqual(['t1']);
  });

  it('lists the root cause\'s traces first and marks a trace two findings cite with the higher-ranked one', () => {
    const root = finding('AP0401', [ev({ trace_id: 't2' })]);
    const consequence = finding('AP0402', [ev({ trace_id: 't1' }), ev({ trace_id: 't2' })]);
    expect(citedTraces([root, consequence], find).map((c) => [c.trace.id, c.finding.rule])).toEqual([['t2', 'AP0401'], ['t1', 'AP0402']]);
  });
});

// kid-unknown: a rotated admin key; its one request (01785f73…, `admin key rotated` at
// authserver-f28c66170-w7pjs.log:481) is ok, so it used to be listed after 16 failing requests
// (a mistyped password's 422s, a token 400 and scanners' 404s).
let kid: PipelineResult;
// db-unreachable: AP0103 (second in the list) cites 15 log lines of 12 failing token requests; its
// first two are authserver-7f78a1e10-lhnfn.log:398 and :399, traces 44e10015… and e6c0ac96….
let db: PipelineResult;
beforeAll(async () => {
  kid = await runPipeline('samples/kid-unknown.tgz', { progress: false });
  db = await runPipeline('samples/db-unreachable.tgz', { progress: false });
}, 60_000);

describe('the Traces view', () => {
  it('lists the root cause\'s trace first, marked with its rule', async () => {
    const { frame, press } = drive(kid.model, kid.analysis, { size: { columns: 120, rows: 35 } });
    await press('3', 'start (UTC)');
    const rows = frame().split('\n').filter((l) => /^[› ] /.test(l) && l.includes('req:'));
    expect(rows[0]).toMatch(/^› AP0402 2026-10-03 08:30:04 .* ok +200 .*req:01785f73b1162220088996b542a6966c/);
    // the other traces follow, unmarked, the mistyped password first
    expect(rows[1]).toMatch(/^ {9}2026-10-03 08:08:00 .* client-error 422 /);
    expect(frame()).toMatch(/^ {2}cited +start \(UTC\)/m);
  });
});

describe('t in a finding', () => {
  it('lists only the traces its evidence names; esc goes back from a timeline to them, then to the finding', async () => {
    const { frame, press } = drive(db.model, db.analysis, { size: { columns: 120, rows: 35 } });
    await press('2', 'most likely root cause first');
    await press('j', /› +└ AP0103/);
    await press(ENTER, /^Evidence \(15\) · t: its 12 trace\(s\)/m);
    await press('t', 'AP0103 db-unreachable · the traces its evidence names (12) · esc: back to the finding');
    const rows = frame().split('\n').filter((l) => /^[› ] 2026-/.test(l));
    expect(rows).toHaveLength(12);
    for (const r of rows) expect(r).toMatch(/ server-error 500 /);
    expect(rows[0]).toMatch(/^› .*44e10015102e9632223bcc99ae957477/);
    expect(rows[1]).toMatch(/e6c0ac9638d1552077d569c70f34ecc8/);
    await press('j', /^› .*e6c0ac9638d1552077d569c70f34ecc8/m);
    await press(ENTER, /^Trace e6c0ac9638d1552077d569c70f34ecc8 /m);
    expect(frame()).toContain("esc: back to AP0103's traces");
    await press(ESC, /^› .*e6c0ac9638d1552077d569c70f34ecc8/m);
    await press(ESC, /^AP0103 · db-unreachable · /m);
    expect(frame()).toContain('[2 Findings]');
  });

  it('says so when the evidence names no trace', async () => {
    // AP0102 cites the failing DB ping and /health: no request ids
    const { frame, press } = drive(db.model, db.analysis, { size: { columns: 120, rows: 35 } });
    await press('2', 'most likely root cause first');
    await press(ENTER, /^AP0102 · /m);
    expect(frame()).not.toMatch(/ t: its/);
    await press('t', 'AP0102 db-unreachable · the traces its evidence names (0)');
    expect(frame()).toContain('Its evidence carries no trace_id or request_id of a trace in this bundle.');
    await press(ESC, /^AP0102 · /m);
  });
});
