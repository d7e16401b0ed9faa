import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0107-secret-ref-probe.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0107 secret ref probe', () => {
  it('stays quiet on a clean boot', () => {
    expect([...rule.check(model([log('http server listening', { addr: ':9000' })]))]).toEqual([]);
  });

  it('reports the failed probe line', () => {
    const fatal = log('error: secret ref probe failed — storage.postgres.dsn_env: AUTHPLANE_PG_DSN is not set', {}, { level: 'ERROR', format: 'fatal', line: 2 });
    const [f] = [...rule.check(model([fatal]))];
    expect(f?.explanation).toContain('AUTHPLANE_PG_DSN is not set');
    expect(f?.evidence.map((e) => e.line)).toEqual([2]);
  });
});
