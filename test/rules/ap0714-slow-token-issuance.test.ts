import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0714-slow-token-issuance.ts';
import type { BundleRecord } from '../../src/ingest/index.ts';
import { access, model, snapshot } from '../helpers/records.ts';

const run = (recs: BundleRecord[]) => [...rule.check(model(recs))];
const H = 'authserver_token_issuance_duration_seconds';
const LE = ['0.1', '1', '2.5', '5', '+Inf'];
/** A histogram scrape with `counts` cumulative per bucket bound in LE order. */
const hist = (at: string, counts: number[]) => snapshot({ at }, Object.fromEntries([
  ...LE.map((le, i) => [`${H}_bucket{grant_type="authorization_code",le="${le}"}`, counts[i]!]),
  [`${H}_sum{grant_type="authorization_code"}`, 0], [`${H}_count{grant_type="authorization_code"}`, counts[counts.length - 1]!],
]));

describe('AP0714 slow token issuance', () => {
  it('stays quiet when issuance is fast', () => {
    expect(run([hist('2026-10-03T09:00:00Z', [0, 0, 0, 0, 0]), hist('2026-10-03T09:05:00Z', [100, 100, 100, 100, 100])])).toEqual([]);
  });

  it('reports a p99 between 2.5 and 5 s as the bucket says it, not an interpolated figure', () => {
    const [f] = run([hist('2026-10-03T09:00:00Z', [0, 0, 0, 0, 0]), hist('2026-10-03T09:05:00Z', [10, 20, 20, 100, 100])]);
    // 80 of the 100 issuances are in the (2.5, 5] bucket: the p99 is ≤ 5 s; 4.9 s would be a guess.
    expect(f?.explanation).toContain('p99 is over the 2 s alert threshold, ≤ 5 s (bucket bound)');
    expect(f?.explanation).toContain('80 of 100 issuances between 09:00:00 and 09:05:00 took 2.5–5 s');
    expect(f?.explanation).not.toMatch(/\d\.\d s/);
  });

  it('cites the bucket line of the scrape, not the top of the file', () => {
    const [f] = run([hist('2026-10-03T09:00:00Z', [0, 0, 0, 0, 0]), hist('2026-10-03T09:05:00Z', [10, 20, 20, 100, 100])]);
    // hist() writes the le="5" bucket on line 4 of each scrape.
    expect(f?.evidence[0]).toEqual(expect.objectContaining({
      file: 'metrics/authserver-2026-10-03T09:05:00Z.prom', line: 4,
      excerpt: `${H}_bucket{grant_type="authorization_code",le="5"} 0 → 100: 80 of 100 issuances between 09:00:00 and 09:05:00 took 2.5–5 s`,
    }));
    expect(f?.evidence[0]?.metric).toEqual(expect.objectContaining({ before: 0, after: 100, delta: 100, windowSeconds: 300 }));
  });

  it('says the database is slow when its operation histogram sits in the slow buckets too', () => {
    const D = 'authserver_db_operation_duration_seconds';
    const db = (at: string, counts: number[]) => snapshot({ at, file: `metrics/db-${at}.prom` }, Object.fromEntries([
      ...['1', '2.5', '5', '+Inf'].map((le, i) => [`${D}_bucket{op="refresh_tokens.rotate",le="${le}"}`, counts[i]!]),
      [`${D}_count{op="refresh_tokens.rotate"}`, counts[3]!],
    ]));
    const issuance = [hist('2026-10-03T09:00:00Z', [0, 0, 0, 0, 0]), hist('2026-10-03T09:05:00Z', [10, 20, 20, 100, 100])];
    const [f] = run([...issuance, db('2026-10-03T09:00:00Z', [0, 0, 0, 0]), db('2026-10-03T09:05:00Z', [0, 0, 30, 30])]);
    expect(f?.explanation).toContain('The database is slow: authserver_db_operation_duration_seconds shows all 30 refresh_tokens.rotate operations between 09:00:00 and 09:05:00 took 2.5–5 s');
    expect(f?.fix).toMatch(/^Make the database fast again: token issuance waits on refresh_tokens\.rotate/);
    expect(f?.evidence.slice(0, 2).map((e) => `${e.file}:${e.line}`)).toEqual(['metrics/db-2026-10-03T09:05:00Z.prom:2', 'metrics/db-2026-10-03T09:05:00Z.prom:3']);
    const [g] = run([...issuance, db('2026-10-03T09:00:00Z', [0, 0, 0, 0]), db('2026-10-03T09:05:00Z', [30, 30, 30, 30])]);
    expect(g?.explanation).not.toContain('database');
    expect(g?.fix).toBeUndefined();
  });

  it('falls back to the access log durations of POST /oauth/token', () => {
    const recs = Array.from({ length: 20 }, (_, i) => access('POST', '/oauth/token', 200, { durationMs: i < 15 ? 200 : 3500 }));
    const [f] = run(recs);
    expect(f?.explanation).toContain('p99 reached 3.5 s');
    expect(f?.evidence).toHaveLength(5);
  });
});
