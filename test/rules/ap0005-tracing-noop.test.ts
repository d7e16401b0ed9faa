import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0005-tracing-noop.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0005 tracing noop', () => {
  it('stays quiet when tracing is simply off (the default)', () => {
    expect([...rule.check(model([log('starting authserver', { version: '0.2.2' })]))]).toEqual([]);
  });

  it('explains that trace ids will be missing when the exporter failed', () => {
    const bad = log('failed to setup tracing, using noop', { error: 'invalid endpoint' }, { level: 'ERROR', line: 4 });
    const [f] = [...rule.check(model([bad]))];
    expect(f?.explanation).toContain('invalid endpoint');
    expect(f?.explanation).toContain('no trace_id');
    expect(f?.evidence.map((e) => e.line)).toEqual([4]);
  });
});
