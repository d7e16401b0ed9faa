import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline, type PipelineResult } from '../../src/cli/pipeline.ts';
import type { TraceSummary } from '../../src/correlate/index.ts';
import type { Evidence, Finding } from '../../src/rules/index.ts';
import { citedTraces, tracesOf } from '../../src/tui/lib/cited-traces.ts';
import { drive } from './drive.tsx';

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
beforeAll(async () => {
  kid = await runPipeline('samples/kid-unknown.tgz', { progress: false });
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
