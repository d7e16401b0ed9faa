import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/catalog/ap0106-boot-aborted.ts';
import { log, model } from '../helpers/records.ts';

describe('AP0106 boot aborted', () => {
  it('stays quiet when the self-check passed', () => {
    expect([...rule.check(model([log('=== authserver feature self-check ===\n  dpop  enabled')]))]).toEqual([]);
  });

  it('names the misconfigured feature and repeats its remediation', () => {
    const msg = 'authserver boot aborted: required configuration is missing or invalid\n  - connect: connect.state_secret\n      remediation: set AUTHPLANE_CONNECT_STATE_SECRET to 32+ random bytes\nset the missing keys and restart the server.';
    const [f] = [...rule.check(model([log(msg, {}, { level: 'ERROR', line: 5 })]))];
    expect(f?.explanation).toContain('connect (connect.state_secret)');
    expect(f?.fix).toContain('set AUTHPLANE_CONNECT_STATE_SECRET to 32+ random bytes');
    expect(f?.evidence[0]?.line).toBe(5);
  });
});
