// Rules read an outage bundle whose repeated lines were sampled past the retain limit: the counts a
// user reads (explanation, affected, errors seen) are the true numbers of lines, not of kept records.
import { beforeEach, describe, expect, it } from 'vitest';
import ap0103 from '../../src/rules/catalog/ap0103-db-errors-in-logs.ts';
import ap0402 from '../../src/rules/catalog/ap0402-kid-unknown.ts';
import { errorsSeen } from '../../src/rules/engine/errors-seen.ts';
import { doc, log, resetCounters } from '../helpers/records.ts';
import { as0, as1, mcp, only, outage, times } from '../helpers/outage.ts';

beforeEach(resetCounters);

describe('rules of steps 0–4 count every line of an outage, not only the lines kept whole', () => {
  it('AP0103 says how many database errors there really were', () => {
    const m = outage(times(5000, () => log('system status db ping failed', { error: 'dial tcp 10.0.0.5:5432: connect: connection refused' }, { ...as0, level: 'ERROR' })));
    expect(m.logs.sampled).toHaveLength(1); // the premise: the line was sampled
    const f = only(ap0103, m);
    expect(f.explanation).toMatch(/^5000 database errors /);
    expect(f.affected).toBe(5000);
    expect(f.severity).toBe('error');
  });

  it('AP0103 adds a sampled source to unsampled ones and to another message', () => {
    const m = outage([
      ...times(3000, () => log('system status db ping failed', { error: 'connection refused' }, { ...as0, level: 'ERROR' })),
      ...times(40, () => log('system status db ping failed', { error: 'connection refused' }, { ...as1, level: 'ERROR' })),
      ...times(7, () => log('session: user existence check failed', { error: 'pq: connection refused' }, { ...as1, level: 'ERROR' })),
    ]);
    expect(m.logs.sampled.map((s) => s.source)).toEqual([as0.source]);
    const f = only(ap0103, m);
    expect(f.explanation).toMatch(/^3047 database errors /);
    expect(f.affected).toBe(3047);
  });

  it('AP0402 counts every request the MCP server rejected for an unknown kid', () => {
    const jwks = doc('jwks', { keys: [{ kid: 'k-new', kty: 'EC' }] }, { file: 'jwks.json' });
    const misses = times(3000, (i) => log('auth failed', { error: 'invalid token: verifier: invalid claims: key "k-gone" with algorithm ES256 not found in JWKS' }, { ...mcp, requestId: `r${i}` }));
    const f = only(ap0402, outage([jwks, ...misses]));
    expect(f.explanation).toContain('MCP server rejected 3000 requests ');
    expect(f.affected).toBe(3000);
  });

  it('lists every catalogued error among "errors seen" with its true count', () => {
    const lines = times(3000, () => log('token endpoint error', { error: 'invalid_grant' }, { ...as0, level: 'WARN' }));
    const seen = errorsSeen(outage(lines)).find((e) => e.code === 'invalid_grant');
    expect(seen?.count).toBe(3000);
  });
});
