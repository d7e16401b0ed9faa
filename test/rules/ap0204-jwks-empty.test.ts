import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0204-jwks-empty.ts';
import { doc, log, model } from '../helpers/records.ts';

describe('AP0204 JWKS empty', () => {
  it('stays quiet with the current and previous key published', () => {
    const jwks = doc('jwks', { keys: [{ kid: 'k-new', kty: 'EC' }, { kid: 'k-old', kty: 'EC' }] });
    expect([...rule.check(model([jwks, log('JWKS cache reloaded', { key_count: 2 })]))]).toEqual([]);
  });

  it('reports an empty key set and the zero-key reload', () => {
    const jwks = doc('jwks', { keys: [] }, { file: 'jwks.json' });
    const reload = log('JWKS cache reloaded', { key_count: 0, duration: 1200 }, { line: 6 });
    const [f] = [...rule.check(model([jwks, reload]))];
    expect(f?.explanation).toContain('key_count=0');
    expect(f?.evidence.map((e) => `${e.file}:${e.line}`)).toEqual(['jwks.json:1', 'logs/authserver.log:6']);
  });
});
