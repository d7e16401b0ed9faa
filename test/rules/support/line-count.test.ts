import { beforeEach, describe, expect, it } from 'vitest';
import { lineCount, lineTally, lineWeight, tallyWeighted } from '../../../src/rules/support/line-count.ts';
import { log, model, resetCounters } from '../../helpers/records.ts';

beforeEach(resetCounters);

const as0 = { source: 'pod/authserver-0/authserver', file: 'pods/as-0.log', level: 'ERROR' as const };
const as1 = { source: 'pod/authserver-1/authserver', file: 'pods/as-1.log', level: 'ERROR' as const };
const denied = (client: string, where: typeof as0) => log('token endpoint error', { error: 'invalid_grant', client_id: client }, where);

describe('counting the log lines that retained records stand for', () => {
  it('counts one line per record when nothing was sampled', () => {
    const m = model([denied('a', as0), denied('a', as0), denied('b', as1)]);
    const recs = m.logs.withMessage('token endpoint error');
    expect(lineCount(m, recs)).toBe(3);
    expect(recs.map((r) => lineWeight(m, r))).toEqual([1, 1, 1]);
  });

  it('counts every line of a message repeated past the retain limit, though only some were kept', () => {
    const recs = Array.from({ length: 3000 }, () => denied('a', as0));
    const m = model(recs, { retainLimit: 10 });
    const kept = m.logs.withMessage('token endpoint error');
    expect(kept.length).toBeLessThan(3000);
    expect(lineCount(m, kept)).toBe(3000);
  });

  it('adds the lines of a sampled source and of an unsampled one', () => {
    const recs = [...Array.from({ length: 2000 }, () => denied('a', as0)), ...Array.from({ length: 30 }, () => denied('b', as1))];
    const m = model(recs, { retainLimit: 10 });
    const kept = m.logs.withMessage('token endpoint error');
    expect(lineCount(m, kept)).toBe(2030);
    expect(lineCount(m, kept.filter((r) => r.source === as1.source))).toBe(30);
  });

  it('tallies lines per value with the true count of each, most first', () => {
    const recs = [...Array.from({ length: 30 }, () => denied('b', as1)), ...Array.from({ length: 2000 }, () => denied('a', as0))];
    const m = model(recs, { retainLimit: 10 });
    const kept = m.logs.withMessage('token endpoint error');
    const client = (r: { attrs: Record<string, unknown> }) => (typeof r.attrs.client_id === 'string' ? r.attrs.client_id : undefined);
    expect(lineTally(m, kept, client)).toEqual([['a', 2000], ['b', 30]]);
  });

  it('sums weights per value, leaves out items without one and keeps first-seen order on ties', () => {
    expect(tallyWeighted([['x', 1], [undefined, 5], ['y', 2.5], ['x', 1.5], ['z', 0.6]])).toEqual([['x', 3], ['y', 3], ['z', 1]]);
  });
});
