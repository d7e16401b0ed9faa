import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0103-db-errors-in-logs.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0103 DB errors in logs', () => {
  it('ignores token endpoint errors that are not about the database', () => {
    const signer = log('token endpoint error', { error: 'vault transit/sign/authserver-signing: status 403: permission denied' }, { level: 'ERROR' });
    expect([...rule.check(model([signer]))]).toEqual([]);
  });

  it('treats a single DB error as a weak warning', () => {
    const one = log('system status db ping failed', { error: 'dial tcp 10.0.0.5:5432: connect: connection refused' }, { level: 'ERROR', line: 3 });
    const [f] = [...rule.check(model([one]))];
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
  });

  it('reports a sustained run of DB errors as an error with every line', () => {
    const lines = [1, 2, 3, 4, 5].map((i) =>
      log('token endpoint error', { error: 'pq: the database system is shutting down' }, { level: 'ERROR', line: 10 + i, time: `2026-10-03T09:1${i}:00Z`, requestId: `req${i}` }));
    const [f] = [...rule.check(model(lines))];
    expect(f?.severity).toBe('error');
    expect(f?.affected).toBe(5);
    expect(f?.explanation).toContain('5 database errors between 09:11:00 and 09:15:00');
    expect(f?.evidence.map((e) => e.line)).toEqual([11, 12, 13, 14, 15]);
    expect(f?.traces).toEqual(['req:req1', 'req:req2', 'req:req3', 'req:req4', 'req:req5']);
  });
});
