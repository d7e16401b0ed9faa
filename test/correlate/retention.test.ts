import { beforeEach, describe, expect, it } from 'vitest';
import { KEEP_FIRST, KEEP_LAST } from '../../src/correlate/retention.ts';
import type { LogRecord } from '../../src/ingest/index.ts';
import { access, log, model, resetCounters } from '../helpers/records.ts';

beforeEach(resetCounters);

const DB_ERR = 'system status db ping failed';
const as0 = { source: 'pod/authserver-0/authserver', file: 'pods/as-0.log' };
const as1 = { source: 'pod/authserver-1/authserver', file: 'pods/as-1.log' };

/** `n` ERROR lines of the db-ping message from one source, lines numbered from 1. */
function dbErrors(n: number, where: { source: string; file: string }): LogRecord[] {
  return Array.from({ length: n }, (_, i) => log(DB_ERR, { error: 'dial tcp 10.0.0.5:5432: connect: connection refused' }, { ...where, level: 'ERROR', line: i + 1 }));
}

const weightOf = (m: ReturnType<typeof model>, recs: readonly LogRecord[]): number => recs.reduce((n, r) => n + m.logs.weight(r), 0);

describe('an outage repeating one error past the retain limit', () => {
  it('keeps the first and the latest lines of the repeated error and says how many it stands for', () => {
    const m = model([log('starting authserver', {}, as0), ...dbErrors(5000, as0)], { retainLimit: 1 });
    const kept = m.logs.withMessage(DB_ERR);
    expect(kept).toHaveLength(KEEP_FIRST + KEEP_LAST);
    expect(kept[0]!.line).toBe(1);
    expect(kept[KEEP_FIRST - 1]!.line).toBe(KEEP_FIRST);
    expect(kept[KEEP_FIRST]!.line).toBe(5000 - KEEP_LAST + 1);
    expect(kept.at(-1)!.line).toBe(5000);
    expect(m.logs.countMessage(DB_ERR)).toBe(5000);
    expect(Math.round(weightOf(m, kept))).toBe(5000);
    expect(m.logs.sampled).toEqual([{ source: as0.source, msg: DB_ERR, level: 'ERROR', seen: 5000, kept: 1000 }]);
  });

  it('counts only the repeats inside a window relative to the bundle end (--since 5m)', () => {
    // Lines 1…3000 one second apart; the window is the last 300 s: lines 2700…3000, 301 of them.
    // Kept whole are lines 1…800 and 2801…3000, so the 200 latest stand for those 301.
    const m = model([log('starting authserver', {}, as0), ...dbErrors(3000, as0)], { retainLimit: 1, since: { beforeEndMs: 300_000 } });
    const kept = m.logs.withMessage(DB_ERR);
    expect(kept.map((r) => r.line)).toEqual(Array.from({ length: 200 }, (_, i) => 2801 + i));
    expect(m.logs.countMessage(DB_ERR)).toBe(301);
    expect(Math.round(weightOf(m, kept))).toBe(301);
    expect(m.logs.sampled).toEqual([{ source: as0.source, msg: DB_ERR, level: 'ERROR', seen: 301, kept: 200 }]);
  });

  it('samples each source on its own, and leaves a key under the cap whole', () => {
    const m = model([log('starting authserver', {}, as0), ...dbErrors(3000, as0), ...dbErrors(40, as1)], { retainLimit: 1 });
    const kept = m.logs.withMessage(DB_ERR);
    expect(kept.filter((r) => r.source === as1.source)).toHaveLength(40);
    expect(kept.filter((r) => r.source === as1.source).every((r) => m.logs.weight(r) === 1)).toBe(true);
    expect(Math.round(weightOf(m, kept))).toBe(3040);
    expect(m.logs.sampled.map((s) => s.source)).toEqual([as0.source]);
  });

  it('stays exact when a key never passes the cap', () => {
    const m = model([log('starting authserver', {}, as0), ...dbErrors(KEEP_FIRST + KEEP_LAST, as0)], { retainLimit: 1 });
    expect(m.logs.withMessage(DB_ERR)).toHaveLength(KEEP_FIRST + KEEP_LAST);
    expect(m.logs.sampled).toEqual([]);
  });

  it('keeps the true latest lines after the kept list was compacted many times', () => {
    const n = 260_000;
    const m = model([log('starting authserver', {}, as0), ...dbErrors(n, as0)], { retainLimit: 1 });
    const kept = m.logs.withMessage(DB_ERR);
    expect(kept).toHaveLength(KEEP_FIRST + KEEP_LAST);
    expect(kept.slice(KEEP_FIRST).map((r) => r.line)).toEqual(Array.from({ length: KEEP_LAST }, (_, i) => n - KEEP_LAST + 1 + i));
    expect(Math.round(weightOf(m, kept))).toBe(n);
  });

  it('caps the lines of failing requests too, while counting every failure', () => {
    const recs: LogRecord[] = [access('GET', '/health', 200, { ...as0, requestId: 'filler' })];
    for (let i = 0; i < 2500; i++) recs.push(access('POST', '/oauth/token', 503, { ...as0, requestId: `r${i}` }));
    const m = model(recs, { retainLimit: 1 });
    const failures = m.http.failures();
    expect(failures).toHaveLength(KEEP_FIRST + KEEP_LAST);
    expect(failures[0]!.requestId).toBe('r0');
    expect(failures.at(-1)!.requestId).toBe('r2499');
    expect(m.http.byStatus.get(503)).toBe(2500);
    expect(Math.round(weightOf(m, failures))).toBe(2500);
  });
});
