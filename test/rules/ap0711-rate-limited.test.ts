import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0711-rate-limited.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, model } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const limited = (n: number, addr = '10.0.0.1:4000') => Array.from({ length: n }, () => access('POST', '/oauth/token', 429, { remoteAddr: addr }));

describe('AP0711 rate limited', () => {
  it('stays quiet for a handful of 429s', () => {
    expect(run([...limited(5), ...Array.from({ length: 50 }, () => access('GET', '/health', 200))])).toEqual([]);
  });

  it('does not count login lockout 429s', () => {
    expect(run(Array.from({ length: 30 }, () => access('POST', '/login', 429)))).toEqual([]);
  });

  it('reports 429s funnelled through one private address', () => {
    const [f] = run([...limited(30), ...Array.from({ length: 10 }, () => access('POST', '/oauth/token', 200))]);
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('30 requests');
    expect(f?.explanation).toContain('(75.0% of all requests)');
    expect(f?.explanation).toContain('30 of them came from 10.0.0.1, a private address');
  });
});
