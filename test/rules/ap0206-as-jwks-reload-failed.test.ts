import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0206-as-jwks-reload-failed.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0206 AS JWKS reload failed', () => {
  it('stays quiet when the keys reload', () => {
    expect([...rule.check(model([log('JWKS cache reloaded', { key_count: 2 })]))]).toEqual([]);
  });

  it('treats one failed initial load as a weak warning', () => {
    const [f] = [...rule.check(model([log('initial JWKS reload failed (will retry on first request)', { error: 'vault: status 503' }, { level: 'WARN' })]))];
    expect(f?.severity).toBe('warning');
    expect(f?.confidence).toBeLessThanOrEqual(0.4);
  });

  it('reports a failed SIGHUP reload as an error with its error text', () => {
    const a = log('SIGHUP received, reloading signing keys', {}, { line: 1 });
    const b = log('SIGHUP key reload failed', { error: 'open data/keys/current.pem: no such file or directory' }, { level: 'ERROR', line: 2 });
    const [f] = [...rule.check(model([a, b]))];
    expect(f?.severity).toBe('error');
    expect(f?.explanation).toContain('no such file or directory');
    expect(f?.evidence.map((e) => e.line)).toEqual([2]);
  });
});
