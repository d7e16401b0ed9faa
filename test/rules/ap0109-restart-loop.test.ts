import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0109-restart-loop.ts';
import { log, model } from '../helpers/records.ts';

const boot = (time: string, line: number) => log('starting authserver', { version: '0.2.2' }, { source: 'pod/a', time, line });

describe('AP0109 restart loop', () => {
  it('stays quiet for restarts spread over the day', () => {
    const m = model([boot('2026-10-03T01:00:00Z', 1), boot('2026-10-03T09:00:00Z', 2), boot('2026-10-03T17:00:00Z', 3)]);
    expect([...rule.check(m)]).toEqual([]);
  });

  it('reports three boots within minutes and groups under a config cause', () => {
    const m = model([boot('2026-10-03T09:00:00Z', 1), boot('2026-10-03T09:01:00Z', 2), boot('2026-10-03T09:03:00Z', 3)]);
    const [f] = [...rule.check(m)];
    expect(f?.explanation).toContain('pod/a started 3 times between 09:00:00 and 09:03:00');
    expect(f?.evidence.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(rule.consequenceOf).toContain('config-invalid');
  });
});
