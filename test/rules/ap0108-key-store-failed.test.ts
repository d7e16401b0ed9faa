import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0108-key-store-failed.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0108 key store failed', () => {
  it('stays quiet when the key store opened', () => {
    expect([...rule.check(model([log('JWKS cache reloaded', { key_count: 2 })]))]).toEqual([]);
  });

  it('explains an unreadable key directory', () => {
    const fatal = log('error: create key store: open /var/lib/authserver/keys/current.pem: permission denied', {}, { level: 'ERROR', format: 'fatal', line: 3 });
    const [f] = [...rule.check(model([fatal]))];
    expect(f?.explanation).toContain('not readable by the AuthPlane user');
    expect(rule.fix).toContain('chown');
  });
});
