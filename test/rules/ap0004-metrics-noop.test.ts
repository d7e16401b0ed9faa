import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0004-metrics-noop.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0004 metrics noop', () => {
  it('stays quiet when metrics set up normally', () => {
    expect([...rule.check(model([log('http server listening', { addr: ':9000' })]))]).toEqual([]);
  });

  it('reports the exporter error and points at step 7', () => {
    const bad = log('failed to setup metrics, using noop', { error: 'otlp: dial tcp 10.0.0.9:4317: connection refused' }, { level: 'ERROR', line: 7 });
    const [f] = [...rule.check(model([bad]))];
    expect(f?.explanation).toContain('otlp: dial tcp 10.0.0.9:4317: connection refused');
    expect(f?.explanation).toContain('step 7');
    expect(f?.evidence[0]?.line).toBe(7);
  });
});
